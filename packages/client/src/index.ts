/**
 * @module @org/liveminutes-client
 * The thin typed LiveMinutes client: `createClient` with the API's 8
 * operations (types generated from the spec, requests sent by openapi-fetch),
 * typed errors, and the spec's status tables.
 *
 * @example
 * import { createClient } from '@org/liveminutes-client';
 * const lm = createClient({ accountSid: 'trw76p0066423', authToken: 'eurn568nfkkg9862iomdnnv987iir', baseUrl: 'http://127.0.0.1:4010' });
 * const { meetingKey } = await lm.createMeeting({ meetingKey: '', hostid: '123', title: 'Weekly' });
 */
export { createClient } from './client.js';
export {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  LiveMinutesError,
  MeetingClosedError,
  NotFoundError,
  ProtocolError,
  QuotaExceededError,
  ValidationError,
  type ErrorCode,
  type LiveMinutesErrorDetails,
} from './errors.js';
export { defaultBaseUrl, meetingStatuses, participantStatuses } from './generated/spec-data.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { UnexpectedEvent } from './answer.js';
export type {
  CallOptions,
  ClientOptions,
  FormMediaType,
  LiveMinutesClient,
  OperationId,
  OperationInput,
  OperationResult,
  RawClient,
  UnknownStatus,
} from './types.js';

/**
 * A meeting's status code, e.g. `'8'`.
 * @example
 * const finished = (status: MeetingStatus) => status === '12';
 */
export type MeetingStatus = import('./generated/openapi.js').components['schemas']['MeetingStatus'];
/**
 * A participant's status code, e.g. `'10'`.
 * @example
 * const present = (status: ParticipantStatus) => status === '10';
 */
export type ParticipantStatus = import('./generated/openapi.js').components['schemas']['ParticipantStatus'];
