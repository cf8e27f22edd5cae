/**
 * One store suite, run against every back end (as hono runs one router suite
 * against every router): `describeStore(name, open)` in a `*.test.ts` file.
 * `open` gives a fresh, empty store; the suite closes it. Everything here goes
 * through the {@link SandboxStore} interface only.
 */
import { lifecycle } from '@org/liveminutes-spec';
import { afterEach, describe, expect, it } from 'vitest';
import { describeMeetingPages } from './describe-meeting-pages.js';
import type { Entry, HostAction, Limits, Meeting, MeetingRef, Participant, ParticipantAction, ParticipantRef, SandboxStore } from '../src/store/types.js';

const meetingLifecycle = lifecycle('meeting');
const participantLifecycle = lifecycle('participant');
const roomy: Limits = { users: 1000, sessions: 10000 };

// Exactly the keys of each view type (`satisfies` fails to compile on a key missing or extra), so the
// objects the store returns can be compared with them: no row id, nothing the type does not document.
const keysOf = (view: object): string[] => Object.keys(view).sort();
const meetingKeys = keysOf({
  ...{ accountSid: 0, meetingKey: 0, code: 0, hostToken: 0, hostId: 0, title: 0, lang: 0, description: 0, time: 0 },
  ...{ duration: 0, hostNickname: 0, hostEmail: 0, status: 0, cancelled: 0, createdAt: 0, updatedAt: 0 },
} satisfies Record<keyof Meeting, 0>);
const participantKeys = keysOf({
  ...{ puid: 0, token: 0, nickname: 0, email: 0, status: 0, cancelled: 0, createdAt: 0, updatedAt: 0 },
} satisfies Record<keyof Participant, 0>);
const meetingRefKeys = keysOf({ meetingKey: 0, code: 0, status: 0 } satisfies Record<keyof MeetingRef, 0>);
const participantRefKeys = keysOf({ meetingKey: 0, token: 0, status: 0 } satisfies Record<keyof ParticipantRef, 0>);
type HostEntry = Extract<Entry, { kind: 'host' }>;
type ParticipantEntry = Extract<Entry, { kind: 'participant' }>;
const hostEntryKeys = keysOf({ kind: 0, accountSid: 0, meeting: 0, cancelled: 0 } satisfies Record<keyof HostEntry, 0>);
const participantEntryKeys = keysOf({ kind: 0, accountSid: 0, meeting: 0, participant: 0, cancelled: 0 } satisfies Record<keyof ParticipantEntry, 0>);

/** The actions that lead along a lifecycle from its initial status to `to`. */
const actionsTo = (kind: typeof meetingLifecycle, to: string): string[] => kind.route(kind.initial, to)!.map((t) => t.action);

/**
 * Registers the shared store tests for one back end.
 * @example
 * describeStore('sqlite :memory:', () => createStore({ db: ':memory:' }));
 */
export function describeStore(name: string, open: () => Promise<SandboxStore>): void {
  describe(`store: ${name}`, () => {
    const opened: SandboxStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    /** A store with meeting `k` (host `h`) and participant `p`. */
    const setup = async () => {
      const store = await fresh();
      const made = await store.createMeeting('AC', { meetingKey: 'k', hostId: 'h' }, roomy);
      const added = await store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, roomy);
      if (!made.ok || !added.ok) throw new Error('setup failed');
      return { store, hostToken: made.meeting.hostToken, token: added.participant.token };
    };

    describe('operations', () => {
      it('createMeeting stores every field, repeats idempotently for the same host, refuses another host', async () => {
        const store = await fresh();
        const input = { meetingKey: 'Été 🎉 "x"', hostId: 'h', title: 'T', time: '2026-12-01 10:00:00', duration: '1.5' };
        const made = await store.createMeeting('AC', input, roomy);
        expect(made).toMatchObject({ ok: true, created: true, meeting: { meetingKey: 'Été 🎉 "x"', title: 'T', duration: '1.5', status: meetingLifecycle.initial, cancelled: false } });
        const again = await store.createMeeting('AC', { ...input, title: 'other' }, roomy);
        expect(again).toMatchObject({ ok: true, created: false, meeting: { title: 'T' } });
        if (made.ok && again.ok) expect(again.meeting.hostToken).toBe(made.meeting.hostToken);
        expect(await store.createMeeting('AC', { ...input, hostId: 'h2' }, roomy)).toEqual({ ok: false, code: 'meeting_exists' });
        expect(await store.usage('AC')).toEqual({ sessions: 1, users: 1 });
      });

      it('keys are exact: case, spaces and another account are other meetings', async () => {
        const store = await fresh();
        for (const meetingKey of ['key', 'KEY', ' key', 'key ']) {
          expect(await store.createMeeting('AC', { meetingKey, hostId: 'h' }, roomy)).toMatchObject({ ok: true, created: true });
        }
        expect(await store.createMeeting('AC2', { meetingKey: 'key', hostId: 'other' }, roomy)).toMatchObject({ ok: true, created: true });
        expect(await store.lookupMeeting('AC', 'Key')).toEqual({ ok: false, code: 'meeting_not_found' });
        expect(await store.usage('AC')).toEqual({ sessions: 4, users: 1 });
      });

      it('an empty key makes the store generate unique keys, lobby codes and tokens', async () => {
        const store = await fresh();
        const made = await Promise.all(Array.from({ length: 20 }, () => store.createMeeting('AC', { meetingKey: '', hostId: 'h' }, roomy)));
        const meetings = made.map((m) => (m.ok ? m.meeting : undefined));
        expect(new Set(meetings.map((m) => m?.meetingKey)).size).toBe(20);
        expect(new Set(meetings.map((m) => m?.code)).size).toBe(20);
        expect(new Set(meetings.map((m) => m?.hostToken)).size).toBe(20);
        expect(meetings.every((m) => m && m.meetingKey !== '' && /^LIVE[0-9A-Z]{20}$/.test(m.hostToken))).toBe(true);
      });

      it('addParticipant is idempotent, refuses unknown and finished meetings', async () => {
        const { store, hostToken, token } = await setup();
        const again = await store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, roomy);
        expect(again).toMatchObject({ ok: true, created: false, participant: { token } });
        expect(await store.addParticipant('AC', { meetingKey: 'nope', puid: 'p' }, roomy)).toEqual({ ok: false, code: 'meeting_not_found' });
        await store.applyHostAction(hostToken, 'start');
        await store.applyHostAction(hostToken, 'end');
        expect(await store.addParticipant('AC', { meetingKey: 'k', puid: 'q' }, roomy)).toEqual({ ok: false, code: 'meeting_closed' });
      });

      it('reads: lookupMeeting, lookupParticipant, getMeeting, getParticipant', async () => {
        const { store, token } = await setup();
        const code = (await store.findEntry(token))!.meeting.code;
        expect(await store.lookupMeeting('AC', 'k')).toEqual({ ok: true, meeting: { meetingKey: 'k', code, status: meetingLifecycle.initial } });
        expect(await store.lookupParticipant('AC', 'k', 'p')).toEqual({ ok: true, participant: { meetingKey: 'k', token, status: participantLifecycle.initial } });
        expect(await store.lookupParticipant('AC', 'k', 'P')).toEqual({ ok: false, code: 'participant_not_found' });
        expect(await store.lookupParticipant('AC', 'x', 'p')).toEqual({ ok: false, code: 'meeting_not_found' });
        expect(await store.getParticipant('AC', 'k', 'p')).toMatchObject({ ok: true, meeting: { meetingKey: 'k' }, participant: { puid: 'p', token } });
        expect(await store.getMeeting('AC2', 'k')).toEqual({ ok: false, code: 'meeting_not_found' });
      });

      it('cancelMeeting frees the key and the users; cancelling twice fails', async () => {
        const { store, token } = await setup();
        expect(await store.cancelMeeting('AC', 'k')).toMatchObject({ ok: true, meeting: { meetingKey: 'k', cancelled: true } });
        expect(await store.cancelMeeting('AC', 'k')).toEqual({ ok: false, code: 'meeting_not_found' });
        expect(await store.usage('AC')).toEqual({ sessions: 0, users: 0 });
        expect(await store.findEntry(token)).toMatchObject({ cancelled: true });
        const reused = await store.createMeeting('AC', { meetingKey: 'k', hostId: 'other' }, roomy);
        expect(reused).toMatchObject({ ok: true, created: true, meeting: { hostId: 'other' } });
      });

      it('cancelParticipant frees the puid: adding it again gives a new token', async () => {
        const { store, token } = await setup();
        expect(await store.cancelParticipant('AC', 'k', 'p')).toMatchObject({ ok: true, participant: { puid: 'p', cancelled: true } });
        expect(await store.cancelParticipant('AC', 'k', 'p')).toEqual({ ok: false, code: 'participant_not_found' });
        expect(await store.usage('AC')).toEqual({ sessions: 1, users: 1 });
        const again = await store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, roomy);
        expect(again).toMatchObject({ ok: true, created: true });
        if (again.ok) expect(again.participant.token).not.toBe(token);
      });
    });

    describe('quotas', () => {
      it('sessions: the call over the quota fails with limit_exceeded and changes nothing', async () => {
        const store = await fresh();
        const limits = { users: 100, sessions: 2 };
        for (const key of ['a', 'b']) expect(await store.createMeeting('AC', { meetingKey: key, hostId: 'h' }, limits)).toMatchObject({ ok: true });
        expect(await store.createMeeting('AC', { meetingKey: 'c', hostId: 'h' }, limits)).toEqual({ ok: false, code: 'limit_exceeded', quota: 'sessions', limit: 2 });
        expect(await store.getMeeting('AC', 'c')).toEqual({ ok: false, code: 'meeting_not_found' });
        // A repeat of a live meeting is no new session.
        expect(await store.createMeeting('AC', { meetingKey: 'a', hostId: 'h' }, limits)).toMatchObject({ ok: true, created: false });
        expect(await store.usage('AC')).toEqual({ sessions: 2, users: 1 });
      });

      it('users: distinct ids among hosts and live participants; a cancelled participant frees its user', async () => {
        const store = await fresh();
        const limits = { users: 2, sessions: 100 };
        await store.createMeeting('AC', { meetingKey: 'm', hostId: 'u1' }, limits);
        expect(await store.addParticipant('AC', { meetingKey: 'm', puid: 'u1' }, limits)).toMatchObject({ ok: true });
        expect(await store.addParticipant('AC', { meetingKey: 'm', puid: 'u2' }, limits)).toMatchObject({ ok: true });
        expect(await store.addParticipant('AC', { meetingKey: 'm', puid: 'u3' }, limits)).toEqual({ ok: false, code: 'limit_exceeded', quota: 'users', limit: 2 });
        expect(await store.createMeeting('AC', { meetingKey: 'n', hostId: 'u3' }, limits)).toMatchObject({ ok: false, quota: 'users' });
        expect(await store.createMeeting('AC', { meetingKey: 'n', hostId: 'u2' }, limits)).toMatchObject({ ok: true });
        await store.cancelParticipant('AC', 'm', 'u2');
        expect(await store.usage('AC')).toEqual({ sessions: 2, users: 2 });
        await store.cancelMeeting('AC', 'n');
        expect(await store.usage('AC')).toEqual({ sessions: 1, users: 1 });
        expect(await store.addParticipant('AC', { meetingKey: 'm', puid: 'u3' }, limits)).toMatchObject({ ok: true });
      });

      it('parallel calls never pass a quota and one key makes one meeting', async () => {
        const store = await fresh();
        const limits = { users: 1000, sessions: 7 };
        const creates = await Promise.all(Array.from({ length: 40 }, (_, i) => store.createMeeting('AC', { meetingKey: `q${i}`, hostId: 'h' }, limits)));
        expect(creates.filter((r) => r.ok)).toHaveLength(7);
        expect(creates.filter((r) => !r.ok && r.code === 'limit_exceeded')).toHaveLength(33);
        const same = await Promise.all(Array.from({ length: 20 }, () => store.createMeeting('AC2', { meetingKey: 'same', hostId: 'h' }, roomy)));
        expect(same.filter((r) => r.ok && r.created)).toHaveLength(1);
        const tokens = new Set(same.map((r) => (r.ok ? r.meeting.hostToken : '')));
        expect(tokens.size).toBe(1);
        expect(await store.usage('AC')).toEqual({ sessions: 7, users: 1 });
        expect(await store.usage('AC2')).toEqual({ sessions: 1, users: 1 });
      });
    });

    describe('meeting lifecycle (from the spec)', () => {
      it.each([...meetingLifecycle.transitions])('$from -> $to on $action', async ({ from, to, action }) => {
        const { store, hostToken } = await setup();
        for (const step of actionsTo(meetingLifecycle, from)) await store.applyHostAction(hostToken, step as HostAction);
        expect((await store.findEntry(hostToken))?.meeting.status).toBe(from);
        expect(await store.applyHostAction(hostToken, action as HostAction)).toMatchObject({ ok: true, from, to });
        expect(await store.getMeeting('AC', 'k')).toMatchObject({ ok: true, meeting: { status: to } });
      });

      it('every action the lifecycle does not allow is refused as a value and changes nothing', async () => {
        const statuses = meetingLifecycle.statuses.map((info) => info.value);
        const actions: HostAction[] = ['start', 'end', 'leave'];
        let refused = 0;
        for (const status of statuses) {
          for (const action of actions) {
            if (meetingLifecycle.next(status, action) !== undefined) continue;
            const { store, hostToken } = await setup();
            for (const step of actionsTo(meetingLifecycle, status)) await store.applyHostAction(hostToken, step as HostAction);
            expect(await store.applyHostAction(hostToken, action)).toMatchObject({ ok: false, reason: 'not_allowed', status });
            expect((await store.findEntry(hostToken))?.meeting.status).toBe(status);
            refused++;
          }
        }
        expect(refused).toBeGreaterThan(0);
      });

      it('ending the meeting moves participants in progress to quit, and leaves the others', async () => {
        const { store, hostToken, token } = await setup();
        const other = await store.addParticipant('AC', { meetingKey: 'k', puid: 'q' }, roomy);
        if (!other.ok) throw new Error('add');
        await store.applyHostAction(hostToken, 'start');
        await store.applyParticipantAction(token, 'join');
        await store.applyParticipantAction(other.participant.token, 'refuse');
        await store.applyHostAction(hostToken, 'end');
        const refused = participantLifecycle.next(participantLifecycle.initial, 'refuse');
        expect(await store.findEntry(token)).toMatchObject({ participant: { status: participantLifecycle.onMeetingEnd!.to } });
        expect(await store.findEntry(other.participant.token)).toMatchObject({ participant: { status: refused } });
        expect(await store.applyParticipantAction(token, 'join')).toMatchObject({ ok: false, reason: 'meeting_finished' });
      });

      it('parallel identical actions: exactly one applies, the others are refused', async () => {
        const { store, hostToken } = await setup();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.applyHostAction(hostToken, 'start')));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'not_allowed')).toHaveLength(9);
      });
    });

    describe('participant lifecycle (from the spec)', () => {
      it.each([...participantLifecycle.transitions])('$from -> $to on $action', async ({ from, to, action }) => {
        const { store, token } = await setup();
        for (const step of actionsTo(participantLifecycle, from)) {
          await store.applyParticipantAction(token, step as ParticipantAction);
        }
        expect(await store.applyParticipantAction(token, action as ParticipantAction)).toMatchObject({ ok: true, from, to });
        expect(await store.getParticipant('AC', 'k', 'p')).toMatchObject({ ok: true, participant: { status: to } });
      });

      it('refuses unknown tokens, host tokens for participant actions, and cancelled entries', async () => {
        const { store, token, hostToken } = await setup();
        expect(await store.applyParticipantAction('LIVE00000000000000000000', 'join')).toEqual({ ok: false, reason: 'unknown_token' });
        expect(await store.applyParticipantAction(hostToken, 'join')).toEqual({ ok: false, reason: 'unknown_token' });
        expect(await store.applyHostAction(token, 'start')).toEqual({ ok: false, reason: 'unknown_token' });
        await store.cancelParticipant('AC', 'k', 'p');
        expect(await store.applyParticipantAction(token, 'join')).toMatchObject({ ok: false, reason: 'cancelled' });
        await store.cancelMeeting('AC', 'k');
        expect(await store.applyHostAction(hostToken, 'start')).toMatchObject({ ok: false, reason: 'cancelled' });
      });
    });

    describe('pages calls', () => {
      it('findEntry, findMeetingByCode and listMeetings see cancelled rows as cancelled', async () => {
        const { store, hostToken, token } = await setup();
        const code = (await store.findEntry(hostToken))!.meeting.code;
        expect(await store.findMeetingByCode(code)).toMatchObject({ meetingKey: 'k', cancelled: false });
        expect(await store.findEntry(token)).toMatchObject({ kind: 'participant', accountSid: 'AC', cancelled: false, participant: { puid: 'p' } });
        expect(await store.listMeetings('AC')).toMatchObject([{ meetingKey: 'k', participants: [{ puid: 'p', status: participantLifecycle.initial }] }]);
        await store.cancelMeeting('AC', 'k');
        expect(await store.findMeetingByCode(code)).toMatchObject({ cancelled: true });
        expect(await store.findEntry(hostToken)).toMatchObject({ kind: 'host', cancelled: true });
        expect(await store.findEntry(token)).toMatchObject({ cancelled: true, participant: { cancelled: true } });
        expect(await store.listMeetings('AC')).toEqual([]);
        expect(await store.listMeetings('AC', { includeCancelled: true })).toHaveLength(1);
        expect(await store.listMeetings('other')).toEqual([]);
        expect(await store.findEntry('LIVEXXXXXXXXXXXXXXXXXXXX')).toBeUndefined();
        expect(await store.findMeetingByCode('ZZZZZZ')).toBeUndefined();
      });

      it('listMeetings: newest first, participants in order of addition', async () => {
        const store = await fresh();
        for (const key of ['one', 'two', 'three']) await store.createMeeting('AC', { meetingKey: key, hostId: 'h' }, roomy);
        for (const puid of ['b', 'a', 'c']) await store.addParticipant('AC', { meetingKey: 'two', puid }, roomy);
        const listed = await store.listMeetings('AC');
        expect(listed.map((m) => m.meetingKey)).toEqual(['three', 'two', 'one']);
        expect(listed[1]!.participants.map((p) => p.puid)).toEqual(['b', 'a', 'c']);
      });
    });

    describeMeetingPages(fresh);

    describe('public views', () => {
      it("every call returns objects with exactly the view types' keys: no row ids", async () => {
        const store = await fresh();
        const results: Record<string, object | undefined> = {};
        const create = { meetingKey: 'k', hostId: 'h' };
        results.createMeeting = await store.createMeeting('AC', create, roomy);
        results['createMeeting again'] = await store.createMeeting('AC', create, roomy);
        results.addParticipant = await store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, roomy);
        results['addParticipant again'] = await store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, roomy);
        results.getMeeting = await store.getMeeting('AC', 'k');
        results.getParticipant = await store.getParticipant('AC', 'k', 'p');
        const { meeting, participant } = results.getParticipant as { meeting: Meeting; participant: Participant };
        results['findEntry host'] = await store.findEntry(meeting.hostToken);
        results['findEntry participant'] = await store.findEntry(participant.token);
        results['applyHostAction allowed'] = await store.applyHostAction(meeting.hostToken, 'start');
        results['applyHostAction refused'] = await store.applyHostAction(meeting.hostToken, 'start');
        results['applyParticipantAction allowed'] = await store.applyParticipantAction(participant.token, 'join');
        results['applyParticipantAction refused'] = await store.applyParticipantAction(participant.token, 'join');
        const meetingsByCode = await store.findMeetingByCode(meeting.code);
        const listed = await store.listMeetings('AC', { includeCancelled: true });
        const refs = [await store.lookupMeeting('AC', 'k'), await store.lookupParticipant('AC', 'k', 'p')];
        results.cancelParticipant = await store.cancelParticipant('AC', 'k', 'p');
        results.cancelMeeting = await store.cancelMeeting('AC', 'k');

        const expectedKeys: Record<string, string[]> = {
          createMeeting: ['created', 'meeting', 'ok'],
          'createMeeting again': ['created', 'meeting', 'ok'],
          addParticipant: ['created', 'meeting', 'ok', 'participant'],
          'addParticipant again': ['created', 'meeting', 'ok', 'participant'],
          getMeeting: ['meeting', 'ok'],
          getParticipant: ['meeting', 'ok', 'participant'],
          'findEntry host': hostEntryKeys,
          'findEntry participant': participantEntryKeys,
          'applyHostAction allowed': ['entry', 'from', 'ok', 'to'],
          'applyHostAction refused': ['entry', 'ok', 'reason', 'status'],
          'applyParticipantAction allowed': ['entry', 'from', 'ok', 'to'],
          'applyParticipantAction refused': ['entry', 'ok', 'reason', 'status'],
          cancelParticipant: ['meeting', 'ok', 'participant'],
          cancelMeeting: ['meeting', 'ok'],
        };
        expect(Object.fromEntries(Object.entries(results).map(([call, result]) => [call, result && keysOf(result)]))).toEqual(expectedKeys);

        // Every meeting, participant and entry inside them, with the views' keys and nothing else.
        const views = Object.values(results).flatMap((result) => {
          const { meeting, participant, entry } = result as { meeting?: Meeting; participant?: Participant; entry?: Entry };
          return [meeting, participant, entry, entry?.meeting, entry?.kind === 'participant' ? entry.participant : undefined];
        });
        views.push(meetingsByCode, ...listed.flatMap(({ participants, ...listedMeeting }) => [listedMeeting, ...participants]));
        const meetings = views.filter((view) => view && 'hostToken' in view);
        const participants = views.filter((view) => view && 'puid' in view);
        expect(meetings).toHaveLength(16);
        expect(participants).toHaveLength(8);
        for (const view of meetings) expect(keysOf(view!)).toEqual(meetingKeys);
        for (const view of participants) expect(keysOf(view!)).toEqual(participantKeys);
        expect(keysOf(listed[0]!)).toEqual([...meetingKeys, 'participants'].sort());
        expect(refs.map((ref) => ref.ok && keysOf('meeting' in ref ? ref.meeting : ref.participant))).toEqual([meetingRefKeys, participantRefKeys]);
      });
    });

    it('close() twice is safe', async () => {
      const store = await open();
      await store.close();
      await store.close();
    });
  });
}
