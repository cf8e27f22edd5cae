/**
 * A proxy in front of a real sandbox that answers a given number of requests
 * and then dies: the next request has its connection reset, and the port
 * stops listening (later requests are refused). Counts every request it
 * received, so that a test can aim the death at a chosen check.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveAgent } from '../../src/http/raw-http.js';
import { forward } from './forward.js';

/** A running proxy. */
export interface DyingProxy {
  readonly url: string;
  /** Requests received so far (the fatal one included). */
  readonly received: number;
  close(): Promise<void>;
}

/**
 * @example
 * const proxy = await startDyingProxy(sandbox.url, 10); // answers 10 requests, resets the 11th
 */
export async function startDyingProxy(targetUrl: string, answers = Number.POSITIVE_INFINITY): Promise<DyingProxy> {
  const target = new URL(targetUrl);
  const agent = keepAliveAgent();
  let received = 0;
  let dead = false;
  const server = http.createServer((req, res) => {
    received += 1;
    if (received > answers) {
      if (!dead) {
        dead = true;
        server.close();
      }
      req.socket.destroy();
      server.closeAllConnections();
      return;
    }
    forward(req, res, target, agent);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        if (!server.listening) resolve();
        else server.close(() => resolve());
      }),
  };
}
