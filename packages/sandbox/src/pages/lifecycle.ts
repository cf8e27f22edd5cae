/**
 * What the entry pages may offer: the store's lifecycles (read from the spec's
 * `lifecycle.meeting` and `lifecycle.participant` rules) seen per page kind,
 * and the names and meanings of the MeetingStatus and ParticipantStatus enums.
 */
import { getEnum } from '@org/liveminutes-spec';
import { meetingLifecycle, participantLifecycle, type Lifecycle, type Transition } from '../store/index.js';

export type { Transition };

/** Whose entry page: the meeting's host or one participant. */
export type EntryKind = 'host' | 'participant';

/** A status value with its name and meaning from the spec's enum. */
export interface StatusInfo {
  readonly value: string;
  readonly name: string;
  readonly description: string;
}

const LIFECYCLE: Record<EntryKind, Lifecycle> = { host: meetingLifecycle, participant: participantLifecycle };
const ENUM: Record<EntryKind, string> = { host: 'MeetingStatus', participant: 'ParticipantStatus' };

/**
 * Every transition of one state machine, in the spec's order.
 * @example
 * transitions('host')[0]; // { from: '1', to: '8', action: 'start' }
 */
export function transitions(kind: EntryKind): readonly Transition[] {
  return LIFECYCLE[kind].transitions;
}

/**
 * The status a new meeting (host) or participant starts in.
 * @example
 * initialStatus('participant'); // '2'
 */
export function initialStatus(kind: EntryKind): string {
  return LIFECYCLE[kind].initial;
}

/**
 * The distinct actions of one state machine (what the form field `action` may say).
 * @example
 * knownActions('participant'); // ['refuse', 'accept', 'join', 'leave']
 */
export function knownActions(kind: EntryKind): string[] {
  return [...new Set(transitions(kind).map((t) => t.action))];
}

/**
 * The transitions allowed from one status: what the page offers as buttons.
 * @example
 * allowedTransitions('host', '8').map((t) => t.action); // ['end', 'leave']
 */
export function allowedTransitions(kind: EntryKind, status: string): Transition[] {
  return transitions(kind).filter((t) => t.from === status);
}

/**
 * Whether no transition leaves a status (for meetings: finished; also any
 * value the spec does not know).
 * @example
 * isFinal('host', '12'); // true
 */
export function isFinal(kind: EntryKind, status: string): boolean {
  return allowedTransitions(kind, status).length === 0;
}

/**
 * A status value's name and meaning from the spec's enum; unknown values are
 * described as such rather than hidden.
 * @example
 * describeStatus('host', '12').name; // 'finish'
 */
export function describeStatus(kind: EntryKind, status: string): StatusInfo {
  const found = getEnum(ENUM[kind]).find((entry) => entry.value === status);
  return found ?? { value: status, name: 'unknown', description: 'Unknown status' };
}

/**
 * A walk from the initial status that takes every transition at least once,
 * going into a final status only when nothing else is left: the order in which
 * a person (or a browser test) can try every button of a page kind.
 * @example
 * coveringWalk('host').map((t) => t.action); // ['start', 'leave', 'start', 'end']
 */
export function coveringWalk(kind: EntryKind): Transition[] {
  const lifecycle = LIFECYCLE[kind];
  const left = new Set(lifecycle.transitions);
  const walk: Transition[] = [];
  let status = lifecycle.initial;
  while (left.size > 0) {
    const candidates = [...left].sort((a, b) => Number(isFinal(kind, a.to)) - Number(isFinal(kind, b.to)));
    const next = candidates
      .map((t) => ({ t, route: shortestRoute(kind, status, t.from) }))
      .find((c) => c.route !== undefined);
    if (!next?.route) throw new Error(`The ${kind} lifecycle cannot reach every transition from ${lifecycle.initial}`);
    for (const step of [...next.route, next.t]) {
      walk.push(step);
      left.delete(step);
    }
    status = next.t.to;
  }
  return walk;
}

function shortestRoute(kind: EntryKind, from: string, to: string): Transition[] | undefined {
  const routes = new Map<string, Transition[]>([[from, []]]);
  const queue = [from];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    if (status === to) return routes.get(status);
    for (const t of allowedTransitions(kind, status)) {
      if (routes.has(t.to)) continue;
      routes.set(t.to, [...(routes.get(status) ?? []), t]);
      queue.push(t.to);
    }
  }
  return undefined;
}
