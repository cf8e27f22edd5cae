/**
 * An operation that throws (a store fault, injected through createApp's `store` option):
 * HTTP 200 with the spec's Failure shape and `internal_error`, and one log line that holds
 * none of the request's data (the thrown error quotes it, and is not logged).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp, createStore, type SandboxStore } from '../src/index.js';
import { basic, call, schemaErrors, TOKEN } from './helpers.js';

/** The real store, except that `method` throws an error quoting its arguments (as a driver error might). */
async function faultyStore(method: keyof SandboxStore): Promise<SandboxStore> {
  const store = await createStore({ db: ':memory:' });
  afterAll(() => store.close());
  return new Proxy(store, {
    get(target, property) {
      if (property === method) {
        return async (...args: unknown[]) => {
          throw new Error(`store fault with ${JSON.stringify(args)}`);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function serve(store: SandboxStore): Promise<string> {
  // The default logger: one line on stderr, as a user running the sandbox would see it.
  const server = createServer(createApp({ store, publicUrl: 'http://127.0.0.1:1' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('an operation that throws', () => {
  it.each([
    ['createMeeting', 'createMeeting', { meetingKey: 'secret-key-1', hostid: 'secret-host-1', title: 'secret-title-1' }],
    ['lookupMeeting', 'getMeetingStatus', { meetingKey: 'secret-key-2' }],
  ] as const)('store.%s throwing: %s answers 200 internal_error, logs one line without request data', async (method, operation, params) => {
    const url = await serve(await faultyStore(method));
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (String(chunk).includes(operation)) {
        lines.push(String(chunk));
        return true;
      }
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    });
    let res;
    try {
      res = await call({ url }, operation, params);
    } finally {
      spy.mockRestore();
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ resultcode: 0, error: 'internal_error' });
    expect(schemaErrors(operation, 'failure', res.body)).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^POST ${operation} 200 resultcode=0 error=internal_error [0-9.]+ms\\n$`));
    const leaked = [...Object.values(params), TOKEN, basic(), 'store fault'];
    for (const text of [lines.join(''), JSON.stringify(res.body)]) for (const secret of leaked) expect(text).not.toContain(secret);
  });
});
