/**
 * Fuzzed traffic through the observing proxy: hostile paths and bodies,
 * binary, oversized and truncated bodies, odd methods, and targets that reset,
 * stall or answer garbage. The proxy never crashes (the process would fail the
 * test), keeps serving, and what reaches the target and the application is,
 * byte for byte, what was sent.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { fcParameters } from '@org/liveminutes-internal/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../src/observe/proxy.js';
import type { TrafficExchange } from '../../src/traffic/exchange.js';
import { checkExchange } from '../../src/traffic/check-exchange.js';

/** What the target saw of one request. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** The answer the target gives a request, chosen by the test (by the request's x-fuzz-id). */
interface Planned {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly chunked: boolean;
}

const seen = new Map<string, Seen>();
const planned = new Map<string, Planned>();
let target: http.Server;
let proxy: RunningProxy;
const exchanges: TrafficExchange[] = [];
const proxyErrors: Error[] = [];

function listen(server: http.Server | net.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  target = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = String(req.headers['x-fuzz-id']);
      seen.set(id, { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const plan = planned.get(id) ?? { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from('{"resultcode":1}'), chunked: false };
      if (req.headers['x-fuzz-reset'] === 'before') return req.socket.destroy();
      res.writeHead(plan.status, { 'content-type': plan.contentType, ...(plan.chunked ? {} : { 'content-length': plan.body.length }) });
      if (req.headers['x-fuzz-reset'] === 'during') {
        res.write(plan.body.subarray(0, 1));
        res.flushHeaders();
        setImmediate(() => req.socket.destroy());
        return;
      }
      res.end(req.method === 'HEAD' ? undefined : plan.body);
    });
  });
  const targetUrl = await listen(target);
  proxy = await startProxy({ target: targetUrl, port: 0, onExchange: (exchange) => exchanges.push(exchange), onError: (error) => proxyErrors.push(error) });
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => {
    target.closeAllConnections();
    target.close(() => resolve());
  });
});

/** Sends one request through the proxy; the answer's status and bytes, or the error code. */
function send(method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: Buffer } | { error: string }> {
  return new Promise((resolve) => {
    // host, port and path as given: a URL string would be normalised (a ' in the query becomes %27) before it is sent.
    const req = http.request({ host: '127.0.0.1', port: proxy.port, path, method, headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? 'error' }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? 'error' }));
    req.end(body);
  });
}

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('%', '%%', '%zz', 'a=%E0%A4%A', '\u0000', '<script>', '\'";--', '\u202e', '🙂'.repeat(20), 'meetingKey=a&meetingKey=b', `${'a=&'.repeat(2000)}x`),
);
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  hostile.map((text) => Buffer.from(text)),
  fc.integer({ min: 65_000, max: 300_000 }).map((size) => Buffer.alloc(size, 0x61)),
);
const request = fc.record({
  method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE'),
  path: fc.oneof(fc.constantFrom('/createMeeting', '/getMeetingStatus', '/', '/e/LIVE0000', '/nope'), hostile.map((text) => `/${encodeURIComponent(text.slice(0, 500))}?q=${encodeURIComponent(text.slice(0, 500))}`)),
  contentType: fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json', 'text/plain', ''),
  authorization: fc.oneof(fc.constant(''), hostile.map((text) => `Basic ${Buffer.from(text).toString('base64')}`)),
  body: bodies,
  answer: fc.record({
    status: fc.constantFrom(200, 201, 204, 400, 404, 413, 500, 503),
    contentType: fc.constantFrom('application/json; charset=utf-8', 'text/html', 'application/octet-stream', ''),
    body: bodies,
    chunked: fc.boolean(),
  }),
});

describe('the observing proxy under fuzzed traffic', () => {
  it('forwards every request and answer byte for byte, and judges each exchange without throwing', { timeout: 300_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        n += 1;
        const id = `fuzz-${n}`;
        const bodyless = generated.method === 'HEAD' || generated.answer.status === 204;
        planned.set(id, { ...generated.answer, body: bodyless ? Buffer.alloc(0) : generated.answer.body });
        const headers: Record<string, string> = { 'x-fuzz-id': id };
        if (generated.contentType) headers['content-type'] = generated.contentType;
        if (generated.authorization) headers.authorization = generated.authorization;
        const body = generated.method === 'GET' || generated.method === 'HEAD' ? Buffer.alloc(0) : generated.body;
        const answer = await send(generated.method, generated.path, headers, body);
        const got = seen.get(id);
        expect(got?.method).toBe(generated.method);
        expect(got?.url).toBe(generated.path);
        expect(got?.body.equals(body)).toBe(true);
        // A field value carries no surrounding white space (RFC 9110 section 5.5): every parser drops it.
        expect(got?.headers.authorization).toBe(generated.authorization.trim() || undefined);
        expect(got?.headers['content-type']).toBe(generated.contentType || undefined);
        expect(answer).toEqual({ status: generated.answer.status, body: bodyless ? Buffer.alloc(0) : generated.answer.body });
        const exchange = exchanges.find((each) => each.request.headers['x-fuzz-id'] === id);
        expect(exchange?.request.body.equals(body)).toBe(true);
        expect(() => checkExchange(exchange as TrafficExchange)).not.toThrow();
      }),
      fcParameters({ numRuns: 80 }),
    );
    expect(proxyErrors).toEqual([]);
  });

  it.each([
    ['resets before answering', 'before'],
    ['resets in the middle of its answer', 'during'],
  ])('survives a target that %s, and goes on forwarding', { timeout: 60_000 }, async (_what, reset) => {
    const broken = await send('POST', '/getMeetingStatus', { 'x-fuzz-id': `reset-${reset}`, 'x-fuzz-reset': reset, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('meetingKey=k'));
    if (reset === 'before') expect(broken).toMatchObject({ status: 502 });
    else expect(broken).toHaveProperty('error');
    const after = await send('POST', '/getMeetingStatus', { 'x-fuzz-id': `after-${reset}` }, Buffer.from('meetingKey=k'));
    expect(after).toEqual({ status: 200, body: Buffer.from('{"resultcode":1}') });
  });

  it('does not blame the target when the application gives up before the answer', { timeout: 60_000 }, async () => {
    const id = 'gives-up';
    planned.set(id, { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from('{"resultcode":1}'), chunked: false });
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: proxy.port, path: '/getMeetingStatus', method: 'POST', headers: { 'x-fuzz-id': id, 'content-length': '12' }, agent: false });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      // The target only answers once the whole body is there: the application leaves after half of it.
      req.write('meetingKey=k'.slice(0, 6), () => setImmediate(() => req.destroy()));
    });
    await expect.poll(() => exchanges.find((each) => each.request.headers['x-fuzz-id'] === id)).toBeDefined();
    const exchange = exchanges.find((each) => each.request.headers['x-fuzz-id'] === id) as TrafficExchange;
    expect(exchange.abandoned).toBe(true);
    expect(checkExchange(exchange).filter((finding) => finding.side === 'server')).toEqual([]);
  });

  it('survives truncated requests, unknown methods and garbage on the wire', { timeout: 60_000 }, async () => {
    const raw = (text: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = net.connect(proxy.port, '127.0.0.1', () => socket.end(text));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
        socket.on('error', () => resolve(Buffer.concat(chunks).toString('latin1')));
      });
    // The target never gets a whole request, so it never answers one: the application gets no 200.
    expect(await raw('POST /createMeeting HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nx-fuzz-id: truncated\r\n\r\nmeetingKey=only-half')).not.toMatch(/^HTTP\/1\.1 200/);
    expect(await raw('FROBNICATE /createMeeting HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('\u0000\u0001\u0002 garbage\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(seen.has('truncated')).toBe(false);
    const after = await send('POST', '/createMeeting', { 'x-fuzz-id': 'after-garbage' }, Buffer.from('meetingKey=k'));
    expect(after).toEqual({ status: 200, body: Buffer.from('{"resultcode":1}') });
  });
});
