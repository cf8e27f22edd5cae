/**
 * The observing proxy: an HTTP server an application calls instead of the
 * API server. Every request is streamed to the target unchanged (method, path,
 * headers but Host and the hop-by-hop ones, body bytes) and every answer
 * streamed back unchanged, while a copy of both is kept and handed on as one
 * exchange. Whatever the client or the target does (hostile bytes, resets,
 * silence), the proxy answers or closes that one connection and goes on.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TrafficExchange } from '../traffic/exchange.js';

/** Headers that describe one connection, not the message (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

/** How much of each body is kept for the checks (the rest is forwarded, not kept). */
export const KEPT_BODY_BYTES = 4 * 1024 * 1024;

/** How to start a proxy. */
export interface ProxyOptions {
  /** The server the application's requests go to: `http://127.0.0.1:4010`. */
  readonly target: string;
  /** 0 for any free port. */
  readonly port?: number;
  readonly host?: string;
  /** Called once per exchange, after the answer went out (or could not). Must not throw; a throw is reported to `onError`. */
  readonly onExchange: (exchange: TrafficExchange, startedAt: Date, durationMs: number) => void;
  /** Called with what went wrong inside the proxy (never with a request's content). */
  readonly onError?: (error: Error) => void;
}

/** A running proxy. */
export interface RunningProxy {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Raw header pairs without the hop-by-hop ones, with Host replaced when `host` is given. */
function forwardable(raw: readonly string[], host?: string): string[] {
  const out: string[] = [];
  const named = new Set<string>();
  for (const [name, value] of pairs(raw)) {
    const lower = name.toLowerCase();
    named.add(lower);
    if (HOP_BY_HOP.has(lower)) continue;
    if (lower === 'host' && host !== undefined) out.push(name, host);
    else out.push(name, value);
  }
  if (host !== undefined && !named.has('host')) out.push('Host', host);
  return out;
}

function pairs(raw: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return result;
}

/** Header names in lower case; repeated headers joined with ", ". */
function flatten(raw: readonly string[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of pairs(raw)) {
    const lower = name.toLowerCase();
    flat[lower] = lower in flat ? `${flat[lower]}, ${value}` : value;
  }
  return flat;
}

/** Collects up to KEPT_BODY_BYTES of a stream's chunks. */
function keeper(): { add(chunk: Buffer): void; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk) {
      if (size >= KEPT_BODY_BYTES) return;
      const part = chunk.subarray(0, KEPT_BODY_BYTES - size);
      chunks.push(part);
      size += part.length;
    },
    bytes: () => Buffer.concat(chunks, size),
  };
}

/**
 * Starts the proxy.
 * @example
 * const proxy = await startProxy({ target: sandbox.url, port: 0, onExchange: (exchange) => console.log(checkExchange(exchange)) });
 * // point the application at proxy.url
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  const secure = target.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, timeout: 4_000 }) : new http.Agent({ keepAlive: true, timeout: 4_000 });
  const report = (error: unknown): void => options.onError?.(error instanceof Error ? error : new Error(String(error)));
  const base = target.pathname.replace(/\/+$/, '');

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const started = new Date();
    const sent = keeper();
    const received = keeper();
    let done = false;
    let abandoned = false;
    const request = (): TrafficExchange['request'] => ({ method: req.method ?? 'GET', target: req.url ?? '/', headers: flatten(req.rawHeaders), body: sent.bytes() });
    const finish = (exchange: TrafficExchange): void => {
      if (done) return;
      done = true;
      try {
        options.onExchange(abandoned ? { ...exchange, abandoned } : exchange, started, Date.now() - started.getTime());
      } catch (error) {
        report(error);
      }
    };
    const upstream = (secure ? https : http).request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${base}${req.url ?? '/'}`,
      headers: forwardable(req.rawHeaders, target.host),
      agent,
    });
    upstream.on('response', (answer) => {
      try {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.rawHeaders));
      } catch (error) {
        // An answer Node will not relay (an invalid header): say so instead of crashing.
        report(error);
        answer.destroy();
        upstream.destroy();
        if (!res.headersSent) sendOwn(res, 502, 'the target answered with headers that cannot be relayed');
        finish({ request: request(), error: 'EBADHEADER' });
        return;
      }
      answer.on('data', (chunk: Buffer) => received.add(chunk));
      answer.on('end', () => finish({ request: request(), answer: { status: answer.statusCode ?? 0, headers: flatten(answer.rawHeaders), body: received.bytes() } }));
      answer.on('error', () => {
        res.destroy();
        finish({ request: request(), error: 'ECONNRESET' });
      });
      answer.pipe(res);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'EUNKNOWN';
      if (!res.headersSent) sendOwn(res, 502, `the target did not answer (${code})`);
      else res.destroy();
      if (req.complete) finish({ request: request(), error: code });
      else finish({ request: request(), error: `${code} (the request was not read to its end)` });
    });
    req.on('data', (chunk: Buffer) => sent.add(chunk));
    req.on('error', () => upstream.destroy());
    // The application went away before its answer was complete: so does the request to the target.
    res.on('close', () => {
      if (res.writableFinished) return;
      abandoned = true;
      upstream.destroy();
    });
    req.on('aborted', () => {
      abandoned = true;
      upstream.destroy();
    });
    req.pipe(upstream);
  };

  const server = http.createServer({ requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      report(error);
      if (!res.headersSent) sendOwn(res, 502, 'the proxy could not forward the request');
    }
  });
  server.on('clientError', (_error: Error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', report);
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The proxy's own answer (the target gave none): JSON in the API's failure shape, marked as the proxy's. */
function sendOwn(res: http.ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ resultcode: 0, error: 'internal_error', message: `liveminutes-conformance observe: ${message}` });
  try {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-liveminutes-observe': 'proxy' });
    res.end(body);
  } catch {
    res.destroy();
  }
}
