/**
 * @module recording-server
 * A real HTTP server on loopback, port 0, that records every request it
 * receives (method, path, headers, raw body) and answers with whatever the
 * test's handler says: JSON, raw text, a destroyed socket, or nothing at all.
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
  readonly requests: RecordedRequest[];
  /** Sets how the next requests are answered. */
  reply(handler: (request: RecordedRequest) => Reply): void;
  close(): Promise<void>;
}

/**
 * Starts a recording server.
 * @example
 * const server = await startRecordingServer();
 * server.reply(() => ({ json: { resultcode: 1, meetingUrl: 'https://lm.test/ABC123' } }));
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
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
    reply(next) {
      handler = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
