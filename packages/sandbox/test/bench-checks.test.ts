// The sandbox bench counts only answers it checked: its checker rejects wrong answers, and its
// load generator counts a wrong answer as a failure, not as a request served.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lifecycle } from '@org/liveminutes-spec';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../bench/load-client.js';
import { checkAnswer, makeCall } from '../bench/workload.js';

const meetingUrl = 'http://127.0.0.1:4010/ABC123';
const entryUrl = 'http://127.0.0.1:4010/e/LIVE0123456789ABCDEFGHIJ';
const initial = lifecycle('meeting').initial;
const otherStatus = lifecycle('meeting').statuses.find((s) => s.value !== initial)!.value;

const readUrl = makeCall('getMeetingUrl', { meeting: 'k1' }, { url: { kind: 'meetingUrl', value: meetingUrl } });
const readStatus = makeCall('getMeetingStatus', { meeting: 'k1' }, { status: initial });
const create = makeCall('createMeeting', { meeting: 'k1', host: 'h1' });
const json = (value: unknown) => JSON.stringify(value);

describe('the bench checker', () => {
  it.each([
    ['getMeetingUrl', readUrl, json({ resultcode: 1, meetingUrl })],
    ['getMeetingStatus', readStatus, json({ resultcode: 1, status: initial })],
    ['createMeeting', create, json({ resultcode: 1, meetingKey: 'k1', meetingUrl, hostUrl: entryUrl })],
  ])('accepts the right answer to %s', (_, call, body) => {
    expect(checkAnswer(call, 200, body)).toMatchObject({ ok: true });
  });

  it.each([
    ['HTTP 500', readUrl, 500, json({ resultcode: 1, meetingUrl }), /HTTP 500/],
    ['not JSON', readUrl, 200, '<html>', /not JSON/],
    ['resultcode 0', readUrl, 200, json({ resultcode: 0, error: 'meeting_not_found' }), /resultcode/],
    ['a missing field', readUrl, 200, json({ resultcode: 1 }), /meetingUrl is missing/],
    ['another meeting URL', readUrl, 200, json({ resultcode: 1, meetingUrl: 'http://127.0.0.1:4010/ZZZ999' }), /differs/],
    ['a URL out of format', readUrl, 200, json({ resultcode: 1, meetingUrl: 'http://127.0.0.1:4010/abc' }), /not a meetingUrl/],
    ['another status', readStatus, 200, json({ resultcode: 1, status: otherStatus }), /expected/],
    ['a status outside the spec', readStatus, 200, json({ resultcode: 1, status: '99' }), /not a value of the spec/],
    ['another meeting key', create, 200, json({ resultcode: 1, meetingKey: 'k2', meetingUrl, hostUrl: entryUrl }), /not the one sent/],
    ['a meeting URL as hostUrl', create, 200, json({ resultcode: 1, meetingKey: 'k1', meetingUrl, hostUrl: meetingUrl }), /not a entryUrl/],
  ])('rejects %s', (_, call, status, body, problem) => {
    const checked = checkAnswer(call, status, body);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.problem).toMatch(problem);
  });
});

describe('the bench load generator', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('counts a wrong answer as a failure, never as an answer', async () => {
    // Right status for every key but k-3, which gets a failure: 1 failed, the others counted.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const key = new URLSearchParams(body).get('meetingKey');
        const answer = key === 'k-3' ? { resultcode: 0, error: 'meeting_not_found' } : { resultcode: 1, status: initial };
        // The sandbox's framing: a content-length, never chunked.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json(answer)) }).end(json(answer));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let n = 0;
    const next = () => (n < 10 ? makeCall('getMeetingStatus', { meeting: `k-${n++}` }, { status: initial }) : undefined);
    const result = await runLoad(url, next, { connections: 3, authorization: 'Basic eDp5' });
    expect(result.failed).toBe(1);
    expect(result.failures[0]).toMatch(/getMeetingStatus: resultcode is 0/);
    expect(result.answers).toBe(9);
    expect(result.latenciesMs).toHaveLength(9);
  });
});
