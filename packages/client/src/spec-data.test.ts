import { getEnum, getOperation, loadSpec, operationIds, successFields } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { defaultBaseUrl, meetingStatuses, operationSpecs, participantStatuses } from './generated/spec-data.js';

// src/generated/ is committed; `generate` writes it from the bundled spec (check-types fails on a stale copy).
// These tests check the generator read the spec right.
describe('generated spec data', () => {
  it('default base URL is the spec\'s first server', () => {
    expect(defaultBaseUrl).toBe(loadSpec().servers[0]?.url);
    expect(defaultBaseUrl.startsWith('https://')).toBe(true);
  });

  it.each([
    ['MeetingStatus', meetingStatuses],
    ['ParticipantStatus', participantStatuses],
  ] as const)('%s names and meanings come from x-enum-varnames / x-enum-descriptions', (name, table) => {
    const expected = Object.fromEntries(getEnum(name).map((e) => [e.value, [e.name, e.description]]));
    expect(table).toStrictEqual(expected);
  });

  it.each(operationIds())('%s: fields, required and bounds match the request schema', (id) => {
    const op = getOperation(id);
    const spec = operationSpecs[id as keyof typeof operationSpecs];
    const props = op.requestSchema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(spec.fields)).toStrictEqual(Object.keys(props));
    for (const [name, rule] of Object.entries(spec.fields) as Array<[string, Record<string, unknown>]>) {
      const schema = props[name] ?? {};
      expect(Boolean(rule.required)).toBe(((op.requestSchema.required as string[]) ?? []).includes(name));
      expect(rule.maxLength).toBe(schema.maxLength);
      expect(rule.minLength).toBe(schema.minLength);
      expect(rule.pattern).toBe(schema.pattern);
    }
    const successRequired = successFields(id).filter((f) => f.required && f.name !== 'resultcode');
    expect(Object.keys(spec.result)).toStrictEqual(successRequired.map((f) => f.name));
  });
});
