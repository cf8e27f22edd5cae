/**
 * A load balancer in miniature for tests: a loopback HTTP proxy on port 0
 * that sends each request to the next of its upstreams in turn, so that
 * consecutive calls of one client land on different sandbox processes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveAgent } from '../../src/http/raw-http.js';
import { forward } from './forward.js';

/** A running round-robin proxy. */
export interface RoundRobinProxy {
  readonly url: string;
  /** The upstreams, in turn order; set once they listen (they need the proxy's URL first). */
  upstreams: string[];
  /** How many requests each upstream got. */
  readonly served: number[];
  close(): Promise<void>;
}

/**
 * Starts the proxy; requests before `upstreams` is set answer 503.
 * @example
 * const proxy = await startRoundRobinProxy();
 * proxy.upstreams = [a.url, b.url];
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  const agent = keepAliveAgent();
  let next = 0;
  const proxy: RoundRobinProxy = {
    url: '',
    upstreams: [],
    served: [],
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    if (proxy.upstreams.length === 0) {
      res.writeHead(503).end();
      return;
    }
    const turn = next++ % proxy.upstreams.length;
    proxy.served[turn] = (proxy.served[turn] ?? 0) + 1;
    forward(req, res, new URL(proxy.upstreams[turn] ?? ''), agent);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
