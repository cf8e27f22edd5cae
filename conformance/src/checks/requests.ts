/**
 * Valid requests for any operation, built from the spec: its required fields,
 * and which of them name a live meeting or participant (`operationParams`,
 * from the fields' `x-liveminutes-identifies`). Operations that must
 * not be repeated (x-liveminutes-retry: never, the cancels) get a fresh meeting.
 */
import { operationIds, operationParams, retryPolicy } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import { addParticipant, createMeeting, sharedMeeting, type Meeting, type Participant } from './support.js';

/** The field that names the meeting, and the one that names the participant, as x-liveminutes-identifies marks them. */
export const MEETING_FIELD = identifyingField('meeting');
export const PARTICIPANT_FIELD = identifyingField('participant');

/** The one name every operation gives the field that identifies an entity. */
function identifyingField(entity: 'meeting' | 'participant'): string {
  const names = new Set(operationIds().flatMap((operation) => operationParams(operation)[entity]?.name ?? []));
  const [name, ...others] = names;
  if (name === undefined || others.length > 0) throw new Error(`the spec names the ${entity} by ${names.size} fields: ${[...names].join(', ')}`);
  return name;
}

/** The operation's required fields, in the spec's order. */
export function requiredFields(operation: string): string[] {
  return operationParams(operation).params.filter((param) => param.required).map((param) => param.name);
}

/** Whether a successful call uses up its meeting or participant. */
export function consumes(operation: string): boolean {
  return retryPolicy(operation) === 'never' && operationParams(operation).needs.meeting;
}

/** A valid request and what it refers to. */
export interface ValidRequest {
  readonly fields: Record<string, string>;
  readonly meeting?: Meeting;
  readonly participant?: Participant;
}

/**
 * A valid request for `operation`: fresh ids for what it creates, and a live
 * meeting and participant for what it names (shared unless the call uses them up
 * or `fresh` is set). `overrides` replace fields; a referenced field given in
 * `overrides` is created with that value first.
 */
export async function validRequest(
  context: CheckContext,
  operation: string,
  overrides: Readonly<Record<string, string>> = {},
  fresh = consumes(operation),
): Promise<ValidRequest> {
  const refs = operationParams(operation).needs;
  let meeting: Meeting | undefined;
  let participant: Participant | undefined;
  const custom = (field: string): boolean => field in overrides;
  if (refs.meeting) {
    if (fresh || custom(MEETING_FIELD)) {
      meeting = await createMeeting(context, custom(MEETING_FIELD) ? { [MEETING_FIELD]: overrides[MEETING_FIELD] } : {});
    } else {
      ({ meeting } = await sharedMeeting(context));
    }
  }
  if (refs.participant && meeting) {
    if (fresh || custom(PARTICIPANT_FIELD) || custom(MEETING_FIELD)) {
      participant = await addParticipant(context, meeting.meetingKey, custom(PARTICIPANT_FIELD) ? { [PARTICIPANT_FIELD]: overrides[PARTICIPANT_FIELD] } : {});
    } else {
      ({ participant } = await sharedMeeting(context));
    }
  }
  const fields = requiredValues(context, operation, meeting?.meetingKey, participant?.puid);
  return { fields: { ...fields, ...overrides }, meeting, participant };
}

/**
 * A value for each required field of `operation`: the given meeting key and puid,
 * made-up ids where none is given, a fresh user id for the rest. The one place
 * that fills required fields.
 * @example
 * requiredValues(context, 'getParticipantUrl', 'lmc-x-m1', undefined); // { meetingKey: 'lmc-x-m1', puid: 'lmc-x-p2' }
 */
export function requiredValues(context: CheckContext, operation: string, meetingKey: string | undefined, puid: string | undefined): Record<string, string> {
  const { meeting, participant } = operationParams(operation);
  const fields: Record<string, string> = {};
  for (const field of requiredFields(operation)) {
    if (field === meeting?.name) fields[field] = meetingKey ?? context.ids.key();
    else if (field === participant?.name) fields[field] = puid ?? context.ids.user('p');
    else fields[field] = context.ids.user('h');
  }
  return fields;
}

/**
 * Fields that name the shared meeting and participant without creating
 * anything: for requests that are meant to fail on another field.
 */
export async function sharedFields(context: CheckContext, operation: string): Promise<Record<string, string>> {
  const shared = operationParams(operation).needs.meeting ? await sharedMeeting(context) : undefined;
  return requiredValues(context, operation, shared?.meeting.meetingKey, shared?.participant.puid);
}
