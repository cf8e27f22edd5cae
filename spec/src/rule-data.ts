/**
 * What each rule's data holds, checked and typed: the one reader of
 * `getRule(id).data`. A data key that the table below does not list fails
 * `model.test.ts`, so no rule carries a value that nothing reads.
 */
import { getRule } from './document.js';

/** One allowed status change and the entry-page action that makes it. */
export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly action: string;
}

/** A status change that no action makes (a participant's when its meeting ends). */
export interface StatusChange {
  readonly from: string;
  readonly to: string;
}

// What each rule's data holds. A key a rule carries must be listed here (model.test.ts).
const RULE_DATA = {
  'transport.payload-too-large': { maxBodyBytes: 'integer' },
  'failure.internal-error': { error: 'string' },
  'param.meetingkey-format': { maxLength: 'integer' },
  'param.duration-bounds': { exclusiveMinimum: 'number', maximum: 'number' },
  'createMeeting.initial-status': { status: 'string' },
  'addParticipant.initial-status': { status: 'string' },
  'url.formats': { meetingUrl: 'string', entryUrl: 'string' },
  'url.random': { minBits: 'integer', sharedRun: 'integer', minTokens: 'integer', minAlphabet: 'integer' },
  'lifecycle.meeting': { transitions: 'transitions' },
  'lifecycle.participant': { transitions: 'transitions', meetingEnd: 'change' },
  'quota.limits': { users: 'integer', sessions: 'integer' },
  'sandbox.test-triggers': { reservedPrefix: 'string' },
} as const;

interface DataTypes {
  integer: number;
  number: number;
  string: string;
  transitions: readonly Transition[];
  change: StatusChange;
}
type DataKind = keyof DataTypes;
type RuleWithData = keyof typeof RULE_DATA;
type RuleData<Id extends RuleWithData> = {
  readonly [K in keyof (typeof RULE_DATA)[Id]]: (typeof RULE_DATA)[Id][K] extends DataKind ? DataTypes[(typeof RULE_DATA)[Id][K]] : never;
};

/** The data keys the model reads, per rule id (for the test that no rule data goes unread). */
export function modelRuleDataKeys(): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(Object.entries(RULE_DATA).map(([id, keys]) => [id, Object.keys(keys)]));
}

const isStatusChange = (value: unknown): value is StatusChange => {
  const { from, to } = (value ?? {}) as Record<string, unknown>;
  return typeof from === 'string' && typeof to === 'string';
};
const isTransition = (value: unknown): value is Transition =>
  isStatusChange(value) && typeof (value as unknown as Record<string, unknown>).action === 'string';
const KIND_CHECKS: { [K in DataKind]: (value: unknown) => boolean } = {
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  string: (value) => typeof value === 'string' && value !== '',
  transitions: (value) => Array.isArray(value) && value.length > 0 && value.every(isTransition),
  change: isStatusChange,
};

/**
 * A rule's data, checked against the kinds the model expects and typed.
 * @example
 * ruleData('quota.limits').users; // 1000
 */
export function ruleData<Id extends RuleWithData>(id: Id): RuleData<Id> {
  const data = getRule(id).data ?? {};
  const kinds = RULE_DATA[id] as Readonly<Record<string, DataKind>>;
  for (const [key, kind] of Object.entries(kinds)) {
    if (!KIND_CHECKS[kind](data[key])) throw new Error(`Rule ${id}: data.${key} is not a valid ${kind}`);
  }
  return data as RuleData<Id>;
}


/**
 * True for the ids of rules whose data the model reads.
 * @example
 * isRuleWithData('quota.limits'); // true
 */
export function isRuleWithData(id: string): id is RuleWithData {
  return Object.hasOwn(RULE_DATA, id);
}
