/**
 * The original document's calls, reproduced byte for byte as curl, PHP's curl
 * extension and Python 2's urllib2 send them, over a raw TCP socket.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SID, startTestSandbox, TOKEN, urlFormats } from './helpers.js';

const sandbox = await startTestSandbox();
const hostPort = sandbox.url.replace('http://', '');

/** Sends exact request bytes and returns the HTTP status and parsed JSON body. */
function send(bytes: Buffer, expectContinue = false): Promise<{ status: number; body: Record<string, unknown>; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(sandbox.port, '127.0.0.1');
    const headEnd = bytes.indexOf('\r\n\r\n') + 4;
    let received = Buffer.alloc(0);
    let sentBody = !expectContinue;
    socket.on('connect', () => socket.write(expectContinue ? bytes.subarray(0, headEnd) : bytes));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('utf8');
      if (!sentBody && text.startsWith('HTTP/1.1 100')) {
        sentBody = true;
        received = Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4));
        socket.write(bytes.subarray(headEnd));
        return;
      }
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const head = text.slice(0, split);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
      const body = text.slice(split + 4);
      if (Buffer.byteLength(body) >= length) {
        socket.end();
        resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) as Record<string, unknown>, head });
      }
    });
    socket.on('error', reject);
  });
}

const crlf = (lines: string[], body: string | Buffer) =>
  Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);

/** `curl -u SID:TOKEN -d a=1 -d b=2 URL` */
function curlRequest(path: string, form: string): Buffer {
  return crlf(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostPort}`,
      `Authorization: Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`,
      'User-Agent: curl/7.88.1',
      'Accept: */*',
      `Content-Length: ${Buffer.byteLength(form)}`,
      'Content-Type: application/x-www-form-urlencoded',
    ],
    form,
  );
}

/** Python 2: base64.encodestring('%s:%s' % (username, password))[:-1], urllib2 with urlencoded data. */
function pythonRequest(path: string, form: string): Buffer {
  const encodestring = `${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}\n`;
  const base64string = encodestring.slice(0, -1);
  return crlf(
    [
      `POST ${path} HTTP/1.1`,
      'Accept-Encoding: identity',
      `Content-Length: ${Buffer.byteLength(form)}`,
      `Host: ${hostPort}`,
      'User-Agent: Python-urllib/2.7',
      'Connection: close',
      'Content-Type: application/x-www-form-urlencoded',
      `Authorization: Basic ${base64string}`,
    ],
    form,
  );
}

/** PHP: curl_setopt($ch, CURLOPT_USERPWD, "{$accountSid}:{$authToken}") with CURLOPT_POSTFIELDS as an array (multipart). */
function phpMultipartRequest(path: string, fields: Record<string, string>, expectContinue: boolean): Buffer {
  const boundary = '------------------------d74496d66958873e';
  const body =
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return crlf(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostPort}`,
      `Authorization: Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`,
      'Accept: */*',
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...(expectContinue ? ['Expect: 100-continue'] : []),
      `Content-Type: multipart/form-data; boundary=${boundary}`,
    ],
    body,
  );
}

/** C#: new AuthenticationHeaderValue("Basic", Convert.ToBase64String(UTF8.GetBytes("{0}:{1}"))) with FormUrlEncodedContent. */
function csharpRequest(path: string, form: string): Buffer {
  return crlf(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostPort}`,
      `Authorization: Basic ${Buffer.from(`${SID}:${TOKEN}`, 'utf8').toString('base64')}`,
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${Buffer.byteLength(form)}`,
    ],
    form,
  );
}

describe("the document's calls", () => {
  it('curl: createMeeting with the document example key, then every operation on it', async () => {
    const created = await send(curlRequest('/createMeeting', 'meetingKey=kjhgngf&hostid=123&title=Weekly&time=2026-12-01+09%3A30%3A00&duration=45'));
    expect(created.status).toBe(200);
    expect(created.head).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(created.body).toMatchObject({ resultcode: 1, meetingKey: 'kjhgngf' });
    expect(created.body.meetingUrl).toMatch(urlFormats.meetingUrl);
    expect(created.body.hostUrl).toMatch(urlFormats.entryUrl);

    const added = await send(curlRequest('/addParticipant', 'meetingKey=kjhgngf&puid=456&nickname=Bob&email=bob%40example.com'));
    expect(added.body).toMatchObject({ resultcode: 1, meetingKey: 'kjhgngf' });
    const url = await send(curlRequest('/getParticipantUrl', 'meetingKey=kjhgngf&puid=456'));
    expect(url.body).toEqual({ resultcode: 1, participantUrl: added.body.participantUrl });
    const meetingUrl = await send(curlRequest('/getMeetingUrl', 'meetingKey=kjhgngf'));
    expect(meetingUrl.body).toEqual({ resultcode: 1, meetingUrl: created.body.meetingUrl });
    expect((await send(curlRequest('/getMeetingStatus', 'meetingKey=kjhgngf'))).body).toEqual({ resultcode: 1, status: '1' });
    expect((await send(curlRequest('/getParticipantStatus', 'meetingKey=kjhgngf&puid=456'))).body).toEqual({ resultcode: 1, status: '2' });
    expect((await send(curlRequest('/cancelParticipant', 'meetingKey=kjhgngf&puid=456'))).body).toEqual({ resultcode: 1, meetingKey: 'kjhgngf' });
    expect((await send(curlRequest('/cancelMeeting', 'meetingKey=kjhgngf'))).body).toEqual({ resultcode: 1, meetingKey: 'kjhgngf' });
  });

  it('curl: an empty meetingKey asks for a generated key', async () => {
    const created = await send(curlRequest('/createMeeting', 'meetingKey=&hostid=123&title=Weekly'));
    expect(created.body.resultcode).toBe(1);
    expect(typeof created.body.meetingKey).toBe('string');
    expect(created.body.meetingKey).not.toBe('');
    const status = await send(curlRequest('/getMeetingStatus', `meetingKey=${String(created.body.meetingKey)}`));
    expect(status.body).toEqual({ resultcode: 1, status: '1' });
  });

  it("Python 2: encodestring's trailing newline stripped, urllib2 form body", async () => {
    const created = await send(pythonRequest('/createMeeting', 'hostid=123&meetingKey=py-abcdef'));
    expect(created.body).toMatchObject({ resultcode: 1, meetingKey: 'py-abcdef' });
    expect((await send(pythonRequest('/getMeetingStatus', 'meetingKey=py-abcdef'))).body).toEqual({ resultcode: 1, status: '1' });
  });

  it.each([false, true])('PHP curl with an array (multipart, Expect: 100-continue %s)', async (expectContinue) => {
    const key = `php-${String(expectContinue)}`;
    const created = await send(phpMultipartRequest('/createMeeting', { meetingKey: key, hostid: '123', title: 'Été à Paris' }, expectContinue), expectContinue);
    expect(created.body).toMatchObject({ resultcode: 1, meetingKey: key });
    const added = await send(phpMultipartRequest('/addParticipant', { meetingKey: key, puid: '456' }, expectContinue), expectContinue);
    expect(added.body.participantUrl).toMatch(urlFormats.entryUrl);
    expect(await sandbox.store.getMeeting(SID, key)).toMatchObject({ ok: true, meeting: { title: 'Été à Paris' } });
  });

  it('C#: HttpClient with a basic AuthenticationHeaderValue', async () => {
    const created = await send(csharpRequest('/createMeeting', 'meetingKey=cs-1&hostid=123'));
    expect(created.body).toMatchObject({ resultcode: 1, meetingKey: 'cs-1' });
  });

  it('a wrong AuthToken in the same call is resultcode 0 with HTTP 200', async () => {
    const wrong = curlRequest('/getMeetingStatus', 'meetingKey=kjhgngf')
      .toString('latin1')
      .replace(/Authorization: Basic \S+/, `Authorization: Basic ${Buffer.from(`${SID}:wrong`).toString('base64')}`);
    const res = await send(Buffer.from(wrong, 'latin1'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resultcode: 0, error: 'auth_failed' });
  });
});
