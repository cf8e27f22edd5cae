/**
 * The spec's test triggers (`x-liveminutes-test-triggers`, rule
 * `sandbox.test-triggers`): reserved parameter values that make a sandbox
 * answer a chosen failure, late, not at all, or with a server fault, changing
 * nothing. Read and checked once: a trigger on an unknown operation or
 * parameter, a value outside the reserved prefix or the parameter's bounds, an
 * error code the operation does not document, or a malformed effect throws.
 */
import { loadSpec, operationIds } from './document.js';
import { failureCodes } from './failures.js';
import { operationParams } from './params.js';
import { ruleData } from './rule-data.js';

/** What a trigger does instead of the normal answer. */
export type TestTriggerEffect =
  /** That failure in the JSON failure shape (HTTP 200), nothing stored changes. */
  | { readonly error: string }
  /** The normal answer, this many milliseconds late. */
  | { readonly delayMs: number }
  /** The connection is closed without an answer, nothing stored changes. */
  | { readonly drop: true }
  /** A server fault: this HTTP status with `internal_error` in the JSON failure shape, nothing stored changes. */
  | { readonly httpStatus: number };

/** One entry of `x-liveminutes-test-triggers`. */
export interface TestTrigger {
  /** Stable id, `{operation}.{what}` (`getMeetingStatus.meeting-not-found`). */
  readonly id: string;
  readonly operation: string;
  /** The request parameter whose value sets it off. */
  readonly param: string;
  /** The reserved value; starts with {@link testTriggerPrefix}. */
  readonly value: string;
  readonly effect: TestTriggerEffect;
  readonly description: string;
}

/** The longest delay a trigger may ask for: a test should not wait longer. */
const MAX_DELAY_MS = 60_000;

let triggers: readonly TestTrigger[] | undefined;

/**
 * The prefix that every reserved value starts with (`sandbox.test-triggers`):
 * a value that starts with it is never a real request's, so tools that
 * generate values (the conformance suite, property tests) leave it out.
 * @example
 * testTriggerPrefix(); // 'lm_test_'
 */
export function testTriggerPrefix(): string {
  return ruleData('sandbox.test-triggers').reservedPrefix;
}

/**
 * Every test trigger, in the spec's order, checked against the operations.
 * @example
 * const t = testTriggers().find((t) => t.id === 'getMeetingStatus.meeting-not-found');
 * t; // { operation: 'getMeetingStatus', param: 'meetingKey', value: 'lm_test_meeting_not_found', effect: { error: 'meeting_not_found' }, ... }
 */
export function testTriggers(): readonly TestTrigger[] {
  triggers ??= readTriggers();
  return triggers;
}

function readTriggers(): readonly TestTrigger[] {
  return parseTestTriggers(loadSpec()['x-liveminutes-test-triggers']);
}

/**
 * Checks and types a list of test triggers as the spec declares them (what
 * {@link testTriggers} reads); throws on the first entry that is wrong.
 * @example
 * parseTestTriggers([{ id: 'x', operation: 'getMeetingUrl', param: 'meetingKey', value: 'lm_test_x', effect: { drop: true }, description: 'd' }]);
 */
export function parseTestTriggers(list: unknown): readonly TestTrigger[] {
  if (!Array.isArray(list)) throw new Error('x-liveminutes-test-triggers is not a list');
  const prefix = testTriggerPrefix();
  const ids = new Set<string>();
  const keys = new Set<string>();
  return list.map((entry: unknown): TestTrigger => {
    const { id, operation, param, value, effect, description } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || ids.has(id)) throw new Error(`Test trigger ${String(id)}: missing or repeated id`);
    ids.add(id);
    const fail = (why: string): never => {
      throw new Error(`Test trigger ${id}: ${why}`);
    };
    if (typeof operation !== 'string' || !operationIds().includes(operation)) fail(`unknown operation ${String(operation)}`);
    const op = operation as string;
    const info = operationParams(op).params.find((p) => p.name === param);
    if (!info) fail(`${op} has no parameter ${String(param)}`);
    if (typeof value !== 'string' || !value.startsWith(prefix)) fail(`its value must start with ${prefix}`);
    const text = value as string;
    const length = [...text].length;
    if ((info?.maxLength !== undefined && length > info.maxLength) || (info?.minLength !== undefined && length < info.minLength)) {
      fail(`${text} is outside the bounds of ${op}.${String(param)}`);
    }
    if (info?.pattern !== undefined && !new RegExp(info.pattern, 'u').test(text)) fail(`${text} does not match ${String(param)}'s pattern`);
    const key = `${op}\u0000${String(param)}\u0000${text}`;
    if (keys.has(key)) fail(`another trigger of ${op} has the value ${text}`);
    keys.add(key);
    if (typeof description !== 'string' || description === '') fail('it has no description');
    return { id, operation: op, param: param as string, value: text, effect: readEffect(op, effect, fail), description: description as string };
  });
}

function readEffect(operation: string, effect: unknown, fail: (why: string) => never): TestTriggerEffect {
  const fields = (effect ?? {}) as Record<string, unknown>;
  const names = Object.keys(fields);
  if (names.length !== 1) fail('its effect must have exactly one of error, delayMs, drop, httpStatus');
  const { error, delayMs, drop, httpStatus } = fields;
  if (names[0] === 'error' && typeof error === 'string') {
    if (!failureCodes(operation).includes(error)) fail(`${operation} does not document ${error}`);
    return { error };
  }
  if (names[0] === 'delayMs' && Number.isSafeInteger(delayMs) && (delayMs as number) > 0 && (delayMs as number) <= MAX_DELAY_MS) {
    return { delayMs: delayMs as number };
  }
  if (names[0] === 'drop' && drop === true) return { drop: true };
  if (names[0] === 'httpStatus' && Number.isSafeInteger(httpStatus) && (httpStatus as number) >= 500 && (httpStatus as number) <= 599) {
    return { httpStatus: httpStatus as number };
  }
  return fail(`its effect ${JSON.stringify(effect)} is not valid`);
}
