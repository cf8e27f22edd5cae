import { describe, expectTypeOf, it } from 'vitest';
import {
  createClient,
  type LiveMinutesClient,
  type MeetingStatus,
  type OperationId,
  type OperationInput,
  type OperationResult,
  type ParticipantStatus,
  type UnexpectedEvent,
  type UnknownStatus,
} from '../src/index.js';

declare const lm: LiveMinutesClient;

describe('method names and results', () => {
  it('has exactly the API\'s 8 operations', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      | 'createMeeting'
      | 'addParticipant'
      | 'getParticipantUrl'
      | 'getMeetingUrl'
      | 'cancelMeeting'
      | 'cancelParticipant'
      | 'getMeetingStatus'
      | 'getParticipantStatus'
    >();
    expectTypeOf(createClient).returns.toEqualTypeOf<LiveMinutesClient>();
  });

  it('resolves with the success fields, without resultcode', () => {
    expectTypeOf(lm.createMeeting).returns.resolves.toEqualTypeOf<{ meetingKey: string; meetingUrl: string; hostUrl: string }>();
    expectTypeOf(lm.addParticipant).returns.resolves.toEqualTypeOf<{ meetingKey: string; participantUrl: string }>();
    expectTypeOf(lm.getParticipantUrl).returns.resolves.toEqualTypeOf<{ participantUrl: string }>();
    expectTypeOf(lm.getMeetingUrl).returns.resolves.toEqualTypeOf<{ meetingUrl: string }>();
    expectTypeOf(lm.cancelMeeting).returns.resolves.toEqualTypeOf<{ meetingKey: string }>();
    expectTypeOf(lm.cancelParticipant).returns.resolves.toEqualTypeOf<{ meetingKey: string }>();
    expectTypeOf<OperationResult<'getMeetingUrl'>>().not.toHaveProperty('resultcode');
  });

  it('statuses carry their names as a union that narrows on name, with an unknown variant', async () => {
    const meeting = await lm.getMeetingStatus({ meetingKey: 'k' });
    expectTypeOf(meeting.name).toEqualTypeOf<'start' | 'inProgress' | 'finish' | 'hostQuit' | 'unknown'>();
    expectTypeOf(meeting.status).toEqualTypeOf<string>();
    expectTypeOf<Exclude<typeof meeting, { name: 'unknown' }>['status']>().toEqualTypeOf<MeetingStatus>();
    expectTypeOf<Exclude<typeof meeting, { name: 'unknown' }>['status']>().toEqualTypeOf<'1' | '8' | '12' | '11'>();
    if (meeting.name === 'inProgress') expectTypeOf(meeting.status).toEqualTypeOf<'8'>();
    if (meeting.name === 'unknown') {
      expectTypeOf(meeting).toEqualTypeOf<{ status: string; name: 'unknown'; description: string }>();
      expectTypeOf(meeting).toMatchTypeOf<UnknownStatus>();
    }
    const participant = await lm.getParticipantStatus({ meetingKey: 'k', puid: '1' });
    expectTypeOf<Exclude<typeof participant, UnknownStatus>['status']>().toEqualTypeOf<ParticipantStatus>();
    if (participant.name === 'quit') expectTypeOf(participant.status).toEqualTypeOf<'11'>();
    expectTypeOf(participant.description).toBeString();
  });

  it('a switch on name is exhaustive only with the unknown variant handled', () => {
    const label = (s: OperationResult<'getParticipantStatus'>): string => {
      switch (s.name) {
        case 'accept':
        case 'refuse':
        case 'inProgress':
        case 'quit':
          return s.description;
        case 'unknown':
          return `status ${s.status}`;
        default:
          return s satisfies never;
      }
    };
    const known = (s: OperationResult<'getParticipantStatus'>): string => {
      switch (s.name) {
        case 'accept':
        case 'refuse':
        case 'inProgress':
        case 'quit':
          return s.description;
        default:
          // @ts-expect-error the unknown variant is left
          return s satisfies never;
      }
    };
    expectTypeOf(label).returns.toBeString();
    expectTypeOf(known).returns.toBeString();
  });

  it('onUnexpected receives the tolerated deviation', () => {
    createClient({
      accountSid: 'a',
      authToken: 'b',
      onUnexpected: (event) => {
        expectTypeOf(event).toEqualTypeOf<UnexpectedEvent>();
        expectTypeOf(event.value).toBeString();
        expectTypeOf(event.field).toBeString();
      },
    });
  });
});

describe('inputs', () => {
  it('accepts time as a Date or string and duration as a number or string', () => {
    expectTypeOf<OperationInput<'createMeeting'>['time']>().toEqualTypeOf<string | Date | undefined>();
    expectTypeOf<OperationInput<'createMeeting'>['duration']>().toEqualTypeOf<string | number | undefined>();
    expectTypeOf<OperationInput<'createMeeting'>['hostid']>().toEqualTypeOf<string>();
    expectTypeOf<OperationInput<'addParticipant'>>().toEqualTypeOf<{ meetingKey: string; puid: string; nickname?: string; email?: string }>();
    void lm.createMeeting({ meetingKey: '', hostid: '1', time: new Date(), duration: 45 });
    void lm.createMeeting({ meetingKey: '', hostid: '1', time: '2026-12-01 09:30:00', duration: '45.5' });
  });

  it('refuses a wrong parameter name, type, or a missing required one', () => {
    // @ts-expect-error `titel` is not a parameter
    void lm.createMeeting({ meetingKey: '', hostid: '1', titel: 'Weekly' });
    // @ts-expect-error hostid is a string
    void lm.createMeeting({ meetingKey: '', hostid: 123 });
    // @ts-expect-error hostid is required
    void lm.createMeeting({ meetingKey: '' });
    // @ts-expect-error a Date is only for time
    void lm.createMeeting({ meetingKey: '', hostid: '1', title: new Date() });
    // @ts-expect-error puid is required
    void lm.addParticipant({ meetingKey: 'k' });
    // @ts-expect-error `puid`, not `userId`
    void lm.getParticipantStatus({ meetingKey: 'k', userId: '1' });
    // @ts-expect-error no such operation
    void lm.deleteMeeting({ meetingKey: 'k' });
    // @ts-expect-error timeoutMs is a number
    void lm.getMeetingUrl({ meetingKey: 'k' }, { timeoutMs: '100' });
  });

  it('types createClient options', () => {
    // @ts-expect-error authToken is required
    createClient({ accountSid: 'a' });
    // @ts-expect-error `apiKey` is not an option
    createClient({ accountSid: 'a', authToken: 'b', apiKey: 'c' });
    expectTypeOf(createClient).parameter(0).toHaveProperty('fetch');
  });

  it('raw is the typed openapi-fetch client', () => {
    expectTypeOf(lm.raw.POST).toBeFunction();
    // @ts-expect-error no such path in the spec
    void lm.raw.POST('/deleteMeeting', { body: {} });
  });
});
