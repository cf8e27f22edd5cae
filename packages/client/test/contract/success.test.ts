/**
 * Consumer contract: the success interaction of each of the 8 operations, as
 * the real client sends it and reads it. Each test asserts what the client
 * resolved with; the pact keeps only what the client relies on (resultcode 1,
 * string keys, URLs in the spec's formats, statuses in their enums).
 */
import { describe, expect, it } from 'vitest';
import { operationIds } from '@org/liveminutes-spec';
import { createClient } from '../../src/index.js';
import {
  EXAMPLE,
  EXAMPLE_CREDENTIALS,
  STATE,
  createPact,
  formRequest,
  match,
  success,
  verifyCase,
  type ContractCase,
} from './contract-kit.js';

const client = (baseUrl: string) => createClient({ ...EXAMPLE_CREDENTIALS, baseUrl, maxRetries: 0 });
const { meetingKey, hostid, puid } = EXAMPLE;
const meetingExists = { description: STATE.meetingExists, parameters: { meetingKey, hostid } };
const participantAdded = { description: STATE.participantAdded, parameters: { meetingKey, hostid, puid } };
const hostUrl = 'http://liveminutes.com/e/LIVEXP63FCLCRJW4GHT1X7O6';
const participantUrl = 'http://liveminutes.com/e/LIVE5CGOSIHYSBEPON0GCGFX';

const cases: Record<string, ContractCase[]> = {
  createMeeting: [
    {
      states: [{ description: STATE.noMeeting, parameters: { meetingKey } }],
      description: 'a createMeeting request with its own key',
      request: formRequest('createMeeting', { meetingKey, hostid, title: 'Weekly' }),
      response: success({ meetingKey: match.key(meetingKey), meetingUrl: match.meetingUrl(), hostUrl: match.entryUrl(hostUrl) }),
      async run(baseUrl) {
        const meeting = await client(baseUrl).createMeeting({ meetingKey, hostid, title: 'Weekly' });
        expect(meeting).toEqual({ meetingKey, meetingUrl: 'http://liveminutes.com/03P23Z', hostUrl });
      },
    },
    {
      states: [],
      description: 'a createMeeting request with an empty key',
      request: formRequest('createMeeting', { meetingKey: '', hostid }),
      response: success({ meetingKey: match.key('X7K2PQ'), meetingUrl: match.meetingUrl(), hostUrl: match.entryUrl(hostUrl) }),
      async run(baseUrl) {
        const meeting = await client(baseUrl).createMeeting({ meetingKey: '', hostid });
        expect(meeting.meetingKey).toBe('X7K2PQ');
        expect(meeting.hostUrl).toBe(hostUrl);
      },
    },
  ],
  addParticipant: [
    {
      states: [meetingExists],
      description: 'an addParticipant request for a meeting that exists',
      request: formRequest('addParticipant', { meetingKey, puid, nickname: 'Bob', email: 'bob@example.com' }),
      response: success({ meetingKey: match.key(meetingKey), participantUrl: match.entryUrl(participantUrl) }),
      async run(baseUrl) {
        const added = await client(baseUrl).addParticipant({ meetingKey, puid, nickname: 'Bob', email: 'bob@example.com' });
        expect(added).toEqual({ meetingKey, participantUrl });
      },
    },
  ],
  getParticipantUrl: [
    {
      states: [participantAdded],
      description: 'a getParticipantUrl request for a participant of the meeting',
      request: formRequest('getParticipantUrl', { meetingKey, puid }),
      response: success({ participantUrl: match.entryUrl(participantUrl) }),
      async run(baseUrl) {
        await expect(client(baseUrl).getParticipantUrl({ meetingKey, puid })).resolves.toEqual({ participantUrl });
      },
    },
  ],
  getMeetingUrl: [
    {
      states: [meetingExists],
      description: 'a getMeetingUrl request for a meeting that exists',
      request: formRequest('getMeetingUrl', { meetingKey }),
      response: success({ meetingUrl: match.meetingUrl() }),
      async run(baseUrl) {
        await expect(client(baseUrl).getMeetingUrl({ meetingKey })).resolves.toEqual({ meetingUrl: 'http://liveminutes.com/03P23Z' });
      },
    },
  ],
  cancelMeeting: [
    {
      states: [meetingExists],
      description: 'a cancelMeeting request for a meeting that exists',
      request: formRequest('cancelMeeting', { meetingKey }),
      response: success({ meetingKey: match.key(meetingKey) }),
      async run(baseUrl) {
        await expect(client(baseUrl).cancelMeeting({ meetingKey })).resolves.toEqual({ meetingKey });
      },
    },
  ],
  cancelParticipant: [
    {
      states: [participantAdded],
      description: 'a cancelParticipant request for a participant of the meeting',
      request: formRequest('cancelParticipant', { meetingKey, puid }),
      response: success({ meetingKey: match.key(meetingKey) }),
      async run(baseUrl) {
        await expect(client(baseUrl).cancelParticipant({ meetingKey, puid })).resolves.toEqual({ meetingKey });
      },
    },
  ],
  getMeetingStatus: [
    {
      states: [meetingExists],
      description: 'a getMeetingStatus request for a meeting that exists',
      request: formRequest('getMeetingStatus', { meetingKey }),
      response: success({ status: match.status('MeetingStatus', '1') }),
      async run(baseUrl) {
        const status = await client(baseUrl).getMeetingStatus({ meetingKey });
        expect(status).toMatchObject({ status: '1', name: 'start' });
      },
    },
    {
      states: [{ description: STATE.meetingFinished, parameters: { meetingKey, hostid } }],
      description: 'a getMeetingStatus request for a finished meeting',
      request: formRequest('getMeetingStatus', { meetingKey }),
      response: success({ status: match.status('MeetingStatus', '12') }),
      async run(baseUrl) {
        const status = await client(baseUrl).getMeetingStatus({ meetingKey });
        expect(status).toMatchObject({ status: '12', name: 'finish' });
      },
    },
  ],
  getParticipantStatus: [
    {
      states: [participantAdded],
      description: 'a getParticipantStatus request for a participant who was added',
      request: formRequest('getParticipantStatus', { meetingKey, puid }),
      response: success({ status: match.status('ParticipantStatus', '2') }),
      async run(baseUrl) {
        const status = await client(baseUrl).getParticipantStatus({ meetingKey, puid });
        expect(status).toMatchObject({ status: '2', name: 'accept' });
      },
    },
    {
      states: [{ description: STATE.participantJoined, parameters: { meetingKey, hostid, puid } }],
      description: 'a getParticipantStatus request for a participant who has joined',
      request: formRequest('getParticipantStatus', { meetingKey, puid }),
      response: success({ status: match.status('ParticipantStatus', '10') }),
      async run(baseUrl) {
        const status = await client(baseUrl).getParticipantStatus({ meetingKey, puid });
        expect(status).toMatchObject({ status: '10', name: 'inProgress' });
      },
    },
  ],
};

describe('consumer contract: successes', () => {
  const pact = createPact();

  it('has a success interaction for every operation of the spec', () => {
    expect(Object.keys(cases).sort()).toEqual(operationIds().sort());
  });

  for (const [operation, list] of Object.entries(cases)) {
    for (const contract of list) {
      it(`${operation}: ${contract.description}`, () => verifyCase(pact, contract));
    }
  }
});
