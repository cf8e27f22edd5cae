/**
 * The participant operations: addParticipant, getParticipantUrl,
 * getParticipantStatus, cancelParticipant.
 */
import { fromStoreFailure } from '../http/failure.js';
import type { OperationHandler } from './handler.js';
import { entryUrl } from './urls.js';

/** Adds a participant, or returns the live one's URL again. */
export const addParticipant: OperationHandler = async ({ store, accountSid, publicUrl, limits }, params) => {
  const input = { meetingKey: params.meetingKey ?? '', puid: params.puid ?? '', nickname: params.nickname, email: params.email };
  const result = await store.addParticipant(accountSid, input, limits);
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return {
    ok: true,
    body: { meetingKey: result.meeting.meetingKey, participantUrl: entryUrl(publicUrl, result.participant.token) },
  };
};

/** The live participant's entry URL, the one addParticipant gave. */
export const getParticipantUrl: OperationHandler = async ({ store, accountSid, publicUrl }, params) => {
  const result = await store.lookupParticipant(accountSid, params.meetingKey ?? '', params.puid ?? '');
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return { ok: true, body: { participantUrl: entryUrl(publicUrl, result.participant.token) } };
};

/** The live participant's status. */
export const getParticipantStatus: OperationHandler = async ({ store, accountSid }, params) => {
  const result = await store.lookupParticipant(accountSid, params.meetingKey ?? '', params.puid ?? '');
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return { ok: true, body: { status: result.participant.status } };
};

/** Cancels the live participant. */
export const cancelParticipant: OperationHandler = async ({ store, accountSid }, params) => {
  const result = await store.cancelParticipant(accountSid, params.meetingKey ?? '', params.puid ?? '');
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return { ok: true, body: { meetingKey: result.meeting.meetingKey } };
};
