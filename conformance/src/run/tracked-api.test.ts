import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../http/api.js';
import { RequestGate } from '../http/gate.js';
import { Transport } from '../http/raw-http.js';
import { TrackedApi, type TrackedServer } from './tracked-api.js';
import { MeetingTracker } from './tracker.js';

// A real loopback server: createMeeting succeeds unless the key starts with `refuse`, a key starting
// with `drop` loses the answer (the socket is destroyed), cancelMeeting succeeds.
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    const meetingKey = new URLSearchParams(body).get('meetingKey') ?? '';
    if (meetingKey.startsWith('drop')) {
      req.socket.destroy();
      return;
    }
    const answer = meetingKey.startsWith('refuse')
      ? { resultcode: 0, error: 'invalid_parameter' }
      : { resultcode: 1, meetingKey: meetingKey === '' ? 'made-by-server' : meetingKey };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const primary = { accountSid: 'ACone', authToken: 'one' };
const other = { accountSid: 'ACtwo', authToken: 'two' };

function fresh(maxRequests = 100): TrackedServer & { gate: RequestGate } {
  const gate = new RequestGate({ maxRequests, rate: null });
  return { gate, api: new Api(new Transport({ baseUrl, gate }), primary), tracker: new MeetingTracker() };
}

const keys = (target: TrackedServer) => target.tracker.list().map(({ account, meetingKey, owner, confirmed }) => ({ sid: account.accountSid, meetingKey, owner, confirmed }));

describe('TrackedApi', () => {
  it('records a created meeting under its owner, or the owner a call names', async () => {
    const target = fresh();
    const api = new TrackedApi(target, 'area.check');
    await api.call('createMeeting', { meetingKey: 'k1' });
    await api.call('createMeeting', { meetingKey: 'k2' }, { owner: 'fixture', auth: other });
    await api.call('createMeeting', { meetingKey: '' });
    expect(keys(target)).toEqual([
      { sid: 'ACone', meetingKey: 'k1', owner: 'area.check', confirmed: true },
      { sid: 'ACtwo', meetingKey: 'k2', owner: 'fixture', confirmed: true },
      { sid: 'ACone', meetingKey: 'made-by-server', owner: 'area.check', confirmed: true },
    ]);
  });

  it('forgets a refused creation, keeps one whose answer was lost, and forgets a cancelled meeting', async () => {
    const target = fresh();
    const api = new TrackedApi(target, 'area.check');
    await api.call('createMeeting', { meetingKey: 'refuse-1' });
    await expect(api.call('createMeeting', { meetingKey: 'drop-1' })).rejects.toMatchObject({ name: 'TransportError' });
    await api.call('createMeeting', { meetingKey: 'k3' });
    await api.call('cancelMeeting', { meetingKey: 'k3' });
    expect(keys(target)).toEqual([{ sid: 'ACone', meetingKey: 'drop-1', owner: 'area.check', confirmed: false }]);
  });

  it('reads the key of a raw form body', async () => {
    const target = fresh();
    await new TrackedApi(target, 'raw').call('createMeeting', [], { encoding: { contentType: 'application/x-www-form-urlencoded', body: 'meetingKey=k4' } });
    expect(keys(target)).toEqual([{ sid: 'ACone', meetingKey: 'k4', owner: 'raw', confirmed: true }]);
  });

  it('tracks nothing it did not send (the budget refused it), and the plain Api tracks nothing at all', async () => {
    const target = fresh(1);
    // One request left, but a createMeeting needs its cancellation held in reserve.
    await expect(new TrackedApi(target, 'x').call('createMeeting', { meetingKey: '' })).rejects.toMatchObject({ name: 'BudgetExhaustedError' });
    await target.api.call('createMeeting', { meetingKey: 'k5' });
    expect(keys(target)).toEqual([]);
    expect(target.gate.sent).toBe(1);
  });
});
