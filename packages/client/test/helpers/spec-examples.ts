/**
 * @module spec-examples
 * The spec's own examples, read from the bundled spec: each operation's form
 * request examples and its success answer, so that tests drive the client with
 * what the spec documents instead of values restated here.
 */
import { FORM_MEDIA_TYPE, getOperation, operationIds, resolveRefs, loadSpec } from '@org/liveminutes-spec';
import type { OperationId } from '../../src/index.js';

export interface OperationExamples {
  readonly id: OperationId;
  readonly requests: ReadonlyArray<Record<string, string>>;
  readonly success: Record<string, unknown>;
}

/**
 * Examples of every operation, in the spec's order.
 * @example
 * for (const { id, requests, success } of specExamples()) console.log(id, requests.length, success.resultcode);
 */
export function specExamples(): OperationExamples[] {
  const spec = loadSpec();
  return operationIds(spec).map((id) => {
    const { operation } = getOperation(id, spec);
    const form = operation.requestBody.content[FORM_MEDIA_TYPE];
    const requests = Object.values(form?.examples ?? {}).map((e) => e.value as Record<string, string>);
    const ok = resolveRefs(spec, operation.responses['200']) as {
      content: { 'application/json': { examples: Record<string, { value: Record<string, unknown> }> } };
    };
    const success = ok.content['application/json'].examples.success?.value;
    if (!success || requests.length === 0) throw new Error(`${id}: the spec has no request or success example`);
    return { id: id as OperationId, requests, success };
  });
}
