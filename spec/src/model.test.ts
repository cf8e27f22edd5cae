import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createValidator,
  failureCodes,
  failureMessage,
  failureRule,
  invalidParameterRule,
  getOperation,
  lifecycle,
  limits,
  maxBodyBytes,
  operationIds,
  operationParams,
  retryPolicy,
  serverFaultCode,
  specPath,
  successFields,
  successRule,
  testTriggerPrefix,
  testTriggers,
  transportFailure,
  transportFailures,
  urlFormats,
  withRule,
  type LifecycleKind,
  type SuccessField,
} from './index.js';
import { modelRuleDataKeys } from './rule-data.js';

// The bundled document read apart from loadSpec: the model is compared with the raw JSON.
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const raw: Raw = JSON.parse(readFileSync(specPath, 'utf8'));
const deref = (node: Raw): Raw => {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref.slice(2).split('/').reduce((at: Raw, key: string) => at[key], raw);
  return deref({ ...target, ...Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref')) });
};
const rules: Raw[] = raw['x-liveminutes-rules'];
const rule = (id: string): Raw => rules.find((r) => r.id === id)!;
const post = (id: string): Raw => raw.paths[`/${id}`].post;
const ids = Object.values(raw.paths).map((item) => (item as Raw).post.operationId as string);

describe('rule data', () => {
  it('is read by the model, key for key: no rule carries data nothing reads', () => {
    const consumed = modelRuleDataKeys();
    const carried = Object.fromEntries(rules.filter((r) => r.data).map((r) => [r.id, Object.keys(r.data).sort()]));
    expect(Object.keys(carried).length).toBeGreaterThanOrEqual(8);
    for (const [id, keys] of Object.entries(carried)) expect([id, [...(consumed[id] ?? [])].sort()]).toEqual([id, keys]);
    for (const id of Object.keys(consumed)) expect(carried[id], `the model reads data of ${id}`).toBeDefined();
  });
});

describe.each(['meeting', 'participant'] as LifecycleKind[])('lifecycle(%s)', (kind) => {
  const model = lifecycle(kind);
  const data = rule(`lifecycle.${kind}`).data;
  const statusSchema = deref(post(model.statusOperation).responses['200'].content['application/json'].schema.oneOf[0]);
  const statusEnum = deref(statusSchema.properties.status);

  it('has the rule\'s transitions, the initial status rule\'s status, and the enum\'s statuses', () => {
    expect(model.transitions).toEqual(data.transitions);
    expect(model.initial).toBe(rule(kind === 'meeting' ? 'createMeeting.initial-status' : 'addParticipant.initial-status').data.status);
    expect(model.statuses.map((s) => [s.value, s.name, s.description])).toEqual(
      statusEnum.enum.map((value: string, i: number) => [value, statusEnum['x-enum-varnames'][i], statusEnum['x-enum-descriptions'][i]]),
    );
    expect(model.level).toBe(rule(`lifecycle.${kind}`).level);
  });

  it('calls final exactly the statuses no transition leaves, and knows every action', () => {
    for (const status of statusEnum.enum as string[]) {
      expect(model.final.includes(status)).toBe(!data.transitions.some((t: Raw) => t.from === status));
      expect(model.from(status)).toEqual(data.transitions.filter((t: Raw) => t.from === status));
    }
    expect([...model.actions].sort()).toEqual([...new Set(data.transitions.map((t: Raw) => t.action as string))].sort());
    expect(model.status('no such status')).toBeUndefined();
  });

  it('routes along transitions, shortest first, and nowhere out of a final status', () => {
    for (const from of statusEnum.enum as string[]) {
      for (const to of statusEnum.enum as string[]) {
        const route = model.route(from, to);
        if (!route) {
          expect(model.final.includes(from) || from !== to).toBe(true);
          continue;
        }
        let at = from;
        for (const step of route) {
          expect(step.from).toBe(at);
          expect(model.next(at, step.action)).toBe(step.to);
          at = step.to;
        }
        expect(at).toBe(to);
        if (from === to) expect(route).toEqual([]);
      }
      if (model.final.includes(from)) expect(statusEnum.enum.filter((to: string) => model.route(from, to))).toEqual([from]);
    }
  });

  it('names the entry URL field of the creating operation, an entry URL', () => {
    const creating = kind === 'meeting' ? 'createMeeting' : 'addParticipant';
    const success = deref(post(creating).responses['200'].content['application/json'].schema.oneOf[0]);
    expect(deref(success.properties[model.entryUrlField])['x-liveminutes-url']).toBe('entryUrl');
  });

  it(kind === 'participant' ? 'moves whoever is in the meeting when it ends' : 'has no meeting-end change', () => {
    expect(model.onMeetingEnd).toEqual(data.meetingEnd);
  });
});

describe('values of the rules', () => {
  it('limits, maxBodyBytes and the server fault code are the rules\' data', () => {
    expect(limits()).toEqual(rule('quota.limits').data);
    expect(maxBodyBytes()).toBe(rule('transport.payload-too-large').data.maxBodyBytes);
    expect(serverFaultCode()).toBe(rule('failure.internal-error').data.error);
    expect(deref(raw.components.schemas.ErrorCode).enum).toContain(serverFaultCode());
  });

  it('urlFormats are the rule\'s patterns and match the document\'s example URLs', () => {
    const formats = urlFormats();
    expect(formats.meetingUrl.source).toBe(new RegExp(rule('url.formats').data.meetingUrl).source);
    expect(formats.entryUrl.source).toBe(new RegExp(rule('url.formats').data.entryUrl).source);
    const example = post('createMeeting').responses['200'].content['application/json'].examples.success.value;
    expect(formats.meetingUrl.test(example.meetingUrl)).toBe(true);
    expect(formats.entryUrl.test(example.hostUrl)).toBe(true);
    expect(formats.entryUrl.test(example.meetingUrl)).toBe(false);
  });
});

describe('failures', () => {
  it('transportFailures are every operation\'s non-200 responses with their example and fixed headers', () => {
    for (const id of ids) {
      const expected = Object.entries(post(id).responses as Raw)
        .filter(([status]) => status !== '200')
        .map(([status, response]) => {
          const resolved = deref(response);
          const example = deref(Object.values(resolved.content['application/json'].examples as Raw)[0]).value;
          const headers = Object.fromEntries(Object.entries((resolved.headers ?? {}) as Raw).map(([name, h]) => [name.toLowerCase(), h.schema.const]));
          return { code: example.error, status: Number(status), message: example.message, headers, rule: resolved['x-liveminutes-rules'][0] };
        });
      expect(transportFailures()).toEqual(expected);
    }
    expect(transportFailure('method_not_allowed').headers).toEqual({ allow: 'POST' });
    expect(() => transportFailure('meeting_not_found')).toThrow(/not a transport failure/);
  });

  it('failureRule names the ErrorCode\'s x-liveminutes-failure-rules, or a transport response\'s rule, for every code but invalid_parameter', () => {
    const errorCode = deref(raw.components.schemas.ErrorCode);
    const declared = errorCode['x-liveminutes-failure-rules'];
    for (const code of errorCode.enum as string[]) {
      const transport = transportFailures().find((failure) => failure.code === code);
      const expected = code === 'invalid_parameter' ? undefined : (transport?.rule ?? declared[code]);
      expect([code, failureRule(code)]).toEqual([code, expected]);
      if (expected !== undefined) expect(rules.some((r) => r.id === expected)).toBe(true);
    }
    for (const cause of ['repeated', 'file', 'body'] as const) {
      expect(invalidParameterRule(cause)).toBe(declared.invalid_parameter[cause]);
    }
    expect(failureRule('no_such_code')).toBeUndefined();
    expect(failureMessage('meeting_not_found', 'account.isolation')).toBe(
      withRule(failureMessage('meeting_not_found')!.replace(/ \(rule not-found\.meeting\)\.$/, '.'), 'account.isolation'),
    );
    expect(failureMessage('meeting_not_found', failureRule('meeting_not_found'))).toBe(failureMessage('meeting_not_found'));
  });

  it('every example failure message names its rule as withRule writes it', () => {
    expect(withRule('puid must be at most 50 characters.', 'param.user-id-length')).toBe('puid must be at most 50 characters (rule param.user-id-length).');
    expect(withRule('No dot', 'a.b')).toBe('No dot (rule a.b).');
    for (const example of Object.values(raw.components.examples as Raw)) {
      const { error, message, param } = deref(example).value ?? {};
      if (typeof message !== 'string') continue;
      // invalid_parameter names the rule of the parameter's bound (the example's param, in createMeeting).
      const rule = error === 'invalid_parameter' ? operationParams('createMeeting').params.find((p) => p.name === param)?.rules.maxLength : failureRule(error);
      expect(rule, error).toBeDefined();
      expect(message).toBe(withRule(message.replace(/ \(rule [^)]+\)\.$/, '.'), rule!));
    }
  });

  it.each(ids)('failureCodes(%s) are its x-liveminutes-errors, each with an example sentence', (id) => {
    expect(failureCodes(id)).toEqual(post(id)['x-liveminutes-errors']);
    for (const code of failureCodes(id)) expect(failureMessage(code)).toBe(deref(raw.components.examples[code]).value.message);
  });
});

describe('operationParams', () => {
  it.each(ids)('%s: parameters, bounds and roles as the request schema gives them', (id) => {
    const schema = deref(post(id).requestBody.content['application/x-www-form-urlencoded'].schema);
    const model = operationParams(id);
    expect(model.params.map((p) => p.name)).toEqual(Object.keys(schema.properties));
    for (const param of model.params) {
      const property = deref(schema.properties[param.name]);
      expect(param.required).toBe(schema.required.includes(param.name));
      expect([param.minLength, param.maxLength, param.pattern, param.format, param.number]).toEqual([
        property.minLength,
        property.maxLength,
        property.pattern,
        property.format,
        property['x-liveminutes-number'],
      ]);
      expect(param.identifies).toEqual(property['x-liveminutes-identifies']);
    }
    // What a call needs to exist agrees with the failures it documents.
    expect(model.needs).toEqual({
      meeting: post(id)['x-liveminutes-errors'].includes('meeting_not_found'),
      participant: post(id)['x-liveminutes-errors'].includes('participant_not_found'),
    });
    expect(retryPolicy(id)).toBe(post(id)['x-liveminutes-retry']);
  });

  it.each(ids)('%s: every constraint of a request field cites its rule (what an invalid_parameter names)', (id) => {
    for (const param of operationParams(id).params) {
      const keywords = ['minLength', 'maxLength', 'pattern', 'format', 'x-liveminutes-number'].filter((k) => param.schema[k] !== undefined);
      if (param.required) keywords.push('required');
      for (const keyword of keywords) expect([param.name, keyword, rules.some((r) => r.id === param.rules[keyword])]).toEqual([param.name, keyword, true]);
    }
  });

  it('finds the meeting, host and participant fields', () => {
    expect(operationIds().map((id) => [id, operationParams(id).meeting?.name])).toEqual(ids.map((id) => [id, 'meetingKey']));
    expect(operationParams('createMeeting').host?.name).toBe('hostid');
    expect(operationParams('createMeeting').needs).toEqual({ meeting: false, participant: false });
    expect(operationParams('addParticipant').participant).toMatchObject({ name: 'puid', identifies: { live: false } });
  });
});

describe('successFields', () => {
  // The keyword each member of a SuccessField exposes; what a schema carries beyond these and the annotations is data the model drops.
  const exposes: Record<string, keyof SuccessField> = {
    type: 'type',
    const: 'const',
    enum: 'enum',
    format: 'format',
    minLength: 'minLength',
    'x-liveminutes-url': 'url',
    'x-liveminutes-rules': 'rules',
  };
  const annotations = ['description', 'x-enum-varnames', 'x-enum-descriptions'];
  const success = (id: string): Raw => deref(post(id).responses['200'].content['application/json'].schema.oneOf[0]);

  it.each(ids)('%s: every field, and every keyword of each, as the success schema gives them', (id) => {
    const schema = success(id);
    expect(successFields(id).map((f) => f.name)).toEqual(Object.keys(schema.properties));
    for (const field of successFields(id)) {
      const property = deref(schema.properties[field.name]);
      expect(field.required).toBe(schema.required.includes(field.name));
      for (const [keyword, value] of Object.entries(property)) {
        if (annotations.includes(keyword)) continue;
        const member = exposes[keyword];
        expect(member, `${id}.${field.name}: the model does not expose ${keyword}`).toBeDefined();
        expect([keyword, field[member!]]).toEqual([keyword, value]);
      }
      for (const [keyword, member] of Object.entries(exposes)) {
        if (!(keyword in property)) expect([keyword, field[member]]).toEqual([keyword, keyword === 'x-liveminutes-rules' ? {} : undefined]);
      }
    }
  });

  it.each(ids)('%s: the schema cites one rule, for its required fields', (id) => {
    const schema = success(id);
    expect(Object.keys(schema).sort()).toEqual(['properties', 'required', 'type', 'x-liveminutes-rules']);
    expect(Object.keys(schema['x-liveminutes-rules'])).toEqual(['required']);
    expect(successRule(id)).toBe(schema['x-liveminutes-rules'].required);
    expect(rules.some((r) => r.id === successRule(id))).toBe(true);
  });

  it('a status field holds its lifecycle\'s statuses, a URL field one of urlFormats(), resultcode 1', () => {
    for (const kind of ['meeting', 'participant'] as LifecycleKind[]) {
      const status = successFields(lifecycle(kind).statusOperation).find((f) => f.enum);
      expect(status?.enum).toEqual(lifecycle(kind).statuses.map((s) => s.value));
    }
    // Both formats are handed out, and nothing else carries a URL kind.
    const kinds = new Set(ids.flatMap((id) => successFields(id).flatMap((f) => (f.url ? [f.url] : []))));
    expect([...kinds].sort()).toEqual(Object.keys(urlFormats()).sort());
    for (const id of ids) expect(successFields(id)[0]).toMatchObject({ name: 'resultcode', required: true, const: 1 });
    expect(() => successFields('createMeetings')).toThrow(/Unknown operation/);
  });
});

describe('createValidator', () => {
  const validate = createValidator().compile(getOperation('createMeeting').requestSchema);
  const duration = operationParams('createMeeting').params.find((p) => p.number)!;

  it.each([
    ['0', `must be greater than ${duration.number?.exclusiveMinimum}`],
    [String((duration.number?.maximum ?? 0) + 1), `must be at most ${duration.number?.maximum}`],
  ])('refuses duration %s: %s', (value, message) => {
    expect(validate({ meetingKey: '', hostid: 'h', [duration.name]: value })).toBe(false);
    expect(validate.errors?.map((e) => [e.keyword, e.message])).toEqual([['x-liveminutes-number', message]]);
  });

  it('accepts the bounds and reports every error at once', () => {
    expect(validate({ meetingKey: '', hostid: 'h', [duration.name]: String(duration.number?.maximum) })).toBe(true);
    expect(validate({ meetingKey: 'x'.repeat(65), time: '2026-02-30 10:00:00' })).toBe(false);
    expect(validate.errors?.map((e) => e.keyword).sort()).toEqual(['format', 'maxLength', 'required']);
  });

  it('refuses a malformed x-liveminutes-number and stops at the first error when asked', () => {
    expect(() => createValidator().compile({ type: 'string', 'x-liveminutes-number': { max: 1 } })).toThrow();
    const first = createValidator({ allErrors: false }).compile(getOperation('createMeeting').requestSchema);
    expect(first({ meetingKey: 'x'.repeat(65) })).toBe(false);
    expect(first.errors).toHaveLength(1);
  });
});

describe('lifecycle routes, as DESIGN.md describes them', () => {
  it.each([
    ['meeting', '1', '8', ['start']],
    ['meeting', '1', '12', ['start', 'end']],
    ['meeting', '1', '11', ['start', 'leave']],
    ['meeting', '11', '12', ['start', 'end']],
    ['participant', '2', '10', ['join']],
    ['participant', '3', '10', ['accept', 'join']],
    ['participant', '2', '11', ['join', 'leave']],
    ['meeting', '8', '8', []],
  ] as const)('%s from %s to %s: %j', (kind, from, to, actions) => {
    expect(lifecycle(kind).route(from, to)?.map((t) => t.action)).toEqual(actions);
  });

  it('finds no route out of a final status', () => {
    expect(lifecycle('meeting').route('12', '1')).toBeUndefined();
  });
});

describe('testTriggers', () => {
  const listed: Raw[] = raw['x-liveminutes-test-triggers'];

  it('are the document\'s x-liveminutes-test-triggers, entry for entry, behind the reserved prefix of sandbox.test-triggers', () => {
    expect(testTriggerPrefix()).toBe(rule('sandbox.test-triggers').data.reservedPrefix);
    expect(testTriggers()).toEqual(listed);
    for (const trigger of testTriggers()) {
      expect(trigger.value.startsWith(testTriggerPrefix()), trigger.id).toBe(true);
      const schema = deref(post(trigger.operation).requestBody.content['application/x-www-form-urlencoded'].schema);
      const property = deref(schema.properties[trigger.param]);
      expect([...trigger.value].length, trigger.id).toBeLessThanOrEqual(property.maxLength);
      expect(new RegExp(property.pattern ?? '', 'u').test(trigger.value), trigger.id).toBe(true);
    }
  });

  it.each(ids)('%s: a trigger for every failure code it documents, a server fault, a delay and a drop', (id) => {
    const own = testTriggers().filter((t) => t.operation === id);
    const errors = own.flatMap((t) => ('error' in t.effect ? [t.effect.error] : []));
    expect([...errors].sort()).toEqual([...post(id)['x-liveminutes-errors']].sort());
    expect(own.some((t) => 'httpStatus' in t.effect && t.effect.httpStatus >= 500)).toBe(true);
    expect(own.some((t) => 'delayMs' in t.effect && t.effect.delayMs > 0)).toBe(true);
    expect(own.some((t) => 'drop' in t.effect)).toBe(true);
  });

  it('never gives one operation\'s parameter value two effects', () => {
    const keys = testTriggers().map((t) => `${t.operation} ${t.param} ${t.value}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
