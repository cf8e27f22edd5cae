/**
 * @module triggers
 * The spec's test triggers (`testTriggers()`, rule `sandbox.test-triggers`)
 * as the sandbox honours them: a validated call whose parameter holds a
 * reserved value gets the trigger's effect instead of its normal answer, and
 * nothing stored changes (a delay answers normally, late). The table is built
 * once; a call without a reserved value costs one map lookup per parameter
 * that some trigger of its operation watches (one or two).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { failureMessage, serverFaultCode, testTriggers, type TestTrigger } from '@org/liveminutes-spec';
import { failureResponse, type ApiFailure, type FailureBody } from '../http/failure.js';

export type { TestTrigger };

/** What the app does for a triggered call. */
export type TriggerOutcome =
  /** Answer this instead of running the operation. */
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: FailureBody;
      /** The code and the rule (`sandbox.test-triggers`), for the request inspector. */
      readonly failure: { readonly error: string; readonly rule: string };
    }
  /** Close the connection without an answer. */
  | { readonly kind: 'drop' }
  /** Run the operation as usual (a delay has been waited out). */
  | { readonly kind: 'continue' };

/** The triggers of each operation, by the parameter they watch and its value. */
export interface TriggerTable {
  /** The trigger a call's validated parameters set off, if any. */
  match(operationId: string, params: Readonly<Record<string, string>>): TestTrigger | undefined;
}

/**
 * Builds the lookup table (default: the spec's triggers).
 * @example
 * const table = createTriggerTable();
 * table.match('getMeetingStatus', { meetingKey: 'lm_test_meeting_not_found' })?.effect; // { error: 'meeting_not_found' }
 * table.match('getMeetingStatus', { meetingKey: 'weekly' }); // undefined
 */
export function createTriggerTable(triggers: readonly TestTrigger[] = testTriggers()): TriggerTable {
  const byOperation = new Map<string, Map<string, Map<string, TestTrigger>>>();
  for (const trigger of triggers) {
    let params = byOperation.get(trigger.operation);
    if (!params) byOperation.set(trigger.operation, (params = new Map()));
    let values = params.get(trigger.param);
    if (!values) params.set(trigger.param, (values = new Map()));
    values.set(trigger.value, trigger);
  }
  // Flattened per operation: the hot path walks a short array, no iterator of a Map.
  const watched = new Map([...byOperation].map(([operation, params]) => [operation, [...params]] as const));
  return {
    match(operationId, params) {
      const list = watched.get(operationId);
      if (list === undefined) return undefined;
      for (const [param, values] of list) {
        const value = params[param];
        if (value !== undefined) {
          const found = values.get(value);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    },
  };
}

/**
 * Carries out a trigger's effect: waits out a delay, or says what to answer
 * (the failure, or a server fault with its HTTP status) or to drop.
 * @example
 * const outcome = await triggerOutcome(trigger); // { kind: 'answer', status: 200, body: { resultcode: 0, error: 'meeting_not_found', ... } }
 */
export async function triggerOutcome(trigger: TestTrigger): Promise<TriggerOutcome> {
  const { effect } = trigger;
  if ('delayMs' in effect) {
    await sleep(effect.delayMs);
    return { kind: 'continue' };
  }
  if ('drop' in effect) return { kind: 'drop' };
  const failure = triggerFailure(trigger, 'httpStatus' in effect ? serverFaultCode() : effect.error);
  const { status, headers, body } = failureResponse(failure);
  const explained = { error: failure.error, rule: TRIGGER_RULE };
  if ('httpStatus' in effect) return { kind: 'answer', status: effect.httpStatus, headers: { ...headers, connection: 'close' }, body, failure: explained };
  return { kind: 'answer', status, headers, body, failure: explained };
}

/** The rule that reserves the trigger values: a triggered failure names it, as every failure names its rule. */
const TRIGGER_RULE = 'sandbox.test-triggers';

/** The failure a trigger answers: the code's own sentence, naming the trigger and its rule so that nobody hunts a real bug. */
function triggerFailure(trigger: TestTrigger, error: string): ApiFailure {
  const because = `(test trigger ${trigger.id}: ${trigger.param} is ${trigger.value})`;
  if (error === 'invalid_parameter') {
    return { error, param: trigger.param, rule: TRIGGER_RULE, message: `${trigger.param} is a reserved test value ${because}.` };
  }
  // The example sentence without the rule it names: the trigger's rule is named instead.
  const example = (failureMessage(error) ?? 'The call failed.').replace(/\s*\(rule [^)]*\)\.?$/, '').replace(/\.$/, '');
  const sentence = error === serverFaultCode() ? 'The sandbox simulated a server fault' : example;
  return { error, rule: TRIGGER_RULE, message: `${sentence} ${because}.` };
}
