/**
 * Thousands of random requests (methods, paths, headers, bodies): never a 5xx,
 * always the JSON failure shape when not a success, and the database unchanged
 * after every failed call.
 */
import { Agent, request } from 'node:http';
import { operationIds } from '@org/liveminutes-spec';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { basic, call, schemaErrors, startTestSandbox } from './helpers.js';

const sandbox = await startTestSandbox({ logger: false, limits: { sessions: 50, users: 50 } });
const seeded = await call(sandbox, 'createMeeting', { meetingKey: 'seed', hostid: 'h' });
await call(sandbox, 'addParticipant', { meetingKey: 'seed', puid: 'p' });
const reader = new Database(sandbox.dbPath, { readonly: true });
afterAll(() => reader.close());
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => agent.destroy());

function snapshot(): string {
  return JSON.stringify(
    ['meetings', 'participants', 'account_users', 'account_usage'].map((table) =>
      reader.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
    ),
  );
}

function send(method: string, path: string, headers: Record<string, string>, body: Uint8Array | undefined) {
  return new Promise<{ status: number; contentType: string | undefined; text: string }>((resolve, reject) => {
    // Framed with Content-Length: Node's client sends an OPTIONS or DELETE body unframed otherwise.
    const framed = body === undefined ? headers : { ...headers, 'content-length': String(body.byteLength) };
    const req = request(`${sandbox.url}${path}`, { method, headers: framed, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const names = ['meetingKey', 'hostid', 'puid', 'title', 'lang', 'description', 'time', 'duration', 'hostnickname', 'hostemail', 'nickname', 'email', 'x'];
const value = fc.oneof(
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.constantFrom('', 'seed', 'h', 'p', '2026-02-30 10:00:00', '2026-12-01 09:30:00', '0', '45', '10081', 'x'.repeat(300)),
);
const randomEntries = fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 8 });
// Plausible calls (valid parameters plus random extras) so that successes happen too.
const plausibleEntries = fc
  .tuple(
    fc.constantFrom<Array<[string, string]>>(
      [['meetingKey', 'seed'], ['puid', 'p']],
      [['meetingKey', 'seed'], ['hostid', 'h']],
      [['meetingKey', ''], ['hostid', 'h']],
      [['meetingKey', 'seed']],
    ),
    fc.array(fc.tuple(fc.constantFrom('x', 'title', 'nickname'), value), { maxLength: 2 }),
  )
  .map(([valid, extra]) => [...valid, ...extra]);
const entries = fc.oneof(randomEntries, plausibleEntries);

const bodyArb = fc.oneof(
  entries.map((list) => ({ kind: 'form' as const, list })),
  entries.map((list) => ({ kind: 'multipart' as const, list })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
  fc.string({ maxLength: 200, unit: 'grapheme' }).map((text) => ({ kind: 'text' as const, text })),
  fc.constant({ kind: 'huge' as const }),
  fc.constant({ kind: 'none' as const }),
);

const headerText = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const requestArb = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: fc.oneof(
    fc.constantFrom(...operationIds().map((id) => `/${id}`)),
    fc.constantFrom('/', '/nope', '/e/LIVE0000000000000000000A', `/${String(seeded.body.meetingUrl).slice(-6)}`, '/createMeeting/x'),
    headerText.map((s) => `/${encodeURIComponent(s)}`),
  ),
  contentType: fc.option(
    fc.oneof(
      fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'application/json', 'text/plain', 'multipart/form-data'),
      headerText,
    ),
    { nil: undefined },
  ),
  auth: fc.oneof(
    { weight: 3, arbitrary: fc.constant(basic()) },
    { weight: 1, arbitrary: fc.constant(basic('trw76p0066423', 'nope')) },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  body: bodyArb,
});

async function encode(body: typeof bodyArb extends fc.Arbitrary<infer T> ? T : never) {
  switch (body.kind) {
    case 'form':
      return { bytes: Buffer.from(new URLSearchParams(body.list).toString()), type: 'application/x-www-form-urlencoded' };
    case 'multipart': {
      const form = new FormData();
      for (const [name, v] of body.list) form.append(name, v);
      const req = new Request('http://localhost/', { method: 'POST', body: form });
      return { bytes: new Uint8Array(await req.arrayBuffer()), type: req.headers.get('content-type') ?? undefined };
    }
    case 'bytes':
      return { bytes: body.bytes, type: undefined };
    case 'text':
      return { bytes: Buffer.from(body.text), type: undefined };
    case 'huge':
      return { bytes: Buffer.alloc(70_000, 'a'), type: undefined };
    case 'none':
      return { bytes: undefined, type: undefined };
  }
}

describe('random requests', () => {
  it('never a 5xx, always JSON, resultcode 0 or 1, and failures change nothing', async () => {
    let failures = 0;
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async (input) => {
        const encoded = await encode(input.body);
        const headers: Record<string, string> = {};
        const contentType = input.contentType ?? encoded.type;
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (input.auth !== undefined) headers.authorization = input.auth;
        const before = snapshot();
        const res = await send(input.method, input.path, headers, input.method === 'GET' || input.method === 'HEAD' ? undefined : encoded.bytes);
        expect(res.status).toBeLessThan(500);
        if (input.method === 'HEAD') return;
        if (res.contentType?.startsWith('text/html')) return; // an entry page or the lobby answered
        expect(res.contentType).toBe('application/json; charset=utf-8');
        const json = JSON.parse(res.text) as { resultcode: unknown; error?: unknown; message?: unknown };
        expect([0, 1]).toContain(json.resultcode);
        if (json.resultcode === 1) {
          const operation = input.path.slice(1);
          expect(schemaErrors(operation, 'success', json)).toBeUndefined();
          successes++;
          return;
        }
        failures++;
        expect(typeof json.error).toBe('string');
        expect(typeof json.message).toBe('string');
        // Every failure, transport ones included, is the spec's Failure schema.
        expect(schemaErrors('getMeetingStatus', 'failure', json)).toBeUndefined();
        expect(snapshot()).toBe(before);
      }),
      { numRuns: 3000 },
    );
    // The generator reaches both outcomes, so the property is not vacuous.
    expect(failures).toBeGreaterThan(1000);
    expect(successes).toBeGreaterThan(0);
  }, 120_000);
});
