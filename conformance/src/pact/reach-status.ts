/**
 * Statuses that need a person to act (a host starting a meeting, a participant
 * joining) are reached through the entry pages' forms, along the route the
 * spec's lifecycle model finds (`lifecycle(kind).route`), never written here.
 */
import { lifecycle, type LifecycleKind } from '@org/liveminutes-spec';
import type { ProviderApi } from './provider-api.js';

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
 * Acts on the entry page until the entity has the status of that name (the
 * spec's x-enum-varnames), checking each
 * step through getMeetingStatus / getParticipantStatus; throws with the reason
 * when the provider's pages do not do it (no sandbox pages, other statuses).
 * @example
 * await reachStatus(api, { kind: 'meeting', meetingKey, entryUrl: hostUrl }, 'finish'); // status 12
 */
export async function reachStatus(api: ProviderApi, target: LifecycleTarget, wantedName: string): Promise<void> {
  const model = lifecycle(target.kind);
  const wanted = model.statuses.find((status) => status.name === wantedName)?.value;
  if (wanted === undefined) throw new Error(`the spec's ${model.rule} rule has no status named ${wantedName}`);
  let current = await readStatus(api, target);
  const route = model.route(current, wanted);
  if (!route) throw new Error(`the spec's ${model.rule} rule has no path from status ${current} to ${wanted}`);
  for (const { action } of route) {
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
