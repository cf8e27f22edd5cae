/**
 * The tolerant reader, for each of the 8 operations against a real loopback
 * server: what the client tolerates (a status or error code the spec does not
 * list, unknown extra fields), how `onUnexpected` hears of it, and what stays a
 * `ProtocolError` (an answer that cannot be read). Operations, success fields,
 * statuses and error codes are read from the spec, not restated here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getEnum, successFields } from '@org/liveminutes-spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LiveMinutesError,
  ProtocolError,
  createClient,
  type LiveMinutesClient,
  type UnexpectedEvent,
} from '../src/index.js';
import { startRecordingServer, type RecordingServer, type Reply } from './helpers/recording-server.js';
import { specExamples } from './helpers/spec-examples.js';

const errorCodes = getEnum('ErrorCode').map((e) => e.value);

/** Each operation with its spec example input, success answer, required success fields and status field's values. */
const operations = specExamples().map(({ id, requests, success }) => {
  const required = successFields(id).filter((field) => field.required && field.name !== 'resultcode');
  const statusField = required.find((field) => field.enum);
  return {
    id,
    input: requests[0] as Record<string, string>,
    success,
    required: required.map((field) => field.name),
    statusField: statusField?.name,
    statusValues: statusField?.enum ?? [],
  };
});
type Operation = (typeof operations)[number];

/** The API document's own getParticipantStatus example answer, read from the document itself. */
function documentExample(operation: string): Record<string, unknown> {
  const spec = dirname(createRequire(import.meta.url).resolve('@org/liveminutes-spec/package.json'));
  const text = readFileSync(join(spec, 'reference', 'liveminutes-api-beta.txt'), 'utf8');
  const section = text.slice(text.indexOf(`. ${operation}\n`));
  const example = /Example:\s*(\{[^}]*\})/.exec(section)?.[1];
  if (!example) throw new Error(`the document has no example answer for ${operation}`);
  return JSON.parse(example) as Record<string, unknown>;
}

// A server per test (see recording-server.ts): its request list is this test's alone.
let server: RecordingServer;
let lm: LiveMinutesClient;
const events: UnexpectedEvent[] = [];
beforeEach(async () => {
  events.length = 0;
  server = await startRecordingServer();
  lm = createClient({ accountSid: 'AC1', authToken: 'token-1', baseUrl: server.baseUrl, onUnexpected: (event) => events.push(event) });
});
afterEach(() => server.close());

/** Calls `op` with the spec's example input against a server answering `reply`: its result, or what it rejected with. */
async function answer(op: Operation, reply: Reply, client = lm): Promise<{ result?: unknown; error?: unknown }> {
  server.reply(() => reply);
  const call = client[op.id] as (input: unknown) => Promise<unknown>;
  return call(op.input).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
}

/** The events heard, each's `expected` sorted (the client lists a status table's values in key order). */
const heard = (): UnexpectedEvent[] => events.map((event) => ({ ...event, expected: [...event.expected].sort() }));

/** The success answer of `op` with `changes` applied (a field set to undefined is left out). */
const successWith = (op: Operation, changes: Record<string, unknown>): Record<string, unknown> => ({ ...op.success, ...changes });

describe('tolerated: an answer the client can read, with values or fields the spec does not list', () => {
  it('covers the 8 operations of the spec, two of them with a status', () => {
    expect(operations).toHaveLength(8);
    expect(operations.filter((op) => op.statusField).map((op) => op.id)).toStrictEqual(['getMeetingStatus', 'getParticipantStatus']);
  });

  it('no status of the spec is named unknown (the name would not tell the variants apart)', () => {
    const names = ['MeetingStatus', 'ParticipantStatus'].flatMap((table) => getEnum(table).map((e) => e.name));
    expect(names).toHaveLength(8);
    expect(names).not.toContain('unknown');
  });

  it.each(operations)('$id: unknown extra fields are ignored, silently', async (op) => {
    const { result } = await answer(op, { json: successWith(op, { extra: 1, nested: { deep: [true] }, [`${op.required[0]}Extra`]: 'x' }) });
    const { resultcode, ...fields } = op.success;
    expect(resultcode).toBe(1);
    expect(result).toMatchObject(fields);
    expect(Object.keys(result as object).sort()).toStrictEqual(
      [...op.required, ...(op.statusField ? ['name', 'description'] : [])].sort(),
    );
    expect(events).toStrictEqual([]);
  });

  const unknownCodes = ['brand_new_code', 'constructor', '__proto__', ''];
  it.each(operations.flatMap((op) => unknownCodes.map((code) => ({ ...op, code }))))(
    '$id: error code $code (not in the spec) -> the base LiveMinutesError with the code as sent, told to onUnexpected',
    async (op) => {
      const { error } = await answer(op, { json: { resultcode: 0, error: op.code, message: 'Something new' } });
      expect((error as Error).constructor).toBe(LiveMinutesError);
      expect(error).toMatchObject({ name: 'LiveMinutesError', operation: op.id, resultcode: 0, code: op.code, httpStatus: 200 });
      expect((error as Error).message).toBe(`${op.id}: Something new`);
      expect(heard()).toStrictEqual([{ operation: op.id, field: 'error', value: op.code, expected: [...errorCodes].sort() }]);
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each(operations.flatMap((op) => errorCodes.map((code) => ({ ...op, code }))))('$id: error code $code (in the spec) is not unexpected', async (op) => {
    const { error } = await answer(op, { json: { resultcode: 0, error: op.code } });
    expect(error).toMatchObject({ code: op.code, resultcode: 0 });
    expect(events).toStrictEqual([]);
  });

  const statusOperations = operations.filter((op) => op.statusField);
  const unknownStatuses = ['5', '0', '', ' 8', '08', 'toString', '__proto__', 'unknown'];
  it.each(statusOperations.flatMap((op) => unknownStatuses.map((status) => ({ ...op, status }))))(
    '$id: status $status (not in the spec) -> resolves as the unknown variant, told to onUnexpected',
    async (op) => {
      const { result, error } = await answer(op, { json: successWith(op, { [op.statusField as string]: op.status }) });
      expect(error).toBeUndefined();
      expect(result).toStrictEqual({ status: op.status, name: 'unknown', description: 'Not in the spec' });
      expect(heard()).toStrictEqual([{ operation: op.id, field: 'status', value: op.status, expected: [...op.statusValues].sort() }]);
    },
  );

  it.each(statusOperations.flatMap((op) => op.statusValues.map((status) => ({ ...op, status }))))(
    '$id: status $status (in the spec) is not unexpected',
    async (op) => {
      const { result } = await answer(op, { json: successWith(op, { [op.statusField as string]: op.status }) });
      expect(result).toMatchObject({ status: op.status });
      expect((result as { name: string }).name).not.toBe('unknown');
      expect(events).toStrictEqual([]);
    },
  );

  it('the API document\'s own getParticipantStatus example ("status":"1") resolves, and says so', async () => {
    const op = operations.find((o) => o.id === 'getParticipantStatus') as Operation;
    const example = documentExample('getParticipantStatus');
    expect(example).toStrictEqual({ resultcode: 1, status: '1' });
    expect(op.statusValues).not.toContain('1');
    const { result } = await answer(op, { json: example });
    expect(result).toStrictEqual({ status: '1', name: 'unknown', description: 'Not in the spec' });
    expect(heard()).toStrictEqual([{ operation: 'getParticipantStatus', field: 'status', value: '1', expected: [...op.statusValues].sort() }]);
  });

  it('without onUnexpected, the default is silence: the call resolves all the same', async () => {
    const quiet = createClient({ accountSid: 'AC1', authToken: 'token-1', baseUrl: server.baseUrl });
    const op = operations.find((o) => o.id === 'getMeetingStatus') as Operation;
    await expect(answer(op, { json: successWith(op, { status: '5' }) }, quiet)).resolves.toStrictEqual({
      result: { status: '5', name: 'unknown', description: 'Not in the spec' },
    });
    expect(events).toStrictEqual([]);
  });

  it('an onUnexpected that throws turns the deviation into a rejection (a strict mode, if wanted)', async () => {
    const strict = createClient({
      accountSid: 'AC1',
      authToken: 'token-1',
      baseUrl: server.baseUrl,
      onUnexpected: (event) => {
        throw new Error(`off the spec: ${event.field} ${event.value}`);
      },
    });
    const op = operations.find((o) => o.id === 'getMeetingStatus') as Operation;
    const { error } = await answer(op, { json: successWith(op, { status: '5' }) }, strict);
    expect(error).toStrictEqual(new Error('off the spec: status 5'));
    expect(server.requests).toHaveLength(1); // not retried
  });
});

/** Answers no client can read: each must be a ProtocolError, and none is an "unexpected" event. */
function fatalReplies(op: Operation): Array<[string, Reply, string]> {
  const [first] = op.required as [string];
  return [
    ['malformed JSON', { status: 200, contentType: 'application/json', text: JSON.stringify(op.success).slice(0, -1) }, 'not JSON'],
    ['an HTML 502 page', { status: 502, contentType: 'text/html', text: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, 'not JSON'],
    ['an empty body', { status: 200, contentType: 'application/json', text: '' }, 'not JSON'],
    ['a JSON array', { json: [op.success] }, 'resultcode is not 0 or 1'],
    ['JSON null', { json: null }, 'resultcode is not 0 or 1'],
    ['no resultcode', { json: successWith(op, { resultcode: undefined }) }, 'resultcode is not 0 or 1'],
    ['resultcode "1" (a string)', { json: successWith(op, { resultcode: '1' }) }, 'resultcode is not 0 or 1'],
    ['resultcode 2', { json: successWith(op, { resultcode: 2 }) }, 'resultcode is not 0 or 1'],
    ['resultcode true', { json: successWith(op, { resultcode: true }) }, 'resultcode is not 0 or 1'],
    ['resultcode 1 with HTTP 500', { status: 500, json: op.success }, 'resultcode 1 with a failure status'],
    ...op.required.flatMap((field): Array<[string, Reply, string]> => [
      [`${field} missing`, { json: successWith(op, { [field]: undefined }) }, `${field} is missing`],
      [`${field} null`, { json: successWith(op, { [field]: null }) }, `${field} is not a string`],
      [`${field} as the number 12`, { json: successWith(op, { [field]: 12 }) }, `${field} is not a string`],
      [`${field} as an array`, { json: successWith(op, { [field]: [op.success[field]] }) }, `${field} is not a string`],
    ]),
    ['a failure whose error is a number', { json: { resultcode: 0, error: 7 } }, 'error is not a string'],
    ['a failure whose message is an object', { json: { resultcode: 0, message: { text: 'x' } } }, 'message is not a string'],
    ['a failure whose param is a number', { json: { resultcode: 0, error: 'invalid_parameter', param: 1 } }, 'param is not a string'],
    [`a success field as the failure's code`, { json: { resultcode: 0, error: { [first]: 'x' } } }, 'error is not a string'],
  ];
}

describe('still a ProtocolError: an answer that cannot be read', () => {
  it.each(operations.flatMap((op) => fatalReplies(op).map(([name, reply, why]) => ({ ...op, name, reply, why }))))(
    '$id: $name',
    async (op) => {
      const { error } = await answer(op, op.reply);
      expect(error).toBeInstanceOf(ProtocolError);
      expect(error).toMatchObject({ name: 'ProtocolError', operation: op.id, resultcode: undefined });
      expect((error as Error).message).toMatch(new RegExp(`^${op.id}: ${op.why} \\(HTTP \\d{3}`));
      expect(events).toStrictEqual([]);
      expect(server.requests).toHaveLength(1); // never retried
    },
  );

  it('getMeetingStatus: "status": 12 as a number is refused, not read as "12"', async () => {
    const op = operations.find((o) => o.id === 'getMeetingStatus') as Operation;
    expect(op.statusValues).toContain('12');
    const { error } = await answer(op, { json: { resultcode: 1, status: 12 } });
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toBe('getMeetingStatus: status is not a string (HTTP 200, application/json; charset=utf-8)');
  });
});
