/**
 * The contract's request matching is as strict as the client needs: form
 * fields in any order, but no wrong value, no extra field (openapi-fetch would
 * send an omitted field as "undefined"), no missing field, and a basic-auth
 * Authorization header. Uses its own pact directory, so the real pact stays clean.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PactV3 } from '@pact-foundation/pact';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import { formRequest, success } from './contract-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'liveminutes-contract-kit-'));

async function send(body: string, authorization = 'Basic eDp5'): Promise<void> {
  const pact = new PactV3({ consumer: 'contract-kit', provider: 'strictness', dir, logLevel: 'error' });
  pact
    .uponReceiving(`a request with body ${body} and ${authorization}`)
    .withRequest(formRequest('createMeeting', { meetingKey: 'k', hostid: '1' }))
    .willRespondWith(success({}));
  await pact.executeTest(async (server) => {
    await fetch(`${server.url}/createMeeting`, { method: 'POST', headers: { 'content-type': FORM_MEDIA_TYPE, authorization }, body });
  });
}

describe('formRequest matching', () => {
  it('accepts the fields in any order', async () => {
    await expect(send('hostid=1&meetingKey=k')).resolves.toBeUndefined();
    await expect(send('meetingKey=k&hostid=1')).resolves.toBeUndefined();
  });

  it.each([
    ['a wrong value', 'meetingKey=k&hostid=2'],
    ['an extra field', 'meetingKey=k&hostid=1&title=undefined'],
    ['a missing field', 'meetingKey=k'],
  ])('refuses %s', async (_name, body) => {
    await expect(send(body)).rejects.toThrow();
  });

  it('refuses an Authorization header that is not basic auth', async () => {
    await expect(send('meetingKey=k&hostid=1', 'Bearer abc')).rejects.toThrow();
  });
});
