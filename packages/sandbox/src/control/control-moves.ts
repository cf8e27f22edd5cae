/**
 * Moves a meeting or a participant exactly as its entry page does: the same
 * store calls (`applyHostAction` / `applyParticipantAction` on the entry
 * token of the account's live meeting or participant), so the spec's
 * lifecycles decide, and a refused move changes nothing.
 */
import { failureMessage, lifecycle, type LifecycleKind } from '@org/liveminutes-spec';
import type { ActionResult, HostAction, ParticipantAction, SandboxStore } from '../store/index.js';
import type { ControlFailure } from './control-failure.js';

/** A move's outcome: the result body, or a failure. */
export type MoveOutcome =
  | { readonly ok: true; readonly body: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly failure: ControlFailure };

// The same codes and sentences as the API's failures.
const notFound = (error: 'meeting_not_found' | 'participant_not_found'): ControlFailure => ({ error, message: failureMessage(error) ?? error });
const MEETING_GONE = notFound('meeting_not_found');
const PARTICIPANT_GONE = notFound('participant_not_found');

function refused(kind: LifecycleKind, action: string, result: Extract<ActionResult, { ok: false }>): ControlFailure {
  const machine = lifecycle(kind);
  const status = result.status ?? '';
  const name = machine.status(status)?.name ?? 'unknown';
  if (result.reason === 'meeting_finished') {
    return { error: 'action_not_allowed', status, message: `${action} is not possible: the meeting is over (the participant's status stays ${status}, ${name}).` };
  }
  const possible = machine.from(status).map((t) => t.action);
  return {
    error: 'action_not_allowed',
    status,
    message: `${action} is not possible from status ${status} (${name}); possible: ${possible.length > 0 ? possible.join(', ') : 'none, the status is final'}.`,
  };
}

/**
 * The host's move on a live meeting of the account.
 * @example
 * await moveMeeting(store, 'trw76p0066423', 'kjhgngf', 'start'); // { ok: true, body: { meetingKey: 'kjhgngf', action: 'start', from: '1', to: '8' } }
 */
export async function moveMeeting(store: SandboxStore, accountSid: string, meetingKey: string, action: HostAction): Promise<MoveOutcome> {
  const found = await store.getMeeting(accountSid, meetingKey);
  if (!found.ok) return { ok: false, failure: MEETING_GONE };
  const result = await store.applyHostAction(found.meeting.hostToken, action);
  if (result.ok) return { ok: true, body: { meetingKey, action, from: result.from, to: result.to } };
  // Cancelled between the two calls: it is no longer live.
  if (result.reason === 'unknown_token' || result.reason === 'cancelled') return { ok: false, failure: MEETING_GONE };
  return { ok: false, failure: refused('meeting', action, result) };
}

/**
 * A participant's move, in a live meeting of the account.
 * @example
 * await moveParticipant(store, 'trw76p0066423', 'kjhgngf', '456', 'join'); // { ok: true, body: { ..., from: '2', to: '10' } }
 */
export async function moveParticipant(
  store: SandboxStore,
  accountSid: string,
  meetingKey: string,
  puid: string,
  action: ParticipantAction,
): Promise<MoveOutcome> {
  const found = await store.getParticipant(accountSid, meetingKey, puid);
  if (!found.ok) return { ok: false, failure: found.code === 'meeting_not_found' ? MEETING_GONE : PARTICIPANT_GONE };
  const result = await store.applyParticipantAction(found.participant.token, action);
  if (result.ok) return { ok: true, body: { meetingKey, puid, action, from: result.from, to: result.to } };
  if (result.reason === 'unknown_token' || result.reason === 'cancelled') return { ok: false, failure: PARTICIPANT_GONE };
  return { ok: false, failure: refused('participant', action, result) };
}
