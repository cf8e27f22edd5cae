import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getEnum, getOperation, getRule, getRules, loadSpec, operationIds, resolveRefs } from '../src/index.js';
import { createValidator } from '../src/validation.js';
import { designErrorCodes, designLevelCounts, designText, documentedOperations } from './reference.js';

const spec = loadSpec();
const documented = documentedOperations();
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Every place in the spec that cites rule ids. */
function citedRuleIds(): Array<{ where: string; id: string }> {
  const cited: Array<{ where: string; id: string }> = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}/${i}`));
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'x-liveminutes-rules' && where !== '') {
        const ids = Array.isArray(child) ? child : Object.values(child as object);
        for (const id of ids) cited.push({ where, id: String(id) });
      } else if (!(key === 'x-liveminutes-rules' && where === '')) walk(child, `${where}/${key}`);
    }
  };
  walk(spec, '');
  return cited;
}

describe('operations', () => {
  it('has exactly the 8 operations of the original document, in its order', () => {
    expect(documented).toHaveLength(8);
    expect(operationIds(spec)).toEqual(documented.map((op) => op.name));
  });

  it.each(documented.map((op) => [op.name, op] as const))('%s is POST /%s with summary, description and a tag', (name) => {
    const item = spec.paths[`/${name}`]!;
    expect(Object.keys(item)).toEqual(['post']);
    const op = item.post!;
    expect(op.operationId).toBe(name);
    expect(op.summary.length).toBeGreaterThan(5);
    expect(op.description.length).toBeGreaterThan(20);
    expect(op.tags.length).toBe(1);
    expect(['Meetings', 'Participants']).toContain(op.tags[0]);
  });

  it.each(documented.map((op) => [op.name, op] as const))('%s takes the documented parameters', (name, doc) => {
    const { requestSchema } = getOperation(name);
    const properties = Object.keys(requestSchema.properties as object);
    expect(properties.sort()).toEqual(doc.params.map((p) => p.name).sort());
    expect(((requestSchema.required as string[]) ?? []).sort()).toEqual(
      doc.params.filter((p) => p.required).map((p) => p.name).sort(),
    );
  });

  it.each(operationIds(spec))('%s accepts form and multipart bodies with one shared schema', (name) => {
    const content = getOperation(name).operation.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/x-www-form-urlencoded', 'multipart/form-data']);
    expect(content['multipart/form-data']!.schema).toEqual(content['application/x-www-form-urlencoded']!.schema);
  });

  it.each(operationIds(spec))('%s refers to the shared transport answers 404, 405, 413, 415', (name) => {
    const responses = getOperation(name).operation.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '404', '405', '413', '415']);
    for (const status of ['404', '405', '413', '415']) expect(responses[status]!.$ref).toMatch(/^#\/components\/responses\//);
    expect(resolveRefs(spec, responses['405']!).headers).toHaveProperty('Allow');
  });

  it.each(operationIds(spec))('%s tells success from failure by resultcode', (name) => {
    const { successSchema, failureSchema } = getOperation(name);
    expect((successSchema.properties as Record<string, { const: number }>).resultcode!.const).toBe(1);
    expect((failureSchema.properties as Record<string, { const: number }>).resultcode!.const).toBe(0);
    expect(failureSchema.required).toEqual(['resultcode']);
  });

  it('gives success fields as the original document shows them', () => {
    const fields = (name: string) => (getOperation(name).successSchema.required as string[]).sort();
    expect(fields('createMeeting')).toEqual(['hostUrl', 'meetingKey', 'meetingUrl', 'resultcode']);
    expect(fields('addParticipant')).toEqual(['meetingKey', 'participantUrl', 'resultcode']);
    expect(fields('getParticipantUrl')).toEqual(['participantUrl', 'resultcode']);
    expect(fields('getMeetingUrl')).toEqual(['meetingUrl', 'resultcode']);
    expect(fields('cancelMeeting')).toEqual(['meetingKey', 'resultcode']);
    expect(fields('cancelParticipant')).toEqual(['meetingKey', 'resultcode']);
    expect(fields('getMeetingStatus')).toEqual(['resultcode', 'status']);
    expect(fields('getParticipantStatus')).toEqual(['resultcode', 'status']);
  });

  it('marks which operations are safe to retry as DESIGN.md implies', () => {
    const retry = Object.fromEntries(operationIds(spec).map((name) => [name, getOperation(name).retry]));
    expect(retry).toEqual({
      createMeeting: 'explicit-key',
      addParticipant: 'always',
      getParticipantUrl: 'always',
      getMeetingUrl: 'always',
      cancelMeeting: 'never',
      cancelParticipant: 'never',
      getMeetingStatus: 'always',
      getParticipantStatus: 'always',
    });
  });
});

describe('parameters and bounds of DESIGN.md', () => {
  const property = (op: string, name: string) =>
    (getOperation(op).requestSchema.properties as Record<string, Record<string, unknown>>)[name]!;
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['createMeeting', 'meetingKey', { maxLength: 64, minLength: undefined }],
    ['addParticipant', 'meetingKey', { minLength: 1, maxLength: 64 }],
    ['createMeeting', 'hostid', { minLength: 1, maxLength: 50 }],
    ['addParticipant', 'puid', { minLength: 1, maxLength: 50 }],
    ['createMeeting', 'title', { maxLength: 255 }],
    ['createMeeting', 'description', { maxLength: 4000 }],
    ['createMeeting', 'lang', { maxLength: 35 }],
    ['createMeeting', 'hostnickname', { maxLength: 100 }],
    ['createMeeting', 'hostemail', { maxLength: 254 }],
    ['addParticipant', 'nickname', { maxLength: 100 }],
    ['addParticipant', 'email', { maxLength: 254 }],
  ];
  it.each(cases)('%s.%s has the bounds of DESIGN.md', (op, name, bounds) => {
    const schema = property(op, name);
    expect(schema.type).toBe('string');
    for (const [keyword, value] of Object.entries(bounds)) expect(schema[keyword]).toBe(value);
  });

  it.each(operationIds(spec).filter((op) => op !== 'createMeeting'))('%s needs a non-empty meetingKey', (op) => {
    expect(property(op, 'meetingKey').minLength).toBe(1);
  });

  const validate = (op: string) => createValidator().compile(getOperation(op).requestSchema);
  const create = validate('createMeeting');
  it.each([
    [{ meetingKey: '', hostid: '123' }, true],
    [{ meetingKey: 'k'.repeat(64), hostid: 'h'.repeat(50) }, true],
    [{ meetingKey: 'k'.repeat(65), hostid: '123' }, false],
    [{ meetingKey: 'a\u0007b', hostid: '123' }, false],
    [{ meetingKey: 'k', hostid: '' }, false],
    [{ meetingKey: 'k', hostid: 'h'.repeat(51) }, false],
    [{ meetingKey: 'k', hostid: '\u{1F600}'.repeat(50) }, true],
    [{ meetingKey: 'k', hostid: '\u{1F600}'.repeat(51) }, false],
    [{ meetingKey: 'k', hostid: '1', time: '2026-12-01 09:30:00' }, true],
    [{ meetingKey: 'k', hostid: '1', time: '2026-12-01T09:30:00' }, false],
    [{ meetingKey: 'k', hostid: '1', time: '2026-02-30 09:30:00' }, false],
    [{ meetingKey: 'k', hostid: '1', time: '2028-02-29 23:59:59' }, true],
    [{ meetingKey: 'k', hostid: '1', duration: '45' }, true],
    [{ meetingKey: 'k', hostid: '1', duration: '0.5' }, true],
    [{ meetingKey: 'k', hostid: '1', duration: '10080' }, true],
    [{ meetingKey: 'k', hostid: '1', duration: '10080.5' }, false],
    [{ meetingKey: 'k', hostid: '1', duration: '0' }, false],
    [{ meetingKey: 'k', hostid: '1', duration: '-5' }, false],
    [{ meetingKey: 'k', hostid: '1', duration: 'abc' }, false],
    [{ meetingKey: 'k', hostid: '1', title: 't'.repeat(256) }, false],
    [{ meetingKey: 'k', hostid: '1', unknownExtra: 'ignored' }, true],
    [{ hostid: '1' }, false],
  ])('createMeeting %j valid: %s', (body, valid) => {
    expect(create(body)).toBe(valid);
  });

  it('cites the rule that fixes each bound, so tools know its level', () => {
    const hostid = property('createMeeting', 'hostid')['x-liveminutes-rules'] as Record<string, string>;
    expect(getRule(hostid.maxLength!).level).toBe('MUST');
    const title = property('createMeeting', 'title')['x-liveminutes-rules'] as Record<string, string>;
    expect(getRule(title.maxLength!).level).toBe('SHOULD');
    const key = property('createMeeting', 'meetingKey')['x-liveminutes-rules'] as Record<string, string>;
    expect(getRule(key.required!).level).toBe('MUST');
    expect(getRule(key.maxLength!).level).toBe('SHOULD');
    for (const op of operationIds(spec)) {
      for (const [name, schema] of Object.entries(getOperation(op).requestSchema.properties as object)) {
        const rules = (schema as Record<string, unknown>)['x-liveminutes-rules'] as Record<string, string> | undefined;
        expect(rules, `${op}.${name}`).toBeDefined();
        for (const keyword of Object.keys(rules!)) {
          if (keyword === 'required' || keyword === 'type') continue;
          expect(schema, `${op}.${name} cites ${keyword}`).toHaveProperty(keyword);
        }
      }
    }
  });
});

describe('statuses', () => {
  const byOperation = Object.fromEntries(documented.map((op) => [op.name, op.statuses]));
  it.each([
    ['getMeetingStatus', 'MeetingStatus'],
    ['getParticipantStatus', 'ParticipantStatus'],
  ])('%s returns %s, a string enum of the document’s values with their meanings', (op, schemaName) => {
    const statuses = byOperation[op]!;
    expect(statuses.length).toBe(4);
    const values = getEnum(schemaName);
    expect(values.map((v) => v.value)).toEqual(statuses.map((s) => s.value));
    for (const [i, status] of statuses.entries()) {
      expect(values[i]!.description.toLowerCase().startsWith(status.meaning.toLowerCase())).toBe(true);
      expect(values[i]!.name).toMatch(/^[a-z][A-Za-z]+$/);
    }
    const success = getOperation(op).successSchema.properties as Record<string, { enum: string[]; type: string }>;
    expect(success.status!.type).toBe('string');
    expect(success.status!.enum).toEqual(statuses.map((s) => s.value));
  });

  it.each(['MeetingStatus', 'ParticipantStatus', 'ErrorCode'])('%s description table matches its enum', (schemaName) => {
    const description = String(spec.components.schemas[schemaName]!.description);
    for (const entry of getEnum(schemaName)) {
      expect(description).toContain(`| \`${entry.value}\` |`);
      expect(description).toContain(entry.description);
    }
  });
});

describe('errors', () => {
  it('lists exactly the error codes of DESIGN.md', () => {
    expect(getEnum('ErrorCode').map((e) => e.value)).toEqual(designErrorCodes());
  });

  it.each(operationIds(spec))('%s lists its errors and shows a failure example for each', (name) => {
    const { errors, operation } = getOperation(name);
    const codes = new Set(getEnum('ErrorCode').map((e) => e.value));
    expect(errors).toContain('auth_failed');
    expect(errors).toContain('invalid_parameter');
    for (const code of errors) expect(codes.has(code)).toBe(true);
    const examples = (operation.responses['200']!.content as Record<string, { examples: Record<string, unknown> }>)[
      'application/json'
    ]!.examples;
    expect(Object.keys(examples).sort()).toEqual(['bare_failure', 'success', ...errors].sort());
  });

  it('documents every operation-level error somewhere', () => {
    const used = new Set(operationIds(spec).flatMap((name) => getOperation(name).errors));
    const operationLevel = getEnum('ErrorCode')
      .map((e) => e.value)
      .filter((code) => !/^(not_found|method_not_allowed|payload_too_large|unsupported_media_type|internal_error)$/.test(code));
    expect([...used].sort()).toEqual(operationLevel.sort());
  });
});

describe('rules', () => {
  const rules = spec['x-liveminutes-rules'];
  it('has unique, stable-looking ids with a level that follows the source', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z][a-zA-Z-]*(\.[a-z0-9-]+)+$/);
      expect(rule.level).toBe(rule.source === 'document' ? 'MUST' : 'SHOULD');
      expect(rule.title.length).toBeGreaterThan(10);
    }
  });

  it('encodes at least as many rules of each level as DESIGN.md marks', () => {
    const counts = designLevelCounts();
    const must = rules.filter((r) => r.level === 'MUST').length;
    const should = rules.filter((r) => r.level === 'SHOULD').length;
    expect(must).toBeGreaterThanOrEqual(Math.min(counts.S, 20));
    expect(should).toBeGreaterThanOrEqual(Math.min(counts.C, 40));
  });

  it('cites only rules that exist', () => {
    const known = getRules();
    const cited = citedRuleIds();
    expect(cited.length).toBeGreaterThan(50);
    for (const { where, id } of cited) expect(known.has(id), `${where} cites ${id}`).toBe(true);
  });

  it('carries the machine-readable values of DESIGN.md', () => {
    expect(getRule('quota.limits').data).toEqual({ users: 1000, sessions: 10000 });
    expect(getRule('transport.payload-too-large').data).toEqual({ maxBodyBytes: 64 * 1024 });
    expect(designText).toContain('64 KiB');
    expect(getRule('param.duration-bounds').data).toEqual({ exclusiveMinimum: 0, maximum: 10080 });
    const entry = new RegExp(String(getRule('url.formats').data!.entryUrl));
    expect(entry.test('http://liveminutes.com/e/LIVEXP63FCLCRJW4GHT1X7O6')).toBe(true);
    expect(entry.test('http://liveminutes.com/e/LIVExp63FCLCRJW4GHT1X7O6')).toBe(false);
    const meeting = new RegExp(String(getRule('url.formats').data!.meetingUrl));
    expect(meeting.test('http://liveminutes.com/03P23Z')).toBe(true);
    expect(meeting.test('http://liveminutes.com/03P23')).toBe(false);
    const statuses = (schema: string) => new Set(getEnum(schema).map((e) => e.value));
    for (const [rule, schema] of [
      ['lifecycle.meeting', 'MeetingStatus'],
      ['lifecycle.participant', 'ParticipantStatus'],
    ] as const) {
      const transitions = getRule(rule).data!.transitions as Array<{ from: string; to: string; action: string }>;
      expect(transitions.length).toBeGreaterThanOrEqual(4);
      for (const t of transitions) {
        expect(statuses(schema).has(t.from)).toBe(true);
        expect(statuses(schema).has(t.to)).toBe(true);
      }
    }
    expect(getRule('createMeeting.initial-status').data!.status).toBe('1');
    expect(getRule('addParticipant.initial-status').data!.status).toBe('2');
  });
});

describe('examples', () => {
  const ajv = createValidator();
  const mediaExamples: Array<[string, string, unknown, object]> = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const op = item.post!;
    for (const [type, media] of Object.entries(op.requestBody.content)) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        mediaExamples.push([`${path} request ${type}`, name, example.value, media.schema]);
      }
    }
    for (const [status, response] of Object.entries(op.responses)) {
      const resolved = resolveRefs(spec, response) as { content?: Record<string, { schema: object; examples?: object }> };
      for (const [type, media] of Object.entries(resolved.content ?? {})) {
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          mediaExamples.push([`${path} ${status} ${type}`, name, (example as { value: unknown }).value, media.schema]);
        }
      }
    }
  }

  it('has a request example and the success example for every operation', () => {
    for (const name of operationIds(spec)) {
      expect(mediaExamples.some(([where]) => where === `/${name} request application/x-www-form-urlencoded`)).toBe(true);
      expect(mediaExamples.some(([where, example]) => where === `/${name} 200 application/json` && example === 'success')).toBe(true);
    }
  });

  it('shows the original document’s success examples', () => {
    const success = (name: string) =>
      mediaExamples.find(([where, example]) => where === `/${name} 200 application/json` && example === 'success')![2];
    expect(success('createMeeting')).toEqual({
      resultcode: 1,
      meetingKey: 'kjhgngf',
      meetingUrl: 'http://liveminutes.com/03P23Z',
      hostUrl: 'http://liveminutes.com/e/LIVEXP63FCLCRJW4GHT1X7O6',
    });
    expect(success('getMeetingUrl')).toEqual({ resultcode: 1, meetingUrl: 'http://liveminutes.com/MNADI4' });
  });

  it.each(mediaExamples)('%s example %s is valid against its schema', (_where, _name, value, schema) => {
    const validate = ajv.compile(resolveRefs(spec, schema));
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('document', () => {
  it('follows the package version', () => {
    expect(spec.info.version).toBe(pkg.version);
  });

  it('lists production, legacy and variable servers', () => {
    expect(spec.servers.map((s) => s.url)).toEqual([
      'https://api.liveminutes.com',
      'http://api.liveminutes.com',
      '{baseUrl}',
    ]);
  });

  it('uses HTTP basic auth for every operation', () => {
    expect(spec.components.securitySchemes.basicAuth).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(spec.security).toEqual([{ basicAuth: [] }]);
  });
});
