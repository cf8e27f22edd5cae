/**
 * The AuthToken never appears in output, reports or errors, even when the
 * server echoes the Authorization header and the credentials back in every
 * answer (so that every failure quoting an answer would carry them).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrettyReporter, formatJson, formatJunit, runConformance } from '../src/index.js';
import type { Account } from '../src/types.js';
import { jsonOf, startFaultProxy, withJson, type Mutant } from './support/fault-proxy.js';

const primary: Account = { accountSid: `ACsec${randomBytes(4).toString('hex')}`, authToken: `tok${randomBytes(16).toString('hex')}` };
const second: Account = { accountSid: `ACsec2${randomBytes(4).toString('hex')}`, authToken: `tok${randomBytes(16).toString('hex')}` };

/** Echoes the credentials in a header and in the body of every answer, and breaks resultcode so that checks quote the bodies. */
const echo: Mutant = {
  name: 'echo-credentials',
  breaks: 'failure.no-leak',
  expected: 'auth.wrong-sid',
  response(req, answer) {
    const authorization = req.headers.authorization ?? '';
    const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
    return withJson({ ...answer, headers: { ...answer.headers, 'x-echo': authorization } }, {
      ...jsonOf(answer),
      resultcode: 7,
      message: `you sent ${authorization} (${decoded}) ${encodeURIComponent(decoded)}`,
    });
  },
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary, second], logger: false });
});
afterAll(() => sandbox?.close());

describe('secrets', () => {
  it('never appear in the pretty output, the JSON report or the JUnit report', async () => {
    const proxy = await startFaultProxy(sandbox.url, echo);
    let printed = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString();
        done();
      },
    });
    try {
      const report = await runConformance({
        baseUrl: proxy.url,
        account: primary,
        secondAccount: second,
        rate: null,
        listeners: [createPrettyReporter({ stream, color: false })],
      });
      const outputs = [printed, formatJson(report), formatJunit(report)];
      // The echo made checks fail with findings quoting the answers: the test would prove nothing otherwise.
      expect(report.summary.failed).toBeGreaterThan(10);
      expect(printed).toContain('you sent');
      for (const output of outputs) {
        for (const account of [primary, second]) {
          expect(output).not.toContain(account.authToken);
          expect(output).not.toContain(Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64').replace(/=+$/, ''));
        }
        expect(output).toContain('[redacted]');
      }
    } finally {
      await proxy.close();
    }
  });
});
