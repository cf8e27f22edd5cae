/**
 * What the entry pages may offer, per page kind: the host's page acts on the
 * spec's meeting lifecycle, a participant's page on the participant
 * lifecycle (`lifecycle()` of `@org/liveminutes-spec`, the one reader of the
 * rules). Adds what only pages need: a description for unknown statuses and a
 * walk that tries every button.
 */
import { lifecycle, type Lifecycle, type StatusInfo, type Transition } from '@org/liveminutes-spec';

export type { StatusInfo, Transition };

/** Whose entry page: the meeting's host or one participant. */
export type EntryKind = 'host' | 'participant';

/**
 * The lifecycle a page kind acts on.
 * @example
 * entryLifecycle('host').from('8').map((t) => t.action); // ['end', 'leave']
 */
export function entryLifecycle(kind: EntryKind): Lifecycle {
  return lifecycle(kind === 'host' ? 'meeting' : 'participant');
}

/**
 * A status value's name and meaning from the spec's enum; unknown values are
 * described as such rather than hidden.
 * @example
 * describeStatus('host', '12').name; // 'finish'
 */
export function describeStatus(kind: EntryKind, status: string): StatusInfo {
  return entryLifecycle(kind).status(status) ?? { value: status, name: 'unknown', description: 'Unknown status' };
}

/**
 * Whether no transition leaves a status (for meetings: finished; also any
 * value the spec does not know).
 * @example
 * isFinal('host', '12'); // true
 */
export function isFinal(kind: EntryKind, status: string): boolean {
  return entryLifecycle(kind).from(status).length === 0;
}

/**
 * A walk from the initial status that takes every transition at least once,
 * going into a final status only when nothing else is left: the order in which
 * a person (or a browser test) can try every button of a page kind.
 * @example
 * coveringWalk('host').map((t) => t.action); // ['start', 'leave', 'start', 'end']
 */
export function coveringWalk(kind: EntryKind): Transition[] {
  const machine = entryLifecycle(kind);
  const left = new Set(machine.transitions);
  const walk: Transition[] = [];
  let status = machine.initial;
  while (left.size > 0) {
    const candidates = [...left].sort((a, b) => Number(isFinal(kind, a.to)) - Number(isFinal(kind, b.to)));
    const next = candidates.map((t) => ({ t, route: machine.route(status, t.from) })).find((c) => c.route !== undefined);
    if (!next?.route) throw new Error(`The ${kind} lifecycle cannot reach every transition from ${machine.initial}`);
    for (const step of [...next.route, next.t]) {
      walk.push(step);
      left.delete(step);
    }
    status = next.t.to;
  }
  return walk;
}
