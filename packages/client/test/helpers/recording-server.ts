/**
 * @module recording-server
 * A real HTTP server on loopback, port 0, that records every request it
 * receives (method, path, headers, raw body) and answers with whatever the
 * test's handler says: JSON, raw text, a destroyed socket, or nothing at all.
 *
 * Start one per test (`beforeEach`/`afterEach`), never one per file: a request
 * the client aborted can still be read by the server later, so a shared server's
 * list would mix an earlier test's late attempts into the next test's count.
 * `requests` is read-only for that reason: it is never reset between tests.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What to do with a request: a JSON value (HTTP 200), a raw answer, or a socket-level behaviour. */
export type Reply =
  | { json: unknown; status?: number }
  | { status: number; contentType: string; text: string; headers?: Record<string, string> }
  | { destroy: true }
  | { hang: true };

export interface RecordingServer {
  readonly baseUrl: string;
  /** Every request this server has read, in order (never reset: use a server per test). */
  readonly requests: readonly RecordedRequest[];
  /** Resolves once the server has read `count` requests (an event to wait on instead of a sleep). */
  received(count: number): Promise<void>;
  /** Sets how the next requests are answered. */
  reply(handler: (request: RecordedRequest) => Reply): void;
  close(): Promise<void>;
}

/**
 * Starts a recording server.
 * @example
 * let server: RecordingServer;
 * beforeEach(async () => (server = await startRecordingServer()));
 * afterEach(() => server.close());
 * // in a test:
 * server.reply(() => ({ json: { resultcode: 1, meetingUrl: 'https://lm.test/ABC123' } }));
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  let handler: (request: RecordedRequest) => Reply = () => ({ json: { resultcode: 0 } });
  const send = (res: ServerResponse, reply: Reply): void => {
    if ('destroy' in reply) {
      res.socket?.destroy();
    } else if ('hang' in reply) {
      // Never answer: the client's timeout must end the call.
    } else if ('json' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.json));
    } else {
      res.writeHead(reply.status, { ...reply.headers, 'content-type': reply.contentType }).end(reply.text);
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      send(res, handler(request));
      for (const waiter of waiters.filter((w) => w.count <= requests.length)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    received(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    reply(next) {
      handler = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
