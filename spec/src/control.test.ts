import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { controlErrors, controlOperation, controlOperations, controlSpecPath, lifecycle, loadSpec } from './index.js';

// The bundled control document read apart from the model, to compare with it.
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const raw: Raw = JSON.parse(readFileSync(controlSpecPath, 'utf8'));
const deref = (node: Raw): Raw => {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref.slice(2).split('/').reduce((at: Raw, key: string) => at[key], raw);
  return deref({ ...target, ...Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref')) });
};

describe('control API document', () => {
  it('follows the spec package\'s version, as the API\'s document does', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(raw.info.version).toBe(manifest.version);
    expect(loadSpec().info.version).toBe(manifest.version);
  });

  it('lists every path and method with its success status and JSON body', () => {
    const expected = Object.entries(raw.paths as Raw).flatMap(([path, item]) =>
      Object.entries(item as Raw).map(([method, op]) => ({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        bodyRequired: op.requestBody?.required === true,
        successStatus: Number(Object.keys(op.responses).find((s) => s.startsWith('2'))),
      })),
    );
    expect(controlOperations().map(({ operationId, method, path, bodyRequired, successStatus }) => ({ operationId, method, path, bodyRequired, successStatus }))).toEqual(expected);
    expect(controlOperation('createAccount').successStatus).toBe(201);
    expect(controlOperation('listCalls').requestSchema).toBeUndefined();
    expect(controlOperation('listCalls').query.limit?.pattern).toBeDefined();
    expect(() => controlOperation('nope')).toThrow(/Unknown control operation/);
  });

  it.each(['meeting', 'participant'] as const)('moves a %s with exactly the actions and statuses of the API\'s lifecycle', (kind) => {
    const machine = lifecycle(kind);
    const name = kind === 'meeting' ? 'Meeting' : 'Participant';
    const request = controlOperation(`move${name}`).requestSchema as Raw;
    expect([...request.properties.action.enum].sort()).toEqual([...machine.actions].sort());
    const result = deref(raw.components.schemas[`Move${name}Result`]);
    for (const field of ['from', 'to']) expect(deref(result.properties[field]).enum).toEqual(machine.statuses.map((s) => s.value));
    // The ids are the API's own schemas, bounds included.
    const api = loadSpec().components.schemas;
    expect(request.properties.meetingKey.maxLength).toBe(api.MeetingKey?.maxLength);
    if (kind === 'participant') expect(request.properties.puid.maxLength).toBe(api.UserId?.maxLength);
  });

  it('gives every error code an HTTP status and a description, examples included', () => {
    const schema = raw.components.schemas.ControlErrorCode;
    expect(controlErrors()).toEqual(
      schema.enum.map((code: string, i: number) => ({ code, httpStatus: schema['x-liveminutes-http-status'][i], description: schema['x-enum-descriptions'][i] })),
    );
    for (const [status, response] of Object.values(raw.paths as Raw).flatMap((item) => Object.values(item as Raw)).flatMap((op) => Object.entries(op.responses as Raw))) {
      if (status.startsWith('2')) continue;
      for (const example of Object.values(deref(response).content['application/json'].examples as Raw)) {
        const code = controlErrors().find((e) => e.code === example.value.error);
        expect([example.value.error, code?.httpStatus]).toEqual([example.value.error, Number(status)]);
      }
    }
  });
});
