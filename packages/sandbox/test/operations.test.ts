import { getEnum, lifecycle, urlRandomness } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { call, ok, schemaErrors, SID, startTestSandbox, uniqueKey, urlFormats } from './helpers.js';

const sandbox = await startTestSandbox();
const meetingStatuses = getEnum('MeetingStatus').map((entry) => entry.value);
const participantStatuses = getEnum('ParticipantStatus').map((entry) => entry.value);
const initialMeeting = lifecycle('meeting').initial;
const initialParticipant = lifecycle('participant').initial;

describe('createMeeting', () => {
  it('returns meetingKey, meetingUrl and hostUrl in the spec formats, with status 1', async () => {
    const key = uniqueKey();
    const body = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h', title: 'Weekly', lang: 'en', description: 'd', time: '2026-12-01 09:30:00', duration: '45', hostnickname: 'Ann', hostemail: 'ann@example.com' });
    expect(schemaErrors('createMeeting', 'success', body)).toBeUndefined();
    expect(body.meetingKey).toBe(key);
    expect(body.meetingUrl).toMatch(urlFormats.meetingUrl);
    expect(body.hostUrl).toMatch(urlFormats.entryUrl);
    expect(body.meetingUrl.startsWith(`${sandbox.publicUrl}/`)).toBe(true);
    expect(body.hostUrl.startsWith(`${sandbox.publicUrl}/e/LIVE`)).toBe(true);
    expect(await ok(sandbox, 'getMeetingStatus', { meetingKey: key })).toEqual({ resultcode: 1, status: initialMeeting });
    expect(await sandbox.store.getMeeting(SID, key)).toMatchObject({
      ok: true,
      meeting: { title: 'Weekly', lang: 'en', description: 'd', time: '2026-12-01 09:30:00', duration: '45', hostNickname: 'Ann', hostEmail: 'ann@example.com' },
    });
  });

  it('repeating it with the same key and hostid returns the meeting unchanged', async () => {
    const key = uniqueKey();
    const first = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h', title: 'One' });
    const again = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h', title: 'Two' });
    expect(again).toEqual(first);
    expect(await sandbox.store.getMeeting(SID, key)).toMatchObject({ ok: true, meeting: { title: 'One' } });
  });

  it('the key of a live meeting with another hostid is meeting_exists', async () => {
    const key = uniqueKey();
    await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const res = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'other' });
    expect(res).toMatchObject({ resultcode: 0, error: 'meeting_exists' });
    expect(schemaErrors('createMeeting', 'failure', res)).toBeUndefined();
  });

  it('an empty key always creates a new meeting with a fresh key', async () => {
    const a = await ok(sandbox, 'createMeeting', { meetingKey: '', hostid: 'h' });
    const b = await ok(sandbox, 'createMeeting', { meetingKey: '', hostid: 'h' });
    expect(a.meetingKey).not.toBe(b.meetingKey);
    expect(a.meetingUrl).not.toBe(b.meetingUrl);
  });

  it('hands out distinct URLs and random tokens (rule url.random: bits, alphabet, no shared runs)', async () => {
    const random = urlRandomness();
    const urls = new Set<string>();
    const entryUrls: string[] = [];
    for (let i = 0; i < Math.max(50, random.minTokens); i++) {
      const body = await ok(sandbox, 'createMeeting', { meetingKey: '', hostid: `h${i}` });
      urls.add(body.meetingUrl);
      urls.add(body.hostUrl);
      entryUrls.push(body.hostUrl, (await ok(sandbox, 'addParticipant', { meetingKey: body.meetingKey, puid: 'p' })).participantUrl);
    }
    expect(urls.size).toBe(100);
    expect(new Set(entryUrls).size).toBe(entryUrls.length);
    // The random part is what url.formats leaves to chance: `[alphabet]{length}` after the literal prefix.
    const format = /\[([^\]]+)\]\{(\d+)\}\$$/.exec(urlFormats.entryUrl.source);
    expect(format).not.toBeNull();
    const [, alphabet = '', lengthText = ''] = format!;
    const inClass = new RegExp(`^[${alphabet}]$`);
    const symbols = new Set(Array.from({ length: 0x7f - 0x20 }, (_, k) => String.fromCharCode(0x20 + k)).filter((c) => inClass.test(c)));
    const length = Number(lengthText);
    expect(length * Math.log2(symbols.size)).toBeGreaterThan(random.minBits);
    const parts = entryUrls.map((url) => url.slice(url.length - length));
    for (const part of parts) {
      expect(part).toHaveLength(length);
      for (const c of part) expect(symbols.has(c), `${part} uses ${c}`).toBe(true);
    }
    expect(new Set(parts.join('')).size).toBeGreaterThanOrEqual(random.minAlphabet);
    let longest = 0;
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) longest = Math.max(longest, sharedRun(parts[i]!, parts[j]!));
    expect(longest).toBeLessThan(random.sharedRun);
  });
});

describe('addParticipant and getParticipantUrl', () => {
  it('gives each participant a unique URL with status 2, and the same URL again when repeated', async () => {
    const key = uniqueKey();
    const meeting = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const a = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'a', nickname: 'A', email: 'a@example.com' });
    const b = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'b' });
    expect(schemaErrors('addParticipant', 'success', a)).toBeUndefined();
    expect(a).toMatchObject({ resultcode: 1, meetingKey: key });
    expect(a.participantUrl).toMatch(urlFormats.entryUrl);
    expect(new Set([a.participantUrl, b.participantUrl, meeting.hostUrl]).size).toBe(3);
    expect(await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'a' })).toEqual(a);
    const url = await ok(sandbox, 'getParticipantUrl', { meetingKey: key, puid: 'a' });
    expect(schemaErrors('getParticipantUrl', 'success', url)).toBeUndefined();
    expect(url).toEqual({ resultcode: 1, participantUrl: a.participantUrl });
    const status = await ok(sandbox, 'getParticipantStatus', { meetingKey: key, puid: 'b' });
    expect(status).toEqual({ resultcode: 1, status: initialParticipant });
    expect(schemaErrors('getParticipantStatus', 'success', status)).toBeUndefined();
  });

  it('the host may also be a participant, with a URL of their own', async () => {
    const key = uniqueKey();
    const meeting = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'same' });
    const participant = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'same' });
    expect(participant.participantUrl).not.toBe(meeting.hostUrl);
  });

  it.each([
    ['addParticipant', { puid: 'x' }],
    ['getParticipantUrl', { puid: 'x' }],
    ['getParticipantStatus', { puid: 'x' }],
    ['cancelParticipant', { puid: 'x' }],
    ['getMeetingUrl', {}],
    ['getMeetingStatus', {}],
    ['cancelMeeting', {}],
  ])('%s on an unknown key is meeting_not_found', async (operation, params) => {
    const res = await ok(sandbox, operation, { meetingKey: uniqueKey('missing'), ...params });
    expect(res).toMatchObject({ resultcode: 0, error: 'meeting_not_found' });
    expect(schemaErrors(operation, 'failure', res)).toBeUndefined();
  });

  it.each(['getParticipantUrl', 'getParticipantStatus', 'cancelParticipant'])('%s on an unknown puid is participant_not_found', async (operation) => {
    const key = uniqueKey();
    await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    expect(await ok(sandbox, operation, { meetingKey: key, puid: 'ghost' })).toMatchObject({ resultcode: 0, error: 'participant_not_found' });
  });
});

describe('statuses and the lifecycle', () => {
  it('reports every lifecycle status as a string of the spec enums', async () => {
    const key = uniqueKey();
    const meeting = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const participant = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'p' });
    const hostToken = meeting.hostUrl.split('/e/')[1]!;
    const token = participant.participantUrl.split('/e/')[1]!;
    const seen = { meeting: new Set<string>(), participant: new Set<string>() };
    const observe = async () => {
      seen.meeting.add((await ok(sandbox, 'getMeetingStatus', { meetingKey: key })).status);
      seen.participant.add((await ok(sandbox, 'getParticipantStatus', { meetingKey: key, puid: 'p' })).status);
    };
    await observe();
    for (const step of [
      () => sandbox.store.applyParticipantAction(token, 'refuse'),
      () => sandbox.store.applyParticipantAction(token, 'accept'),
      () => sandbox.store.applyHostAction(hostToken, 'start'),
      () => sandbox.store.applyParticipantAction(token, 'join'),
      () => sandbox.store.applyParticipantAction(token, 'leave'),
      () => sandbox.store.applyParticipantAction(token, 'join'),
      () => sandbox.store.applyHostAction(hostToken, 'leave'),
      () => sandbox.store.applyHostAction(hostToken, 'start'),
      () => sandbox.store.applyHostAction(hostToken, 'end'),
    ]) {
      expect((await step()).ok).toBe(true);
      await observe();
    }
    expect([...seen.meeting].sort()).toEqual([...meetingStatuses].sort());
    expect([...seen.participant].sort()).toEqual([...participantStatuses].sort());
    // Ending the meeting moved the participant in progress to quit.
    expect(await ok(sandbox, 'getParticipantStatus', { meetingKey: key, puid: 'p' })).toEqual({ resultcode: 1, status: '11' });
  });

  it('addParticipant on a finished meeting is meeting_closed; a live participant still gets its URL', async () => {
    const key = uniqueKey();
    const meeting = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const existing = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'early' });
    const hostToken = meeting.hostUrl.split('/e/')[1]!;
    await sandbox.store.applyHostAction(hostToken, 'start');
    await sandbox.store.applyHostAction(hostToken, 'end');
    const res = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'late' });
    expect(res).toMatchObject({ resultcode: 0, error: 'meeting_closed' });
    expect(schemaErrors('addParticipant', 'failure', res)).toBeUndefined();
    expect(await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'early' })).toEqual(existing);
    // A finished meeting is still live: it can be read and cancelled.
    expect(await ok(sandbox, 'getMeetingStatus', { meetingKey: key })).toEqual({ resultcode: 1, status: '12' });
  });
});

describe('cancellation', () => {
  it('cancelMeeting: every later call is meeting_not_found, twice fails, the key is reusable with new URLs', async () => {
    const key = uniqueKey();
    const first = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const participant = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'p' });
    const cancelled = await ok(sandbox, 'cancelMeeting', { meetingKey: key });
    expect(cancelled).toEqual({ resultcode: 1, meetingKey: key });
    expect(schemaErrors('cancelMeeting', 'success', cancelled)).toBeUndefined();
    for (const [operation, params] of [
      ['getMeetingUrl', {}],
      ['getMeetingStatus', {}],
      ['addParticipant', { puid: 'q' }],
      ['getParticipantUrl', { puid: 'p' }],
      ['getParticipantStatus', { puid: 'p' }],
      ['cancelParticipant', { puid: 'p' }],
      ['cancelMeeting', {}],
    ] as const) {
      expect(await ok(sandbox, operation, { meetingKey: key, ...params }), operation).toMatchObject({ resultcode: 0, error: 'meeting_not_found' });
    }
    // Its URLs admit no one: the entries are marked cancelled.
    expect((await sandbox.store.findEntry(first.hostUrl.split('/e/')[1]!))?.cancelled).toBe(true);
    expect((await sandbox.store.findEntry(participant.participantUrl.split('/e/')[1]!))?.cancelled).toBe(true);
    // The key is free again, even for another host, and the new meeting is new.
    const again = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'someone-else' });
    expect(again.resultcode).toBe(1);
    expect(again.meetingUrl).not.toBe(first.meetingUrl);
    expect(again.hostUrl).not.toBe(first.hostUrl);
    expect(await ok(sandbox, 'getParticipantStatus', { meetingKey: key, puid: 'p' })).toMatchObject({ error: 'participant_not_found' });
  });

  it('cancelParticipant: later calls are participant_not_found, twice fails, re-adding gives a new URL', async () => {
    const key = uniqueKey();
    await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const first = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'p' });
    const cancelled = await ok(sandbox, 'cancelParticipant', { meetingKey: key, puid: 'p' });
    expect(cancelled).toEqual({ resultcode: 1, meetingKey: key });
    expect(schemaErrors('cancelParticipant', 'success', cancelled)).toBeUndefined();
    for (const operation of ['getParticipantUrl', 'getParticipantStatus', 'cancelParticipant']) {
      expect(await ok(sandbox, operation, { meetingKey: key, puid: 'p' })).toMatchObject({ resultcode: 0, error: 'participant_not_found' });
    }
    expect((await sandbox.store.findEntry(first.participantUrl.split('/e/')[1]!))?.cancelled).toBe(true);
    const again = await ok(sandbox, 'addParticipant', { meetingKey: key, puid: 'p' });
    expect(again.participantUrl).toMatch(urlFormats.entryUrl);
    expect(again.participantUrl).not.toBe(first.participantUrl);
    expect(await ok(sandbox, 'getParticipantStatus', { meetingKey: key, puid: 'p' })).toEqual({ resultcode: 1, status: initialParticipant });
    expect(await ok(sandbox, 'getMeetingStatus', { meetingKey: key })).toEqual({ resultcode: 1, status: initialMeeting });
  });
});

describe('getMeetingUrl', () => {
  it('returns the meetingUrl createMeeting gave', async () => {
    const key = uniqueKey();
    const created = await ok(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    const body = await ok(sandbox, 'getMeetingUrl', { meetingKey: key });
    expect(schemaErrors('getMeetingUrl', 'success', body)).toBeUndefined();
    expect(body).toEqual({ resultcode: 1, meetingUrl: created.meetingUrl });
    expect(schemaErrors('getMeetingStatus', 'success', await ok(sandbox, 'getMeetingStatus', { meetingKey: key }))).toBeUndefined();
  });
});

describe('publicUrl', () => {
  it('every URL starts with the configured publicUrl', async () => {
    const proxied = await startTestSandbox({ publicUrl: 'https://sandbox.example.com/lm/' });
    const body = await call(proxied, 'createMeeting', { meetingKey: '', hostid: 'h' });
    expect(body.body.meetingUrl).toMatch(/^https:\/\/sandbox\.example\.com\/lm\/[0-9A-Z]{6}$/);
    expect(body.body.hostUrl).toMatch(/^https:\/\/sandbox\.example\.com\/lm\/e\/LIVE[0-9A-Z]{20}$/);
  });
});

/** The longer of the common prefix and the common suffix of two tokens (url.random's "shared run"). */
function sharedRun(a: string, b: string): number {
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  return Math.max(prefix, suffix);
}
