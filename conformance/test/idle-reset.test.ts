/**
 * A server that closes an idle keep-alive connection just as a request goes
 * out on it never read that request: the run sends it once more on a new
 * connection, passes, and says in the report how many it sent again.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startSandbox } from '@org/liveminutes-sandbox';
import { expect, it } from 'vitest';
import { keepAliveAgent } from '../src/http/raw-http.js';
import { runConformance } from '../src/index.js';
import { createPrettyReporter } from '../src/reporters/index.js';
import type { Account } from '../src/types.js';
import { forward } from './support/forward.js';

const account: Account = { accountSid: `ACidle${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };

it('sends a request reset on a reused connection once more, passes, and reports it', async () => {
  const sandbox = await startSandbox({ port: 0, accounts: [account], logger: false });
  const target = new URL(sandbox.url);
  const agent = keepAliveAgent();
  const perSocket = new WeakMap<Socket, number>();
  let received = 0;
  let reset = 0;
  // In front of the sandbox: the third request on a connection, once, meets a reset instead of an answer.
  const proxy = http.createServer((req, res) => {
    received += 1;
    const nth = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, nth);
    if (reset === 0 && nth === 3) {
      reset += 1;
      req.socket.resetAndDestroy();
      return;
    }
    forward(req, res, target, agent);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  let out = '';
  try {
    const report = await runConformance({
      baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      account,
      rate: null,
      only: ['success.*'],
      listeners: [createPrettyReporter({ stream: { write: (text: string) => ((out += text), true) } as unknown as NodeJS.WritableStream, color: false })],
    });
    expect(reset).toBe(1);
    expect(report.checks.filter((check) => check.status !== 'passed')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.requests.resent).toBe(1);
    // Every request the run counts reached the server, and the reset one twice.
    expect(received).toBe(report.requests.sent + 1);
    expect(out).toContain(`${report.requests.sent} requests, 1 sent again on a new connection after the server reset an idle one`);
  } finally {
    agent.destroy();
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await sandbox.close();
  }
});
