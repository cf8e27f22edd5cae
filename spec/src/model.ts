/**
 * The typed model of the spec: what the rules' data, the two lifecycles, the
 * transport answers, the request parameters and the success fields mean, read once from the
 * bundled document. Every package imports these accessors instead of reading
 * `getRule(id).data` and casting; a rule's data key that nothing here reads
 * fails `model.test.ts`.
 */
import { getEnum, getRule, type RetryPolicy, type RuleLevel } from './document.js';
import { ruleData, type StatusChange, type Transition } from './rule-data.js';
import type { NumberRange } from './validation.js';

/** A status value with its name and meaning (`x-enum-varnames`, `x-enum-descriptions`). */
export interface StatusInfo {
  readonly value: string;
  readonly name: string;
  readonly description: string;
}

/** Whose lifecycle: a meeting's (acted on through hostUrl) or a participant's (participantUrl). */
export type LifecycleKind = 'meeting' | 'participant';

/** One state machine of the spec, with the page its actions are posted on. */
export interface Lifecycle {
  readonly kind: LifecycleKind;
  /** The rule that lists the transitions (`lifecycle.meeting` / `lifecycle.participant`). */
  readonly rule: string;
  readonly level: RuleLevel;
  /** Every status of the enum, in the spec's order. */
  readonly statuses: readonly StatusInfo[];
  readonly initial: string;
  /** Statuses no transition leaves (for meetings: finished). */
  readonly final: readonly string[];
  /** Every transition, in the spec's order. */
  readonly transitions: readonly Transition[];
  /** The distinct actions (what an entry page's form field `action` may say). */
  readonly actions: readonly string[];
  /** The success field whose URL is the entry page taking these actions. */
  readonly entryUrlField: 'hostUrl' | 'participantUrl';
  /** The operation that reads the status. */
  readonly statusOperation: 'getMeetingStatus' | 'getParticipantStatus';
  /** Participants only: what happens to them when their meeting reaches a final status. */
  readonly onMeetingEnd: StatusChange | undefined;
  /** A status's name and meaning, or undefined for a value the spec does not know. */
  status(value: string): StatusInfo | undefined;
  /** The transitions out of a status (what its page offers). */
  from(status: string): readonly Transition[];
  /** Where an action leads from a status, or undefined if the lifecycle forbids it. */
  next(from: string, action: string): string | undefined;
  /** The shortest list of transitions between two statuses, or undefined. */
  route(from: string, to: string): readonly Transition[] | undefined;
}

const LIFECYCLES = {
  meeting: {
    rule: 'lifecycle.meeting',
    initial: 'createMeeting.initial-status',
    schema: 'MeetingStatus',
    entryUrlField: 'hostUrl',
    statusOperation: 'getMeetingStatus',
  },
  participant: {
    rule: 'lifecycle.participant',
    initial: 'addParticipant.initial-status',
    schema: 'ParticipantStatus',
    entryUrlField: 'participantUrl',
    statusOperation: 'getParticipantStatus',
  },
} as const;

const lifecycles = new Map<LifecycleKind, Lifecycle>();

/**
 * The meeting or participant lifecycle: statuses, initial and final ones,
 * transitions with their actions, and the entry page that takes them.
 * @example
 * const meeting = lifecycle('meeting');
 * meeting.next(meeting.initial, 'start'); // '8'
 * meeting.route('1', '12')?.map((t) => t.action); // ['start', 'end']
 * lifecycle('participant').onMeetingEnd; // { from: '10', to: '11' }
 */
export function lifecycle(kind: LifecycleKind): Lifecycle {
  let found = lifecycles.get(kind);
  if (!found) lifecycles.set(kind, (found = readLifecycle(kind)));
  return found;
}

function readLifecycle(kind: LifecycleKind): Lifecycle {
  const source = LIFECYCLES[kind];
  const statuses = getEnum(source.schema);
  const known = new Set(statuses.map((s) => s.value));
  const data = ruleData(source.rule);
  const transitions = data.transitions.map(({ from, to, action }) => ({ from, to, action }));
  const end = kind === 'participant' ? ruleData('lifecycle.participant').meetingEnd : undefined;
  const onMeetingEnd = end && { from: end.from, to: end.to };
  const initial = ruleData(source.initial).status;
  for (const status of [initial, ...transitions.flatMap((t) => [t.from, t.to]), onMeetingEnd?.from, onMeetingEnd?.to]) {
    if (status !== undefined && !known.has(status)) throw new Error(`${source.rule}: ${status} is not a ${source.schema}`);
  }
  const from = (status: string): Transition[] => transitions.filter((t) => t.from === status);
  return {
    kind,
    rule: source.rule,
    level: getRule(source.rule).level,
    statuses,
    initial,
    final: statuses.map((s) => s.value).filter((value) => from(value).length === 0),
    transitions,
    actions: [...new Set(transitions.map((t) => t.action))],
    entryUrlField: source.entryUrlField,
    statusOperation: source.statusOperation,
    onMeetingEnd,
    status: (value) => statuses.find((s) => s.value === value),
    from,
    next: (status, action) => transitions.find((t) => t.from === status && t.action === action)?.to,
    route(start, end) {
      const routes = new Map<string, Transition[]>([[start, []]]);
      const queue = [start];
      for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
        if (status === end) return routes.get(status);
        for (const t of from(status)) {
          if (routes.has(t.to)) continue;
          routes.set(t.to, [...(routes.get(status) ?? []), t]);
          queue.push(t.to);
        }
      }
      return undefined;
    },
  };
}

/** The per-account quotas. */
export interface Limits {
  readonly users: number;
  readonly sessions: number;
}

/**
 * The per-account quotas of `quota.limits`.
 * @example
 * limits(); // { users: 1000, sessions: 10000 }
 */
export function limits(): Limits {
  const { users, sessions } = ruleData('quota.limits');
  return { users, sessions };
}

/**
 * The largest request body a server accepts (`transport.payload-too-large`).
 * @example
 * maxBodyBytes(); // 65536
 */
export function maxBodyBytes(): number {
  return ruleData('transport.payload-too-large').maxBodyBytes;
}

/** The URL formats of `url.formats`, compiled. */
export interface UrlFormats {
  /** `{publicUrl}/` and 6 of `[0-9A-Z]`. */
  readonly meetingUrl: RegExp;
  /** hostUrl and participantUrl: `{publicUrl}/e/LIVE` and 20 of `[0-9A-Z]`. */
  readonly entryUrl: RegExp;
}

/**
 * The meeting and entry URL patterns, compiled.
 * @example
 * urlFormats().entryUrl.test('http://liveminutes.com/e/LIVEXP63FCLCRJW4GHT1X7O6'); // true
 */
export function urlFormats(): UrlFormats {
  if (!formats) {
    const { meetingUrl, entryUrl } = ruleData('url.formats');
    formats = { meetingUrl: new RegExp(meetingUrl), entryUrl: new RegExp(entryUrl) };
  }
  return formats;
}

// Compiled once: the patterns carry no `g` or `y` flag, so sharing them keeps no state.
let formats: UrlFormats | undefined;

/** What `url.random` asks of entry tokens, as a reader can judge them from outside. */
export interface UrlRandomness {
  /** The random part (the token after url.formats' literal prefix) carries more than this many bits. */
  readonly minBits: number;
  /** Two tokens never share this many characters or more at one end of their random parts. */
  readonly sharedRun: number;
  /** How many tokens it takes to judge them... */
  readonly minTokens: number;
  /** ...and how many distinct symbols that many tokens use at least. */
  readonly minAlphabet: number;
}

/**
 * The entry-token thresholds of `url.random`.
 * @example
 * urlRandomness(); // { minBits: 100, sharedRun: 7, minTokens: 12, minAlphabet: 20 }
 */
export function urlRandomness(): UrlRandomness {
  const { minBits, sharedRun, minTokens, minAlphabet } = ruleData('url.random');
  return { minBits, sharedRun, minTokens, minAlphabet };
}

/**
 * The error code that means the server broke (`failure.internal-error`): a
 * conformance suite counts it like an HTTP 5xx.
 * @example
 * serverFaultCode(); // 'internal_error'
 */
export function serverFaultCode(): string {
  return ruleData('failure.internal-error').error;
}

export {
  errorCodes,
  failureCodes,
  failureMessage,
  failureRule,
  invalidParameterRule,
  transportFailure,
  transportFailures,
  withRule,
  type InvalidParameterCause,
  type TransportFailure,
} from './failures.js';
export { operationParams, retryPolicy, type Identifies, type OperationParams, type ParamInfo } from './params.js';
export { successFields, successRule, type SuccessField } from './success.js';
export { testTriggerPrefix, testTriggers, type TestTrigger, type TestTriggerEffect } from './test-triggers.js';
export { modelRuleDataKeys, ruleData, type StatusChange, type Transition } from './rule-data.js';
export type { NumberRange, RetryPolicy };
