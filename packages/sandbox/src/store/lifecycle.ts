/**
 * The status lifecycles, read from the spec's rules `lifecycle.meeting`,
 * `lifecycle.participant`, `createMeeting.initial-status` and
 * `addParticipant.initial-status`; no transition is written here by hand.
 */
import { getEnum, getRule } from '@org/liveminutes-spec';

/** One allowed status change. */
export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly action: string;
}

/** A lifecycle: its transitions and the statuses it knows. */
export interface Lifecycle {
  readonly initial: string;
  readonly transitions: readonly Transition[];
  /** Statuses with no outgoing transition (for meetings: finished). */
  readonly final: ReadonlySet<string>;
  /** The status an action leads to from `from`, or undefined if the lifecycle forbids it. */
  next(from: string, action: string): string | undefined;
}

function readLifecycle(ruleId: string, initialRuleId: string, enumName: string): Lifecycle {
  const statuses = new Set(getEnum(enumName).map((entry) => entry.value));
  const raw = getRule(ruleId).data?.transitions;
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`Rule ${ruleId} has no transitions`);
  const transitions = raw.map((item: unknown): Transition => {
    const { from, to, action } = (item ?? {}) as Record<string, unknown>;
    if (typeof from !== 'string' || typeof to !== 'string' || typeof action !== 'string') {
      throw new Error(`Rule ${ruleId} has a malformed transition`);
    }
    if (!statuses.has(from) || !statuses.has(to)) throw new Error(`Rule ${ruleId}: ${from}->${to} is not a ${enumName}`);
    return { from, to, action };
  });
  const initial = getRule(initialRuleId).data?.status;
  if (typeof initial !== 'string' || !statuses.has(initial)) throw new Error(`Rule ${initialRuleId} has no valid status`);
  const final = new Set([...statuses].filter((status) => !transitions.some((t) => t.from === status)));
  return {
    initial,
    transitions,
    final,
    next: (from, action) => transitions.find((t) => t.from === from && t.action === action)?.to,
  };
}

/**
 * The meeting lifecycle (actions start, end, leave).
 * @example
 * meetingLifecycle.next(meetingLifecycle.initial, 'start'); // '8'
 */
export const meetingLifecycle: Lifecycle = readLifecycle('lifecycle.meeting', 'createMeeting.initial-status', 'MeetingStatus');

/**
 * The participant lifecycle (actions accept, refuse, join, leave).
 * @example
 * participantLifecycle.next('2', 'join'); // '10'
 */
export const participantLifecycle: Lifecycle = readLifecycle(
  'lifecycle.participant',
  'addParticipant.initial-status',
  'ParticipantStatus',
);

/** The meeting action that ends a meeting: the one leading into a final status. */
export const endingMeetingActions: ReadonlySet<string> = new Set(
  meetingLifecycle.transitions.filter((t) => meetingLifecycle.final.has(t.to)).map((t) => t.action),
);
