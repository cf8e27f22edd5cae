/**
 * The generated reference content: code samples that really work (curl and
 * Python run against a loopback server that records the request), tables and
 * sections generated from the spec's own enums and extensions.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamples, SAMPLE_LANGUAGES } from '../docs/code-samples.js';
import { enrichForDocs, exampleCredentials, GENERATED_SECTIONS } from '../docs/enrich.js';
import { getEnum, getOperation, loadSpec, operationIds, resolveRefs, testTriggerPrefix, testTriggers } from '../src/index.js';

const run = promisify(execFile);
const spec = loadSpec();
const credentials = exampleCredentials(spec.info.description as string);

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// Never reset: each test reads what arrived while its own sample ran (the sample's process has exited by then).
const recorded: Recorded[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ resultcode: 1 }));
  });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function firstExample(operationId: string): Record<string, string> {
  const form = getOperation(operationId).operation.requestBody.content['application/x-www-form-urlencoded'];
  const first = Object.values(resolveRefs(spec, form?.examples ?? {}))[0] as { value: Record<string, unknown> };
  return Object.fromEntries(Object.entries(first.value).map(([k, v]) => [k, String(v)]));
}

describe('code samples', () => {
  it("uses the document's example credentials from the spec's own curl example", () => {
    expect(credentials).toEqual({ accountSid: 'trw76p0066423', authToken: 'eurn568nfkkg9862iomdnnv987iir' });
  });

  it('shows curl, TypeScript, PHP and Python for every operation of the reference', () => {
    const doc = enrichForDocs(spec as unknown as Record<string, unknown>) as unknown as typeof spec;
    for (const [path, item] of Object.entries(doc.paths)) {
      const samples = item.post?.['x-codeSamples'] as Array<{ label: string; source: string }>;
      expect(samples.map((s) => s.label)).toEqual([...SAMPLE_LANGUAGES]);
      for (const sample of samples) {
        expect(sample.source).toContain(credentials.accountSid);
        expect(sample.source).toContain(credentials.authToken);
      }
      expect(samples[0]?.source).toContain(`https://api.liveminutes.com${path}`);
      expect(samples[1]?.source).toContain(`from '@org/liveminutes-client'`);
      expect(samples[1]?.source).toContain(`.${item.post?.operationId}({`);
      expect(samples[2]?.source).toContain('CURLOPT_USERPWD');
      expect(samples[3]?.source).toContain('"Authorization", "Basic %s"');
    }
  });

  it.each(operationIds())('%s: the curl sample sends the example call with basic auth', async (operationId) => {
    const from = recorded.length;
    const form = firstExample(operationId);
    const curl = codeSamples({ operationId, baseUrl, form, credentials })[0]?.source ?? '';
    await run('bash', ['-c', `${curl} --silent --show-error --fail`]);
    expect(recorded.slice(from)).toHaveLength(1);
    const request = recorded[from];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/${operationId}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual(form);
  });

  it('escapes quotes and spaces so that the sent values are exactly the example values', async () => {
    const from = recorded.length;
    const form = { meetingKey: `it's "x" $HOME \\n`, hostid: '1 2' };
    const curl = codeSamples({ operationId: 'createMeeting', baseUrl, form, credentials })[0]?.source ?? '';
    await run('bash', ['-c', `${curl} --silent --fail`]);
    expect(Object.fromEntries(new URLSearchParams(recorded[from]?.body))).toEqual(form);
    const php = codeSamples({ operationId: 'createMeeting', baseUrl, form, credentials })[2]?.source ?? '';
    expect(php).toContain(`'meetingKey' => 'it\\'s "x" $HOME \\\\n'`);
  });

  // python3 is on every machine that builds better-sqlite3 (node-gyp needs it).
  it('the Python sample runs with the standard library and sends the same call', async () => {
    const from = recorded.length;
    const form = firstExample('addParticipant');
    const python = codeSamples({ operationId: 'addParticipant', baseUrl, form, credentials })[3]?.source ?? '';
    const { stdout } = await run('python3', ['-c', python]);
    expect(stdout.trim()).toBe("{'resultcode': 1}");
    expect(recorded[from]?.url).toBe('/addParticipant');
    expect(recorded[from]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(recorded[from]?.body))).toEqual(form);
  });
});

describe('generated reference sections', () => {
  const doc = enrichForDocs(spec as unknown as Record<string, unknown>) as { info: { description: string } };
  const description = doc.info.description;

  it('does not change the spec it is given', () => {
    expect(spec.info.description).not.toContain(GENERATED_SECTIONS.errors);
    expect((spec.paths['/createMeeting']?.post as Record<string, unknown>)['x-codeSamples']).toBeUndefined();
  });

  it('puts the four-language authentication examples inside the Authentication section', () => {
    const auth = description.indexOf('## Authentication');
    const examples = description.indexOf(`### ${GENERATED_SECTIONS.auth}`);
    const next = description.indexOf('\n## ', auth + 1);
    expect(auth).toBeGreaterThanOrEqual(0);
    expect(examples).toBeGreaterThan(auth);
    expect(examples).toBeLessThan(next);
    for (const fence of ['```sh', '```ts', '```php', '```python']) expect(description).toContain(fence);
  });

  it.each(['MeetingStatus', 'ParticipantStatus'] as const)('has a %s table row per enum value', (name) => {
    for (const { value, name: varname, description: meaning } of getEnum(name)) {
      expect(description).toContain(`| \`${value}\` | ${varname} | ${meaning} |`);
    }
  });

  it('has an error table row per error code, with its HTTP status and operations', () => {
    const rows = description.split('\n').filter((line) => /^\| `[a-z_]+` \| (\d{3}|—)/.test(line));
    expect(rows.map((row) => /^\| `([a-z_]+)`/.exec(row)?.[1])).toEqual(getEnum('ErrorCode').map((e) => e.value));
    expect(rows.find((row) => row.startsWith('| `not_found`'))).toContain('| 404 |');
    expect(rows.find((row) => row.startsWith('| `payload_too_large`'))).toContain('| 413 |');
    expect(rows.find((row) => row.startsWith('| `auth_failed`'))).toContain('every operation');
    const closed = operationIds().filter((id) => getOperation(id).errors.includes('meeting_closed'));
    expect(rows.find((row) => row.startsWith('| `meeting_closed`'))).toContain(closed.map((id) => `\`${id}\``).join(', '));
  });

  it('has a test trigger table row per trigger, with its reserved value and effect, and says the prefix', () => {
    const section = description.slice(description.indexOf(`## ${GENERATED_SECTIONS.triggers}`));
    expect(section).toContain(`\`${testTriggerPrefix()}\``);
    for (const trigger of testTriggers()) {
      const row = section.split('\n').find((line) => line.endsWith(`| \`${trigger.id}\` |`));
      expect(row, trigger.id).toContain(`| \`${trigger.operation}\` | \`${trigger.param}\` | \`${trigger.value}\` |`);
      const effect = trigger.effect;
      const shown = 'error' in effect ? effect.error : 'delayMs' in effect ? `${effect.delayMs} ms` : 'drop' in effect ? 'closes the connection' : `HTTP ${effect.httpStatus}`;
      expect(row, trigger.id).toContain(shown);
    }
  });

  it('lists every rule with its level', () => {
    for (const rule of spec['x-liveminutes-rules']) expect(description).toContain(`| \`${rule.id}\` | ${rule.level} |`);
  });

  it('keeps the quotas and the resultcode semantics of the spec', () => {
    expect(description).toContain('## Quotas');
    expect(description).toContain('## Calls and results');
    expect(description).toMatch(/`resultcode` is `1` \(success\) or `0`/);
  });
});
