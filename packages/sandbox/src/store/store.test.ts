import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRule } from '@org/liveminutes-spec';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, meetingLifecycle, participantLifecycle, type HostAction, type ParticipantAction } from './index.js';
import { migrations } from './migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = { users: 1000, sessions: 10000 };

type Transitions = Array<{ from: string; to: string; action: string }>;
const meetingTransitions = getRule('lifecycle.meeting').data?.transitions as Transitions;
const participantTransitions = getRule('lifecycle.participant').data?.transitions as Transitions;

function setup(path = ':memory:') {
  const store = createStore({ path });
  const made = store.createMeeting('AC', { meetingKey: 'k', hostId: 'h' }, limits);
  if (!made.ok) throw new Error('setup');
  const added = store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, limits);
  if (!added.ok) throw new Error('setup');
  return { store, hostToken: made.meeting.hostToken, token: added.participant.token };
}

/** Drives a meeting to `status` along the lifecycle's own transitions (breadth-first). */
function pathTo(transitions: Transitions, from: string, to: string): string[] {
  const queue: Array<[string, string[]]> = [[from, []]];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const [status, actions] = queue.shift()!;
    if (status === to) return actions;
    for (const t of transitions.filter((x) => x.from === status && !seen.has(x.to))) {
      seen.add(t.to);
      queue.push([t.to, [...actions, t.action]]);
    }
  }
  throw new Error(`${to} unreachable`);
}

describe('database', () => {
  it('a file is WAL, migrated to the latest user_version, and reopens with its data', () => {
    const path = join(dir, 'reopen.db');
    const first = setup(path);
    expect(first.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    first.store.close();
    const again = createStore({ path });
    expect(again.getMeeting('AC', 'k')).toMatchObject({ ok: true, meeting: { meetingKey: 'k', hostToken: first.hostToken } });
    again.close();
  });

  it('refuses a database from a newer sandbox', () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => createStore({ path })).toThrow(/newer/);
  });
});

describe('meeting lifecycle (from the spec)', () => {
  it.each(meetingTransitions)('$from -> $to on $action', ({ from, to, action }) => {
    const { store, hostToken } = setup();
    for (const step of pathTo(meetingTransitions, meetingLifecycle.initial, from)) store.applyHostAction(hostToken, step as HostAction);
    expect(store.findEntry(hostToken)?.meeting.status).toBe(from);
    const result = store.applyHostAction(hostToken, action as HostAction);
    expect(result).toMatchObject({ ok: true, from, to });
    expect(store.getMeeting('AC', 'k')).toMatchObject({ ok: true, meeting: { status: to } });
  });

  it('every action the lifecycle does not allow is refused as a value and changes nothing', () => {
    const statuses = new Set(meetingTransitions.flatMap((t) => [t.from, t.to]));
    const actions: HostAction[] = ['start', 'end', 'leave'];
    let refused = 0;
    for (const status of statuses) {
      for (const action of actions) {
        if (meetingTransitions.some((t) => t.from === status && t.action === action)) continue;
        const { store, hostToken } = setup();
        for (const step of pathTo(meetingTransitions, meetingLifecycle.initial, status)) store.applyHostAction(hostToken, step as HostAction);
        expect(store.applyHostAction(hostToken, action)).toMatchObject({ ok: false, reason: 'not_allowed', status });
        expect(store.findEntry(hostToken)?.meeting.status).toBe(status);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('ending the meeting moves participants in progress to quit, and leaves the others', () => {
    const { store, hostToken, token } = setup();
    const other = store.addParticipant('AC', { meetingKey: 'k', puid: 'q' }, limits);
    if (!other.ok) throw new Error('add');
    store.applyHostAction(hostToken, 'start');
    store.applyParticipantAction(token, 'join');
    store.applyParticipantAction(other.participant.token, 'refuse');
    store.applyHostAction(hostToken, 'end');
    expect(store.findEntry(token)).toMatchObject({ participant: { status: '11' } });
    expect(store.findEntry(other.participant.token)).toMatchObject({ participant: { status: '3' } });
    expect(store.applyParticipantAction(token, 'join')).toMatchObject({ ok: false, reason: 'meeting_finished' });
  });
});

describe('participant lifecycle (from the spec)', () => {
  it.each(participantTransitions)('$from -> $to on $action', ({ from, to, action }) => {
    const { store, token } = setup();
    for (const step of pathTo(participantTransitions, participantLifecycle.initial, from)) {
      store.applyParticipantAction(token, step as ParticipantAction);
    }
    expect(store.applyParticipantAction(token, action as ParticipantAction)).toMatchObject({ ok: true, from, to });
    expect(store.getParticipant('AC', 'k', 'p')).toMatchObject({ ok: true, participant: { status: to } });
  });

  it('refuses unknown tokens, host tokens for participant actions, and cancelled entries', () => {
    const { store, token, hostToken } = setup();
    expect(store.applyParticipantAction('LIVE00000000000000000000', 'join')).toEqual({ ok: false, reason: 'unknown_token' });
    expect(store.applyParticipantAction(hostToken, 'join')).toEqual({ ok: false, reason: 'unknown_token' });
    expect(store.applyHostAction(token, 'start')).toEqual({ ok: false, reason: 'unknown_token' });
    store.cancelParticipant('AC', 'k', 'p');
    expect(store.applyParticipantAction(token, 'join')).toMatchObject({ ok: false, reason: 'cancelled' });
    store.cancelMeeting('AC', 'k');
    expect(store.applyHostAction(hostToken, 'start')).toMatchObject({ ok: false, reason: 'cancelled' });
  });
});

describe('pages calls', () => {
  it('findEntry, findMeetingByCode and listMeetings see cancelled rows as cancelled', () => {
    const { store, hostToken, token } = setup();
    const code = store.findEntry(hostToken)!.meeting.code;
    expect(store.findMeetingByCode(code)).toMatchObject({ meetingKey: 'k', cancelled: false });
    expect(store.findEntry(token)).toMatchObject({ kind: 'participant', accountSid: 'AC', cancelled: false, participant: { puid: 'p' } });
    expect(store.listMeetings('AC')).toMatchObject([{ meetingKey: 'k', participants: [{ puid: 'p', status: '2' }] }]);
    store.cancelMeeting('AC', 'k');
    expect(store.findMeetingByCode(code)).toMatchObject({ cancelled: true });
    expect(store.findEntry(hostToken)).toMatchObject({ kind: 'host', cancelled: true });
    expect(store.findEntry(token)).toMatchObject({ cancelled: true, participant: { cancelled: true } });
    expect(store.listMeetings('AC')).toEqual([]);
    expect(store.listMeetings('AC', { includeCancelled: true })).toHaveLength(1);
    expect(store.listMeetings('other')).toEqual([]);
    expect(store.findEntry('LIVEXXXXXXXXXXXXXXXXXXXX')).toBeUndefined();
    expect(store.findMeetingByCode('ZZZZZZ')).toBeUndefined();
  });
});
