import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../http/api.js';
import { RequestGate } from '../http/gate.js';
import { Transport } from '../http/raw-http.js';
import { ProviderApi } from './provider-api.js';
import { createProviderContext, type ProviderContext } from './provider-context.js';
import { createRequestFilter } from './request-filter.js';

// A real loopback provider that records what reaches it. The list is shared by the file's tests and
// never reset: each test picks its own requests by a query string unique to it.
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
const received: Received[] = [];
const provider = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const answer = req.url?.endsWith('/createMeeting') ? { resultcode: 1, meetingKey: 'made-by-provider' } : { resultcode: 0 };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  });
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

/** Runs the filter on one request and resolves with the answer it wrote (or 'next'). */
function run(
  context: ProviderContext,
  req: { url: string; method?: string; headers: Record<string, string>; body?: unknown },
  target = baseUrl,
): Promise<{ status: number; body: string; headers: Record<string, unknown> } | 'next'> {
  const transport = new Transport({ baseUrl: target, gate: new RequestGate({ maxRequests: 100, rate: null }) });
  const filter = createRequestFilter(context, { transport });
  return new Promise((resolve) => {
    let status = 0;
    let headers: Record<string, unknown> = {};
    const res = {
      headersSent: false,
      writeHead(code: number, h: Record<string, unknown>) {
        status = code;
        headers = h ?? {};
      },
      end(chunk: Buffer | string) {
        transport.close();
        resolve({ status, headers, body: chunk.toString() });
      },
    } as unknown as ServerResponse;
    filter({ method: 'POST', ...req } as IncomingMessage & { body?: unknown }, res, () => resolve('next'));
  });
}

const account = { accountSid: 'ACreal', authToken: 'real-token' };
const fresh = (): ProviderContext => {
  const context = createProviderContext(new ProviderApi({ baseUrl, account }));
  context.keys.set('kjhgngf', 'pact-fresh-1');
  return context;
};

describe('the request filter', () => {
  it('forwards a parsed form body re-encoded, with example keys mapped and the provider credentials', async () => {
    const answer = await run(fresh(), {
      url: '/addParticipant?x=forwards-form',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '99', authorization: 'Basic eDp5' },
      body: { meetingKey: ['kjhgngf', 'kjhgngf'], puid: '4 5&6' },
    });
    expect(answer).toMatchObject({ status: 200, body: '{"resultcode":0}' });
    const ours = received.filter((r) => r.url.endsWith('?x=forwards-form'));
    expect(ours).toHaveLength(1);
    const [got] = ours;
    expect(got?.url).toBe('/api/addParticipant?x=forwards-form');
    expect(got?.body).toBe('meetingKey=pact-fresh-1&meetingKey=pact-fresh-1&puid=4+5%266');
    expect(got?.headers['content-length']).toBe(String(Buffer.byteLength(got?.body ?? '')));
    expect(got?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got?.headers.authorization).toBe(basicAuthorization(account));
  });

  it('sends a wrong token for the provider account when the state asks for one', async () => {
    const context = fresh();
    context.wrongToken = true;
    await run(context, { url: '/getMeetingUrl?x=wrong-token', headers: { authorization: 'Basic eDp5' }, body: {} });
    const ours = received.filter((r) => r.url.endsWith('?x=wrong-token'));
    expect(ours).toHaveLength(1);
    const [sid, token] = Buffer.from(String(ours[0]?.headers.authorization).slice(6), 'base64').toString('utf8').split(':');
    expect(sid).toBe('ACreal');
    expect(token).not.toBe('real-token');
  });

  it('remembers the meetings a verified createMeeting made, and cleanup cancels them', async () => {
    const context = fresh();
    await run(context, { url: '/createMeeting', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: { meetingKey: '' } });
    const before = received.length;
    await context.cleanup();
    context.api.close();
    const cancels = received.slice(before);
    expect(cancels.map((r) => [r.url, r.body, r.headers.authorization])).toEqual([['/api/cancelMeeting', 'meetingKey=made-by-provider', basicAuthorization(account)]]);
  });

  it('leaves state-setup calls to the verifier', async () => {
    await expect(run(fresh(), { url: '/_pactSetup', headers: {}, body: { state: 's' } })).resolves.toBe('next');
  });

  it('answers 502 with the reason when the provider does not answer', async () => {
    const answer = await run(fresh(), { url: '/getMeetingUrl', headers: {}, body: {} }, 'http://127.0.0.1:9');
    expect(answer).toMatchObject({ status: 502 });
    expect(answer !== 'next' && answer.body).toMatch(/^The verifier got no answer from the provider for POST \/getMeetingUrl: /);
  });
});
