/**
 * Statuses that need a person to act (a host starting a meeting, a participant
 * joining) are reached through the entry pages' forms, following the
 * spec's lifecycle rules: the path of actions is searched in the transitions
 * the spec lists, never written down here.
 */
import { getRule } from '@org/liveminutes-spec';
import type { ProviderApi } from './provider-api.js';

/** One move of a lifecycle, as the spec's rule data lists it. */
export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly action: string;
}

/** Whose lifecycle: a meeting's (acted on through hostUrl) or a participant's. */
export type LifecycleKind = 'meeting' | 'participant';

/**
 * The transitions of one lifecycle rule (`lifecycle.meeting` / `lifecycle.participant`).
 * @example
 * lifecycleTransitions('meeting')[0]; // { from: '1', to: '8', action: 'start' }
 */
export function lifecycleTransitions(kind: LifecycleKind): Transition[] {
  const data = getRule(`lifecycle.${kind}`).data?.transitions;
  if (!Array.isArray(data)) throw new Error(`Rule lifecycle.${kind} lists no transitions`);
  return data.map((item) => {
    const { from, to, action } = item as Record<string, unknown>;
    return { from: String(from), to: String(to), action: String(action) };
  });
}

/**
 * The initial status of a new meeting or participant, from the
 * `createMeeting.initial-status` and `addParticipant.initial-status` rules.
 * @example
 * initialStatus('meeting'); // '1'
 */
export function initialStatus(kind: LifecycleKind): string {
  const id = kind === 'meeting' ? 'createMeeting.initial-status' : 'addParticipant.initial-status';
  const status = getRule(id).data?.status;
  if (typeof status !== 'string') throw new Error(`Rule ${id} has no status`);
  return status;
}

/**
 * The shortest list of actions from one status to another (breadth-first).
 * @example
 * actionPath('meeting', '1', '12'); // ['start', 'end']
 */
export function actionPath(kind: LifecycleKind, from: string, to: string): string[] {
  const edges = lifecycleTransitions(kind);
  const queue: Array<{ status: string; path: string[] }> = [{ status: from, path: [] }];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const { status, path } = queue.shift()!;
    if (status === to) return path;
    for (const edge of edges.filter((e) => e.from === status && !seen.has(e.to))) {
      seen.add(edge.to);
      queue.push({ status: edge.to, path: [...path, edge.action] });
    }
  }
  throw new Error(`The spec's lifecycle.${kind} rule has no path from status ${from} to ${to}`);
}

/** Which entity to move, and where its entry page is. */
export interface LifecycleTarget {
  readonly kind: LifecycleKind;
  readonly meetingKey: string;
  /** For a participant. */
  readonly puid?: string;
  /** hostUrl for a meeting, participantUrl for a participant. */
  readonly entryUrl: string;
}

/**
 * Acts on the entry page until the entity has the wanted status, checking each
 * step through getMeetingStatus / getParticipantStatus; throws with the reason
 * when the provider's pages do not do it (no sandbox pages, other statuses).
 * @example
 * await reachStatus(api, { kind: 'meeting', meetingKey, entryUrl: hostUrl }, '12');
 */
export async function reachStatus(api: ProviderApi, target: LifecycleTarget, wanted: string): Promise<void> {
  let current = await readStatus(api, target);
  for (const action of actionPath(target.kind, current, wanted)) {
    const httpStatus = await api.act(target.entryUrl, action);
    if (httpStatus !== 303) {
      throw new Error(`the ${target.kind} entry page answered HTTP ${httpStatus} to action=${action} (a sandbox answers 303)`);
    }
    const next = await readStatus(api, target);
    if (next === current) {
      throw new Error(`action=${action} on the ${target.kind} entry page left the status at ${current}`);
    }
    current = next;
  }
  if (current !== wanted) {
    throw new Error(`the ${target.kind} reached status ${current}, not ${wanted}`);
  }
}

async function readStatus(api: ProviderApi, target: LifecycleTarget): Promise<string> {
  const answer =
    target.kind === 'meeting'
      ? await api.expectSuccess('getMeetingStatus', { meetingKey: target.meetingKey })
      : await api.expectSuccess('getParticipantStatus', { meetingKey: target.meetingKey, puid: target.puid ?? '' });
  if (typeof answer.status !== 'string') throw new Error(`the ${target.kind} status is not a string`);
  return answer.status;
}
