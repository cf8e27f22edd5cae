import { spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestGate } from './gate.js';
import { IDLE_SOCKET_MS, Transport, TransportError } from './raw-http.js';

/** A loopback server whose handler also gets the number of the request on its connection (1 for the first). */
async function startServer(handle: (req: http.IncomingMessage, res: http.ServerResponse, nth: number) => void, keepAliveTimeout?: number) {
  const perSocket = new WeakMap<Socket, number>();
  const connections: Socket[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const nth = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, nth);
    req.resume();
    req.on('end', () => handle(req, res, nth));
  });
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transportTo(url: string): Transport {
  const transport = new Transport({ baseUrl: url, gate: new RequestGate({ maxRequests: Number.POSITIVE_INFINITY, rate: null }) });
  cleanups.push(() => transport.close());
  return transport;
}

const post = { method: 'POST', target: '/getMeetingStatus', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'meetingKey=m1' };

describe('Transport keep-alive', () => {
  it('closes an idle connection before the server\'s announced Keep-Alive timeout, not after it', async () => {
    // Keep-Alive: timeout=3: the client must hang up about a second earlier, so that it never sends on a closing socket.
    const server = await startServer((_req, res) => res.end('{"resultcode":1}'), 3_000);
    cleanups.push(server.close);
    const answer = await transportTo(server.url).send(post);
    expect(answer.headers['keep-alive']).toBe('timeout=3');
    const [socket] = server.connections;
    // 'end' is the client's FIN; a server that times the socket out first destroys it without one.
    const closedBy = await new Promise<string>((resolve) => {
      socket?.once('end', () => resolve('client'));
      socket?.once('close', () => resolve('server'));
    });
    expect(closedBy).toBe('client');
  });

  it('sends a request again when the server closed its reused connection before reading it', async () => {
    // The server's side of the race: the second request on the first connection meets a socket being closed.
    const server = await startServer((req, res, nth) => {
      if (nth === 2 && server.connections.indexOf(req.socket) === 0) req.socket.resetAndDestroy();
      else res.end(`{"resultcode":1,"nth":${nth}}`);
    });
    cleanups.push(server.close);
    const transport = transportTo(server.url);
    expect((await transport.send(post)).status).toBe(200);
    const again = await transport.send(post);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ resultcode: 1, nth: 1 });
    // Sent three times over two connections: the reset one, then once on a new connection.
    expect(server.requests).toBe(3);
    expect(server.connections).toHaveLength(2);
  });

  it('does not send a request again when a new connection is reset', async () => {
    const server = await startServer((req) => req.socket.resetAndDestroy());
    cleanups.push(server.close);
    const failure = await transportTo(server.url).send(post).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as TransportError).code).toBe('ECONNRESET');
    expect(server.requests).toBe(1);
  });

  it('sends a request at most twice, the second time on a new connection of its own', async () => {
    // The first request on each connection is answered, every later one reset: no reused socket ever works.
    const server = await startServer((req, res, nth) => (nth === 1 ? res.end('{"resultcode":1}') : req.socket.resetAndDestroy()));
    cleanups.push(server.close);
    const transport = transportTo(server.url);
    // Three requests at once open three connections, which then sit idle, each one stale.
    await Promise.all([1, 2, 3].map(() => transport.send(post)));
    for (let i = 0; i < 3; i += 1) expect((await transport.send(post)).status).toBe(200);
    // Each of the three met one stale socket and was sent again on a new connection: 3 + 3 x 2 requests.
    expect(server.requests).toBe(9);
    expect(server.connections).toHaveLength(6);
    // The stale ones are gone: the next request opens a connection and is sent once.
    expect((await transport.send(post)).status).toBe(200);
    expect(server.requests).toBe(10);
    expect(server.connections).toHaveLength(7);
  });

  it('bounds the connect by the request timeout, not by the idle timeout', { timeout: 30_000 }, async () => {
    // A listener that never accepts (Python: Node's own servers always accept), with room for one queued
    // connection: once one waits in its queue, a new connect hangs.
    const listener = spawn('python3', ['-c', 'import socket,sys\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()']);
    cleanups.push(() => listener.kill());
    const port = await new Promise<number>((resolve) => listener.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
    const queued = net.connect(port, '127.0.0.1');
    cleanups.push(() => queued.destroy());
    await new Promise((resolve) => queued.once('connect', resolve));
    // Longer than the idle timeout, which the agent gives every new socket until it connects.
    const timeoutMs = IDLE_SOCKET_MS + 500;
    const transport = new Transport({ baseUrl: `http://127.0.0.1:${port}`, gate: new RequestGate({ maxRequests: 1, rate: null }), timeoutMs });
    cleanups.push(() => transport.close());
    const started = performance.now();
    const failure = await transport.send(post).catch((error: unknown) => error);
    expect((failure as TransportError).code).toBe('ETIMEDOUT');
    // A lower bound only (a timer never fires early; 5 ms for clock rounding): cut at the idle timeout, it would be 500 ms short.
    expect(performance.now() - started).toBeGreaterThanOrEqual(timeoutMs - 5);
  });
});
