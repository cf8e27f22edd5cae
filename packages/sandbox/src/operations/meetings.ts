/**
 * The meeting operations: createMeeting, getMeetingUrl, getMeetingStatus, cancelMeeting.
 */
import { fromStoreFailure } from '../http/failure.js';
import type { OperationHandler } from './handler.js';
import { entryUrl, meetingUrl } from './urls.js';

/** Creates a meeting, or returns the live one with that key and hostid unchanged. */
export const createMeeting: OperationHandler = async ({ store, accountSid, publicUrl, limits }, params) => {
  const input = {
    meetingKey: params.meetingKey ?? '',
    hostId: params.hostid ?? '',
    title: params.title,
    lang: params.lang,
    description: params.description,
    time: params.time,
    duration: params.duration,
    hostNickname: params.hostnickname,
    hostEmail: params.hostemail,
  };
  const result = await store.createMeeting(accountSid, input, limits);
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  const { meeting } = result;
  return {
    ok: true,
    body: {
      meetingKey: meeting.meetingKey,
      meetingUrl: meetingUrl(publicUrl, meeting.code),
      hostUrl: entryUrl(publicUrl, meeting.hostToken),
    },
  };
};

/** The live meeting's lobby URL. */
export const getMeetingUrl: OperationHandler = async ({ store, accountSid, publicUrl }, params) => {
  const result = await store.lookupMeeting(accountSid, params.meetingKey ?? '');
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return { ok: true, body: { meetingUrl: meetingUrl(publicUrl, result.meeting.code) } };
};

/** The live meeting's status. */
export const getMeetingStatus: OperationHandler = async ({ store, accountSid }, params) => {
  const result = await store.lookupMeeting(accountSid, params.meetingKey ?? '');
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return { ok: true, body: { status: result.meeting.status } };
};

/** Cancels the live meeting and its participants. */
export const cancelMeeting: OperationHandler = async ({ store, accountSid }, params) => {
  const result = await store.cancelMeeting(accountSid, params.meetingKey ?? '');
  if (!result.ok) return { ok: false, failure: fromStoreFailure(result) };
  return { ok: true, body: { meetingKey: result.meeting.meetingKey } };
};
