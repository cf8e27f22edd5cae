/**
 * A fault-injecting HTTP proxy for the mutation self-test: real loopback HTTP
 * in front of a real sandbox. A mutant may rewrite a request, answer it
 * itself, or rewrite the answer; everything else passes through untouched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveAgent } from '../../src/http/raw-http.js';

/** A request as the proxy saw it (body fully read). */
export interface ProxyRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An answer as the proxy will send it. */
export interface ProxyAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One fault. Each hook may return what it got unchanged. */
export interface Mutant {
  readonly name: string;
  /** The rule the fault breaks, in words. */
  readonly breaks: string;
  /** The check id the suite must fail. */
  readonly expected: string;
  /** The expected check is the only one that fails (the fault is invisible to every other check). */
  readonly alone?: boolean;
  /** Checks (ids or globs) to run against it; all when absent. */
  readonly only?: readonly string[];
  /** Answers after this many milliseconds (a slow but correct server). */
  readonly delayMs?: number;
  /** Sends answers chunked, in two pieces, without a Content-Length. */
  readonly chunked?: boolean;
  /** Rewrites the request, or answers it without the sandbox. */
  request?(request: ProxyRequest): ProxyRequest | ProxyAnswer;
  /** Rewrites the sandbox's answer. */
  response?(request: ProxyRequest, answer: ProxyAnswer): ProxyAnswer;
}

/** A running proxy. */
export interface FaultProxy {
  readonly url: string;
  close(): Promise<void>;
}

function isAnswer(value: ProxyRequest | ProxyAnswer): value is ProxyAnswer {
  return 'status' in value;
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(target: URL, request: ProxyRequest, agent: http.Agent): Promise<ProxyAnswer> {
  const headers = { ...request.headers, host: target.host, 'content-length': String(Buffer.byteLength(request.body)) };
  delete (headers as Record<string, string>)['transfer-encoding'];
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(request.path, target), { method: request.method, headers, agent }, async (res) => {
      const body = (await readBody(res)).toString('utf8');
      resolve({ status: res.statusCode ?? 502, headers: flatten(res.headers), body });
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * Starts a proxy on a free loopback port in front of `targetUrl`.
 * @example
 * const proxy = await startFaultProxy(sandbox.url, mutant);
 * await runConformance({ baseUrl: proxy.url, account });
 */
export async function startFaultProxy(targetUrl: string, mutant?: Mutant): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const agent = keepAliveAgent();
  let self = '';
  const server = http.createServer(async (req, res) => {
    try {
      const incoming: ProxyRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: flatten(req.headers),
        body: (await readBody(req)).toString('utf8'),
      };
      const rewritten = mutant?.request ? mutant.request(incoming) : incoming;
      let answer = isAnswer(rewritten) ? rewritten : await forward(target, rewritten, agent);
      // URLs handed out point at the proxy, so that entry pages go through the fault too.
      answer = { ...answer, body: answer.body.split(target.origin).join(self) };
      if (mutant?.response && !isAnswer(rewritten)) answer = mutant.response(rewritten, answer);
      const headers = { ...answer.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers.connection;
      delete headers['keep-alive'];
      if (mutant?.delayMs) await new Promise((resolve) => setTimeout(resolve, mutant.delayMs));
      if (mutant?.chunked) {
        const bytes = Buffer.from(answer.body);
        const half = Math.floor(bytes.length / 2);
        res.writeHead(answer.status, headers);
        res.write(bytes.subarray(0, half));
        res.end(bytes.subarray(half));
        return;
      }
      res.writeHead(answer.status, { ...headers, 'content-length': String(Buffer.byteLength(answer.body)) });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;
  return {
    url: self,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JSON body of an answer, or undefined. */
export function jsonOf(answer: ProxyAnswer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(answer.body) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The answer with a new JSON body. */
export function withJson(answer: ProxyAnswer, json: unknown): ProxyAnswer {
  return { ...answer, body: JSON.stringify(json) };
}

/** The form fields of a request (empty for other bodies). */
export function formOf(request: ProxyRequest): URLSearchParams {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body) : new URLSearchParams();
}

/** The operation a request names (`/createMeeting` -> `createMeeting`). */
export function operationOf(request: ProxyRequest): string {
  return request.path.replace(/^\//, '').split('?')[0] ?? '';
}
