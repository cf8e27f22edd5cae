/**
 * Raw HTTP for the suite: node:http(s) with keep-alive, so that it can send
 * what a fetch() would refuse or rewrite (any method, any content type, a
 * malformed Authorization header, an oversized body). Every request goes
 * through the run's gate and is recorded for the checks that review traffic.
 */
import http from 'node:http';
import https from 'node:https';
import type { Expectation } from '../traffic/exchange.js';
import type { AcquireOptions, RequestGate } from './gate.js';

/** One request. `target` is a path below the base URL or an absolute URL. */
export interface HttpRequest {
  readonly method: string;
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Send the body chunked, without a Content-Length (a server must still enforce its size limit). */
  readonly chunked?: boolean;
  /** The failure the sender provokes on purpose, for the traffic checks (never sent). */
  readonly expect?: Expectation;
}

/** One answer. `json` is the parsed body when it parses, whatever the content type. */
export interface HttpResponse {
  readonly method: string;
  /** The path or URL that was asked for. */
  readonly target: string;
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly json: unknown;
  /** The body that was sent (reports quote its start). */
  readonly requestBody?: string;
}

/**
 * Our side closes an idle keep-alive socket after this long, or a second before
 * the server's announced `Keep-Alive: timeout=N` when that is sooner. Without an
 * agent timeout Node 20's agent ignores that hint and keeps idle sockets forever,
 * so a request could go out on a socket the server was just closing (ECONNRESET).
 */
export const IDLE_SOCKET_MS = 4_000;

const KEEP_ALIVE = { keepAlive: true, timeout: IDLE_SOCKET_MS } as const;

/** An HTTP agent that keeps connections alive and retires idle ones before a server would. */
export function keepAliveAgent(): http.Agent {
  return new http.Agent(KEEP_ALIVE);
}

/** Failures of a reused keep-alive socket that mean the server closed it before it read the request. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** The server could not be reached or did not answer. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  /** `ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`... */
  readonly code: string;

  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** How to build a transport. */
export interface TransportOptions {
  readonly baseUrl: string;
  readonly gate: RequestGate;
  readonly timeoutMs?: number;
  /** Called with every answer and its request, for the checks that review all traffic. */
  readonly onResponse?: (response: HttpResponse, request: HttpRequest) => void;
  /** Called with every request that got no answer (the run then checks that the server is still there). */
  readonly onError?: (error: TransportError) => void;
  /** Called with every request sent once more on a new connection because its reused one was reset before any answer. */
  readonly onResend?: (request: HttpRequest, error: TransportError) => void;
}

/**
 * Sends requests to one server.
 * @example
 * const transport = new Transport({ baseUrl: 'http://127.0.0.1:4010', gate });
 * const res = await transport.send({ method: 'GET', target: '/createMeeting' });
 * res.status; // 405
 */
export class Transport {
  readonly baseUrl: string;
  readonly #options: TransportOptions;
  readonly #agents = { http: keepAliveAgent(), https: new https.Agent(KEEP_ALIVE) };

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#options = options;
  }

  /** Resolves a path below the base URL (or an absolute URL) to a URL. */
  resolve(target: string): URL {
    return /^https?:\/\//i.test(target) ? new URL(target) : new URL(`${this.baseUrl}${target}`);
  }

  async send(request: HttpRequest, gateOptions: AcquireOptions = {}): Promise<HttpResponse> {
    await this.#options.gate.acquire(gateOptions);
    let response: HttpResponse;
    try {
      response = await this.#exchange(request);
    } catch (error) {
      if (error instanceof TransportError) this.#options.onError?.(error);
      throw error;
    }
    this.#options.onResponse?.(response, request);
    return response;
  }

  /** Frees the keep-alive sockets. */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  /**
   * One exchange. A server may close an idle keep-alive connection just as a
   * request goes out on it (it never read the request): when a reused socket
   * fails before any answer, the request is sent once more, as browsers do, on
   * a new connection of its own (`fresh`), so that no other idle one can fail it.
   */
  #exchange(request: HttpRequest, fresh = false): Promise<HttpResponse> {
    const url = this.resolve(request.target);
    const secure = url.protocol === 'https:';
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers: Record<string, string> = { ...request.headers };
    if (body && !request.chunked) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = (secure ? https : http).request(
        url,
        { method: request.method, headers, agent: fresh ? false : secure ? this.#agents.https : this.#agents.http },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error: NodeJS.ErrnoException) => reject(toTransportError(error, request)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              method: request.method,
              target: request.target,
              status: res.statusCode ?? 0,
              headers: flattenHeaders(res.headers),
              text,
              json: parseJson(text),
              ...(body ? { requestBody: body.toString('utf8') } : {}),
            });
          });
        },
      );
      const timeoutMs = this.#options.timeoutMs ?? 10_000;
      // From the connect on: until it connects, a new socket would keep the agent's idle timeout.
      req.once('socket', (socket) => socket.setTimeout(timeoutMs));
      req.setTimeout(timeoutMs, () => {
        req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
      });
      // A server may answer (413) and close before it has read the whole body.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return;
        if (!(req.reusedSocket && !fresh && STALE_SOCKET_CODES.has(error.code ?? ''))) return reject(toTransportError(error, request));
        this.#options.onResend?.(request, toTransportError(error, request));
        resolve(this.#exchange(request, true));
      });
      if (body && request.chunked) {
        const half = Math.floor(body.length / 2);
        req.write(body.subarray(0, half));
        req.end(body.subarray(half));
      } else {
        req.end(body);
      }
    });
  }
}

function toTransportError(error: NodeJS.ErrnoException, request: HttpRequest): TransportError {
  const code = error.code ?? 'EUNKNOWN';
  return new TransportError(`${request.method} ${request.target}: ${code} (${error.message})`, code, { cause: error });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
