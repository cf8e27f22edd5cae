/**
 * The mixed workload of `sandbox.bench.ts` and the check of every answer.
 * Paths, parameter names, success fields, URL formats and statuses are read
 * from the spec's model; only the mix (which operation how often) is the
 * bench's own. Each server under test gets its own {@link BenchWorkload}: the
 * meetings and participants it created itself, and the same sequence of
 * calls per round (one seeded generator per round).
 */
import { getOperation, lifecycle, operationIds, operationParams, successFields, urlFormats, type SuccessField, type UrlFormats } from '@org/liveminutes-spec';

/** The kind of URL a success field holds (`x-liveminutes-url`). */
export type UrlKind = keyof UrlFormats;

/** What a right answer holds beyond its shape. */
export interface Expected {
  /** The value of the field holding this kind of URL (getMeetingUrl and getParticipantUrl are stable). */
  readonly url?: { readonly kind: UrlKind; readonly value: string };
  /** The value of the status field. */
  readonly status?: string;
}

/** One request of the workload and what its answer must be. */
export interface Call {
  readonly operationId: string;
  readonly path: string;
  /** The form body, `application/x-www-form-urlencoded`. */
  readonly body: string;
  /** The request's parameters, by name. */
  readonly params: Readonly<Record<string, string>>;
  readonly expected: Expected;
  /** Learns from a right answer (the URL of a new meeting, a key that may now be cancelled). */
  readonly onSuccess?: (answer: Readonly<Record<string, unknown>>) => void;
}

/** A checked answer: the parsed body, or why it is not the expected one. */
export type Checked =
  | { readonly ok: true; readonly answer: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: string };

/** A required success field, and the request parameter it repeats (meetingKey), if any. */
interface FieldRule extends SuccessField {
  readonly echoes: string | undefined;
}

const fieldRules = new Map<string, readonly FieldRule[]>();

/** Every required field of the operation's success schema, and what it must hold. */
function rulesOf(operationId: string): readonly FieldRule[] {
  let rules = fieldRules.get(operationId);
  if (rules) return rules;
  const meeting = operationParams(operationId).meeting?.name;
  rules = successFields(operationId)
    .filter((field) => field.required)
    .map((field) => ({ ...field, echoes: field.name === meeting ? field.name : undefined }));
  fieldRules.set(operationId, rules);
  return rules;
}

/**
 * Checks one answer: HTTP 200, JSON, every required success field (so
 * `resultcode` 1), a meeting key echoed as sent, URLs in the spec's formats,
 * statuses of the spec's enum, and the expected URL or status when one is known.
 * @example
 * const checked = checkAnswer(call, 200, '{"resultcode":1,"status":"1"}');
 * if (!checked.ok) console.error(checked.problem);
 */
export function checkAnswer(call: Call, httpStatus: number, text: string): Checked {
  const fail = (problem: string): Checked => ({ ok: false, problem: `${call.operationId}: ${problem}; answer ${text.slice(0, 200)}` });
  if (httpStatus !== 200) return fail(`HTTP ${httpStatus}`);
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return fail('not JSON');
  }
  if (answer === null || typeof answer !== 'object') return fail('not a JSON object');
  for (const rule of rulesOf(call.operationId)) {
    const value = answer[rule.name];
    if (rule.const !== undefined) {
      if (value !== rule.const) return fail(`${rule.name} is ${JSON.stringify(value)}, expected ${JSON.stringify(rule.const)}`);
      continue;
    }
    if (typeof value !== 'string') return fail(`${rule.name} is missing or not a string`);
    if (rule.echoes !== undefined && value !== call.params[rule.echoes]) return fail(`${rule.name} ${value} is not the one sent`);
    if (rule.url !== undefined) {
      if (!urlFormats()[rule.url].test(value)) return fail(`${rule.name} ${value} is not a ${rule.url}`);
      if (call.expected.url?.kind === rule.url && value !== call.expected.url.value) {
        return fail(`${rule.name} ${value} differs from ${call.expected.url.value}`);
      }
    }
    if (rule.enum !== undefined) {
      if (!rule.enum.includes(value)) return fail(`${rule.name} ${value} is not a value of the spec`);
      if (call.expected.status !== undefined && value !== call.expected.status) {
        return fail(`${rule.name} ${value}, expected ${call.expected.status}`);
      }
    }
  }
  return { ok: true, answer };
}

/** The value of the answer's field holding this kind of URL. */
function urlIn(operationId: string, answer: Readonly<Record<string, unknown>>, kind: UrlKind): string {
  const rule = rulesOf(operationId).find((r) => r.url === kind);
  if (!rule) throw new Error(`${operationId} answers no ${kind}`);
  return answer[rule.name] as string;
}

/** The entities an operation's parameters name (`x-liveminutes-identifies`). */
interface Names {
  readonly meeting: string;
  readonly host?: string;
  readonly participant?: string;
}

const shapes = new Map<string, { path: string; names: Array<[keyof Names, string]> }>();

/** The operation's path and which parameter carries which name, read once (getOperation resolves the schemas each time). */
function shapeOf(operationId: string): { path: string; names: Array<[keyof Names, string]> } {
  let shape = shapes.get(operationId);
  if (shape) return shape;
  const info = operationParams(operationId);
  const names = (['meeting', 'host', 'participant'] as const).flatMap((role): Array<[keyof Names, string]> => {
    const param = info[role];
    return param ? [[role, param.name]] : [];
  });
  const missing = info.params.filter((p) => p.required && !names.some(([, name]) => name === p.name));
  if (missing.length > 0) throw new Error(`The bench fills no ${missing.map((p) => p.name).join(', ')} for ${operationId}`);
  shape = { path: getOperation(operationId).path, names };
  shapes.set(operationId, shape);
  return shape;
}

/**
 * Builds a call from the names of the meeting, host and participant it is about;
 * the operation's parameters say which of them it takes.
 * @example
 * makeCall('getMeetingStatus', { meeting: 'seed-1' }, { status: lifecycle('meeting').initial }).body; // 'meetingKey=seed-1'
 */
export function makeCall(operationId: string, names: Names, expected: Expected = {}, onSuccess?: Call['onSuccess']): Call {
  const { path, names: carried } = shapeOf(operationId);
  const params: Record<string, string> = {};
  for (const [role, name] of carried) {
    const value = names[role];
    if (value === undefined) throw new Error(`${operationId} needs a ${role}`);
    params[name] = value;
  }
  return { operationId, path, body: new URLSearchParams(params).toString(), params, expected, ...(onSuccess ? { onSuccess } : {}) };
}

/** Shares of the mixed workload, in percent: 70% status and URL reads, 30% writes. */
export const MIX: Readonly<Record<string, number>> = {
  getMeetingStatus: 20,
  getParticipantStatus: 20,
  getMeetingUrl: 15,
  getParticipantUrl: 15,
  createMeeting: 12,
  addParticipant: 12,
  cancelMeeting: 3,
  cancelParticipant: 3,
};
const READS = ['getMeetingStatus', 'getParticipantStatus', 'getMeetingUrl', 'getParticipantUrl'];
for (const id of Object.keys(MIX)) if (!operationIds().includes(id)) throw new Error(`${id} is not an operation of the spec`);

/** A meeting made before the rounds, with one participant; nothing in the workload cancels either. */
export interface SeededMeeting {
  readonly meetingKey: string;
  meetingUrl?: string;
  readonly puid: string;
  participantUrl?: string;
}

/** Mulberry32: a small seeded generator, so that every server gets the same calls in a round. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One server's workload: its seeded meetings, and the meetings and
 * participants the rounds created on it that are live and may be cancelled.
 * @example
 * const workload = new BenchWorkload(200, 'mixed');
 * await runLoad(url, workload.seedMeetings(), options);
 * await runLoad(url, workload.seedParticipants(), options);
 * await runLoad(url, workload.round('1', 42), options);
 */
export class BenchWorkload {
  readonly meetings: SeededMeeting[];
  private readonly created: string[] = [];
  private readonly added: Array<{ meetingKey: string; puid: string }> = [];
  private readonly shares: ReadonlyArray<readonly [string, number]>;

  constructor(seedMeetings: number, mix: 'mixed' | 'reads') {
    this.meetings = Array.from({ length: seedMeetings }, (_, i) => ({ meetingKey: `seed-${i}`, puid: `seed-user-${i}` }));
    const ids = mix === 'reads' ? READS : Object.keys(MIX);
    const total = ids.reduce((sum, id) => sum + MIX[id]!, 0);
    let cumulative = 0;
    this.shares = ids.map((id) => [id, (cumulative += MIX[id]!) / total] as const);
  }

  /** The createMeeting calls of the seeded meetings, then undefined. */
  seedMeetings(): () => Call | undefined {
    let i = 0;
    return () => {
      const meeting = this.meetings[i];
      if (!meeting) return undefined;
      return makeCall('createMeeting', { meeting: meeting.meetingKey, host: `host-${i++ % 20}` }, {}, (answer) => {
        meeting.meetingUrl = urlIn('createMeeting', answer, 'meetingUrl');
      });
    };
  }

  /** The addParticipant calls of the seeded participants (after seedMeetings), then undefined. */
  seedParticipants(): () => Call | undefined {
    let i = 0;
    return () => {
      const meeting = this.meetings[i++];
      if (!meeting) return undefined;
      return makeCall('addParticipant', { meeting: meeting.meetingKey, participant: meeting.puid }, {}, (answer) => {
        meeting.participantUrl = urlIn('addParticipant', answer, 'entryUrl');
      });
    };
  }

  /** One round's endless calls; the same `label` and `seed` give every server the same sequence. */
  round(label: string, seed: number): () => Call {
    if (this.meetings.some((m) => m.meetingUrl === undefined || m.participantUrl === undefined)) throw new Error('Seed first');
    const random = seeded(seed);
    let n = 0;
    return () => {
      const roll = random();
      const operationId = this.shares.find(([, upTo]) => roll < upTo)?.[0] ?? this.shares[this.shares.length - 1]![0];
      const meeting = this.meetings[Math.floor(random() * this.meetings.length)]!;
      const fresh = { id: `r${label}-${n}`, host: `host-${n++ % 50}` };
      return this.plan(operationId, meeting, fresh);
    };
  }

  /** A call of `operationId`: reads and adds on `meeting`, creates and adds with the new id `fresh.id`. */
  private plan(operationId: string, meeting: SeededMeeting, fresh: { id: string; host: string }): Call {
    const { meetingKey, puid } = meeting;
    switch (operationId) {
      case 'getMeetingStatus':
        return makeCall(operationId, { meeting: meetingKey }, { status: lifecycle('meeting').initial });
      case 'getParticipantStatus':
        return makeCall(operationId, { meeting: meetingKey, participant: puid }, { status: lifecycle('participant').initial });
      case 'getMeetingUrl':
        return makeCall(operationId, { meeting: meetingKey }, { url: { kind: 'meetingUrl', value: meeting.meetingUrl! } });
      case 'getParticipantUrl':
        return makeCall(operationId, { meeting: meetingKey, participant: puid }, { url: { kind: 'entryUrl', value: meeting.participantUrl! } });
      case 'createMeeting':
        return makeCall(operationId, { meeting: fresh.id, host: fresh.host }, {}, () => this.created.push(fresh.id));
      case 'addParticipant':
        return makeCall(operationId, { meeting: meetingKey, participant: fresh.id }, {}, () => this.added.push({ meetingKey, puid: fresh.id }));
      case 'cancelMeeting': {
        // Only a meeting whose creation was answered; before the first one, a read instead.
        const key = this.created.shift();
        return key === undefined ? this.plan('getMeetingStatus', meeting, fresh) : makeCall(operationId, { meeting: key });
      }
      case 'cancelParticipant': {
        const participant = this.added.shift();
        return participant === undefined
          ? this.plan('getParticipantStatus', meeting, fresh)
          : makeCall(operationId, { meeting: participant.meetingKey, participant: participant.puid });
      }
      default:
        throw new Error(`The bench does not plan ${operationId}`);
    }
  }
}
