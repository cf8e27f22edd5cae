import { getOperation, operationIds, type JsonSchema } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { call, startTestSandbox, uniqueKey } from './helpers.js';

const sandbox = await startTestSandbox();
const KEY = uniqueKey('params');
await call(sandbox, 'createMeeting', { meetingKey: KEY, hostid: 'host' });
await call(sandbox, 'addParticipant', { meetingKey: KEY, puid: 'p1' });

/** Valid parameters for each operation, on the meeting above. */
const base: Record<string, Record<string, string>> = {
  createMeeting: { meetingKey: KEY, hostid: 'host' },
  addParticipant: { meetingKey: KEY, puid: 'p1' },
  getParticipantUrl: { meetingKey: KEY, puid: 'p1' },
  getMeetingUrl: { meetingKey: KEY },
  cancelMeeting: { meetingKey: `${KEY}-missing` },
  cancelParticipant: { meetingKey: KEY, puid: 'nobody' },
  getMeetingStatus: { meetingKey: KEY },
  getParticipantStatus: { meetingKey: KEY, puid: 'p1' },
};

async function expectInvalid(operation: string, params: Record<string, string> | string, param: string | undefined) {
  const res = await call(sandbox, operation, params, typeof params === 'string' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {});
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ resultcode: 0, error: 'invalid_parameter', message: expect.any(String) });
  expect(res.body.param).toBe(param);
}

async function expectAccepted(operation: string, params: Record<string, string>) {
  const res = await call(sandbox, operation, params);
  expect(res.body.error, JSON.stringify(res.body)).not.toBe('invalid_parameter');
}

describe('required parameters', () => {
  const cases = operationIds().flatMap((operation) =>
    ((getOperation(operation).requestSchema.required ?? []) as string[]).map((name) => [operation, name] as const),
  );
  it.each(cases)('%s without %s is invalid_parameter naming it', async (operation, name) => {
    const params = { ...base[operation] };
    delete params[name];
    await expectInvalid(operation, params, name);
  });
});

describe('length bounds from the spec schemas (code points)', () => {
  const cases = operationIds().flatMap((operation) =>
    Object.entries((getOperation(operation).requestSchema.properties ?? {}) as Record<string, JsonSchema>)
      .filter(([, schema]) => typeof schema.maxLength === 'number')
      .map(([name, schema]) => [operation, name, schema.maxLength as number] as const),
  );
  it.each(cases)('%s.%s: %i characters pass, one more fails', async (operation, name, max) => {
    // An astral character is one code point but two UTF-16 units: lengths must count code points.
    const at = '😀'.repeat(max);
    await expectAccepted(operation, { ...base[operation], [name]: at });
    await expectInvalid(operation, { ...base[operation], [name]: `${at}a` }, name);
  });
});

describe('meetingKey', () => {
  it('createMeeting accepts an empty meetingKey and generates one', async () => {
    const res = await call(sandbox, 'createMeeting', { meetingKey: '', hostid: 'h' });
    expect(res.body.resultcode).toBe(1);
    expect(String(res.body.meetingKey).length).toBeGreaterThan(0);
  });
  it.each(operationIds().filter((op) => op !== 'createMeeting'))('%s refuses an empty meetingKey', async (operation) => {
    await expectInvalid(operation, { ...base[operation], meetingKey: '' }, 'meetingKey');
  });
  it.each(['a\u0000b', 'tab\there', 'new\nline', 'del\u007f', 'esc\u001b'])('a control character (%j) is invalid', async (key) => {
    await expectInvalid('createMeeting', { meetingKey: key, hostid: 'h' }, 'meetingKey');
  });
  it.each(['with space', 'ünïcødé', 'a/b?c&d=e', "quote'\""])('%j is a valid key', async (key) => {
    const res = await call(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h' });
    expect(res.body).toMatchObject({ resultcode: 1, meetingKey: key });
  });
});

describe('hostid and puid', () => {
  it.each([
    ['createMeeting', 'hostid'],
    ['addParticipant', 'puid'],
    ['getParticipantStatus', 'puid'],
  ])('%s refuses an empty %s', async (operation, name) => {
    await expectInvalid(operation, { ...base[operation], [name]: '' }, name);
  });
});

describe('time', () => {
  it.each(['2026-12-01 09:30:00', '2024-02-29 00:00:00', '2026-12-31 23:59:59', '2000-01-01 12:00:00'])('%s is valid', async (time) => {
    const res = await call(sandbox, 'createMeeting', { meetingKey: '', hostid: 'h', time });
    expect(res.body.resultcode).toBe(1);
  });
  it.each([
    '2026-02-30 10:00:00',
    '2023-02-29 10:00:00',
    '2026-04-31 10:00:00',
    '2026-13-01 10:00:00',
    '2026-12-01 24:00:00',
    '2026-12-01 23:60:00',
    '2026-12-01T09:30:00',
    '2026-12-01 09:30',
    '2026-12-01',
    '01/12/2026 09:30:00',
    '2026-12-01 09:30:00Z',
    ' 2026-12-01 09:30:00',
    '',
  ])('%j is invalid_parameter time', async (time) => {
    await expectInvalid('createMeeting', { meetingKey: '', hostid: 'h', time }, 'time');
  });
});

describe('duration', () => {
  it.each(['45', '0.5', '90.5', '10080', '10080.0', '0.000001', '1'])('%s is valid', async (duration) => {
    const res = await call(sandbox, 'createMeeting', { meetingKey: '', hostid: 'h', duration });
    expect(res.body.resultcode).toBe(1);
  });
  it.each(['0', '0.0', '-1', '10080.000001', '10081', '99999', 'abc', '1e3', '', ' 45', '45 ', '.5', '5.', 'NaN', 'Infinity', '0x10'])(
    '%j is invalid_parameter duration',
    async (duration) => {
      await expectInvalid('createMeeting', { meetingKey: '', hostid: 'h', duration }, 'duration');
    },
  );
});

describe('repeated and unknown parameters', () => {
  it.each([
    ['createMeeting', 'meetingKey=a&meetingKey=b&hostid=h', 'meetingKey'],
    ['createMeeting', 'meetingKey=&hostid=h&hostid=h', 'hostid'],
    ['createMeeting', 'meetingKey=&hostid=h&title=a&title=a', 'title'],
    ['addParticipant', `meetingKey=${KEY}&puid=p9&puid=p9`, 'puid'],
    ['getMeetingStatus', `meetingKey=${KEY}&meetingKey=${KEY}`, 'meetingKey'],
  ])('%s with %s is invalid_parameter', async (operation, body, param) => {
    await expectInvalid(operation, body, param);
  });

  it('ignores unknown parameters, even repeated ones', async () => {
    const res = await call(sandbox, 'getMeetingStatus', `meetingKey=${KEY}&foo=1&foo=2&callback=x`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.body).toEqual({ resultcode: 1, status: '1' });
  });

  it('a file part for a known parameter is invalid_parameter', async () => {
    const form = new FormData();
    form.set('meetingKey', new Blob(['abc']), 'key.txt');
    form.set('hostid', 'h');
    await expectInvalid('createMeeting', form as unknown as Record<string, string>, 'meetingKey');
  });

  it('a malformed multipart body is invalid_parameter', async () => {
    const res = await call(sandbox, 'getMeetingStatus', '--nope\r\nbroken', {
      headers: { 'content-type': 'multipart/form-data; boundary=other' },
    });
    expect(res.body).toMatchObject({ resultcode: 0, error: 'invalid_parameter' });
  });

  it('multipart bodies carry every operation', async () => {
    const form = new FormData();
    form.set('meetingKey', KEY);
    form.set('puid', 'p1');
    const res = await call(sandbox, 'getParticipantStatus', form);
    expect(res.body).toEqual({ resultcode: 1, status: '2' });
  });

  it('decodes + and percent escapes as UTF-8', async () => {
    const res = await call(sandbox, 'createMeeting', 'meetingKey=caf%C3%A9+bar&hostid=h', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.body).toMatchObject({ resultcode: 1, meetingKey: 'café bar' });
  });
});
