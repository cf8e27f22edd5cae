import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, createProviderApi } from './provider-api.js';
import { createProviderContext } from './provider-context.js';
import { createRequestFilter } from './request-filter.js';

const api = createProviderApi({ baseUrl: 'http://127.0.0.1:1', accountSid: 'ACreal', authToken: 'real-token' });

function run(req: { url: string; headers: Record<string, string>; body?: unknown }, wrongToken = false) {
  const context = createProviderContext(api);
  context.keys.set('kjhgngf', 'pact-fresh-1');
  context.wrongToken = wrongToken;
  const request = { ...req, path: new URL(req.url, 'http://x').pathname } as unknown as IncomingMessage & { body?: unknown };
  let called = false;
  createRequestFilter(context, 'ACreal')(request, {} as ServerResponse, () => {
    called = true;
  });
  expect(called).toBe(true);
  return request;
}

describe('the request filter', () => {
  it('re-encodes a parsed form body, maps example keys, and resets content-length', () => {
    const req = run({
      url: '/addParticipant',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '99', authorization: 'Basic eDp5' },
      body: { meetingKey: ['kjhgngf', 'kjhgngf'], puid: '4 5&6' },
    });
    const body = (req.body as Buffer).toString('utf8');
    expect(body).toBe('meetingKey=pact-fresh-1&meetingKey=pact-fresh-1&puid=4+5%266');
    expect(req.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it("replaces the consumer's credentials with the provider's", () => {
    const req = run({ url: '/getMeetingUrl', headers: { authorization: 'Basic eDp5' } });
    expect(req.headers.authorization).toBe(basicAuthorization('ACreal', 'real-token'));
  });

  it('sends a wrong token for the provider account when the state asks for one', () => {
    const req = run({ url: '/getMeetingUrl', headers: { authorization: 'Basic eDp5' } }, true);
    const [sid, token] = Buffer.from(String(req.headers.authorization).slice(6), 'base64').toString('utf8').split(':');
    expect(sid).toBe('ACreal');
    expect(token).not.toBe('real-token');
  });

  it('leaves state-setup calls and non-form bodies alone', () => {
    const setup = run({ url: '/_pactSetup', headers: { authorization: 'Basic eDp5' }, body: { state: 's' } });
    expect(setup.body).toEqual({ state: 's' });
    expect(setup.headers.authorization).toBe('Basic eDp5');
    const json = run({ url: '/x', headers: { 'content-type': 'application/json' }, body: { meetingKey: 'kjhgngf' } });
    expect(json.body).toEqual({ meetingKey: 'kjhgngf' });
  });
});
