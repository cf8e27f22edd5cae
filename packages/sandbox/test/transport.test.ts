import { request } from 'node:http';
import { connect } from 'node:net';
import { maxBodyBytes as specMaxBodyBytes, operationIds } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { basic, call, keepAliveAgent, startTestSandbox } from './helpers.js';

const sandbox = await startTestSandbox();
const maxBodyBytes = specMaxBodyBytes();

/** A raw request, to send what fetch would not (odd methods, exact bytes). */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(`${sandbox.url}${path}`, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('transport', () => {
  it.each(operationIds())('%s answers a POST with HTTP 200 and JSON', async (operation) => {
    const res = await call(sandbox, operation, { meetingKey: 'x', hostid: 'h', puid: 'p' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect([0, 1]).toContain(res.body.resultcode);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s on an operation path is 405 with Allow: POST', async (method) => {
    const res = await raw(method, '/createMeeting', { authorization: basic() });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toMatchObject({ resultcode: 0, error: 'method_not_allowed' });
  });

  it('HEAD on an operation path is 405 without a body', async () => {
    const res = await raw('HEAD', '/getMeetingStatus', {});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it.each(['/nope', '/createMeeting/', '/CREATEMEETING', '/e/not-a-token', '/api/createMeeting', '/e/LIVE'])(
    'POST %s is 404 not_found',
    async (path) => {
      const res = await raw('POST', path, { 'content-type': 'application/x-www-form-urlencoded' }, 'meetingKey=a');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(res.body)).toMatchObject({ resultcode: 0, error: 'not_found' });
    },
  );

  it('ignores a query string on an operation path', async () => {
    const res = await raw('POST', '/getMeetingStatus?meetingKey=a', { authorization: basic() }, '');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ resultcode: 0, error: 'invalid_parameter', param: 'meetingKey' });
  });

  it.each([
    ['application/json', '{"meetingKey":"a"}'],
    ['text/plain', 'meetingKey=a'],
    ['application/xml', '<a/>'],
    ['multipart/mixed; boundary=x', '--x--'],
    ['application/x-www-form-urlencodedx', 'meetingKey=a'],
  ])('Content-Type %s is 415', async (contentType, body) => {
    const res = await raw('POST', '/getMeetingStatus', { authorization: basic(), 'content-type': contentType }, body);
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({ resultcode: 0, error: 'unsupported_media_type' });
  });

  it('a body without a Content-Type is 415, an empty one is an empty form', async () => {
    const withBody = await raw('POST', '/getMeetingStatus', { authorization: basic() }, 'meetingKey=a');
    expect(withBody.status).toBe(415);
    const empty = await raw('POST', '/getMeetingStatus', { authorization: basic() });
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.body)).toMatchObject({ resultcode: 0, error: 'invalid_parameter', param: 'meetingKey' });
  });

  it.each([
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
    'Application/X-WWW-Form-Urlencoded;charset=utf-8',
  ])('accepts %s', async (contentType) => {
    const res = await raw('POST', '/createMeeting', { authorization: basic(), 'content-type': contentType }, 'meetingKey=&hostid=ct');
    expect(JSON.parse(res.body)).toMatchObject({ resultcode: 1 });
  });

  it(`a body of exactly the limit is read, one byte more is 413`, async () => {
    const at = `meetingKey=&hostid=big&junk=${'a'.repeat(maxBodyBytes - 'meetingKey=&hostid=big&junk='.length)}`;
    expect(Buffer.byteLength(at)).toBe(maxBodyBytes);
    const accepted = await call(sandbox, 'createMeeting', at, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(accepted.body.resultcode).toBe(1);
    const over = await call(sandbox, 'createMeeting', `${at}a`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ resultcode: 0, error: 'payload_too_large' });
  });

  it('a chunked body over the limit is 413 without a Content-Length', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${sandbox.url}/getMeetingStatus`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('a'.repeat(maxBodyBytes / 4));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ resultcode: 0, error: 'payload_too_large' });
  });

  // A server that closes with the client's body unread makes the kernel reset the connection: a
  // client still sending loses the 413 (a proxy in front answers 502). The client sends one byte over
  // the limit, then 256 more KiB one KiB per event-loop turn, so the server (in this process) has
  // read past the limit and decided long before the body ends. Both framings.
  it.each([
    ['chunked', { 'transfer-encoding': 'chunked' }, (piece: Buffer) => Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]), '0\r\n\r\n'],
    ['content-length', { 'content-length': String(maxBodyBytes + 1 + 256 * 1024) }, (piece: Buffer) => piece, ''],
  ] as const)('a client still sending an over-limit body (%s) reads the 413 and a clean close, not a reset', async (_framing, headers, frame, last) => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(sandbox.port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      // Not 'end': a reset may follow the server's FIN. 'close' comes after both, and after any error.
      socket.on('close', (hadError) => (hadError ? undefined : resolve(text)));
      socket.on('error', (error) => reject(new Error(`${error.message} after ${JSON.stringify(text.slice(0, 80))}`)));
      const head = Object.entries({ host: '127.0.0.1', 'content-type': 'application/x-www-form-urlencoded', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.write(`POST /createMeeting HTTP/1.1\r\n${head.join('')}\r\n`);
      socket.write(frame(Buffer.alloc(maxBodyBytes + 1, 'a')));
      let sent = 0;
      const more = () => {
        if (socket.destroyed) return;
        if (sent++ < 256) {
          socket.write(frame(Buffer.alloc(1024, 'a')));
          setImmediate(more);
        } else socket.write(last);
      };
      setImmediate(more);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ resultcode: 0, error: 'payload_too_large' });
  });

  it('answers failures without 401 or a WWW-Authenticate challenge', async () => {
    const res = await call(sandbox, 'getMeetingStatus', { meetingKey: 'a' }, { auth: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(res.body).toMatchObject({ resultcode: 0, error: 'auth_failed' });
  });

  it('keeps a connection usable after an early failure (415, 405)', async () => {
    // One keep-alive socket for every request: each answer must leave the connection readable.
    const agent = keepAliveAgent({ maxSockets: 1 });
    try {
      const send = (method: string, path: string, headers: Record<string, string>, body: string) =>
        new Promise<{ status: number; body: string; reused: boolean; port: number | undefined }>((resolve, reject) => {
          const req = request(`${sandbox.url}${path}`, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, reused: req.reusedSocket, port: req.socket?.localPort }));
          });
          req.on('error', reject);
          req.end(body);
        });
      const answers = [];
      for (let i = 0; i < 2; i++) {
        answers.push(await send('POST', '/getMeetingStatus', { authorization: basic(), 'content-type': 'text/plain' }, 'x'.repeat(1000)));
        answers.push(await send('PUT', '/getMeetingStatus', { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' }, 'meetingKey=a'.repeat(100)));
      }
      const after = await send('POST', '/createMeeting', { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' }, 'meetingKey=&hostid=after');
      expect(answers.map((a) => a.status)).toEqual([415, 405, 415, 405]);
      expect(answers.map((a) => (JSON.parse(a.body) as { error: string }).error)).toEqual([
        'unsupported_media_type',
        'method_not_allowed',
        'unsupported_media_type',
        'method_not_allowed',
      ]);
      expect(JSON.parse(after.body)).toMatchObject({ resultcode: 1 });
      // Every request after the first went over the first one's connection.
      expect([...answers, after].map((a) => a.reused)).toEqual([false, true, true, true, true]);
      expect(new Set([...answers, after].map((a) => a.port)).size).toBe(1);
    } finally {
      agent.destroy();
    }
  });
});
