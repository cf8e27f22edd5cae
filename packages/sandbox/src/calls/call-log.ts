/**
 * @module calls
 * The request inspector's memory: each account's recent API calls (operation,
 * parameters and answer with secrets masked, time taken, and for a failure
 * the spec rule it broke), newest first. A bounded ring per account, and a
 * bound on the number of accounts kept (the least recently called is
 * forgotten first), so memory stays flat however long the sandbox runs.
 * In memory, per process: a sandbox restart starts with no calls.
 */
import { codePoints, maskRecord, maskValue } from './mask.js';

/** Why a recorded call failed. */
export interface CallFailure {
  /** The `error` code answered. */
  readonly error: string;
  /** The id of the spec rule behind the failure (`param.user-id-length`, `not-found.meeting`...). */
  readonly rule: string;
  /** The offending parameter, for invalid_parameter. */
  readonly param?: string;
  /** What was sent for `param`, masked and cut; absent when it was missing. */
  readonly sent?: string;
  /** The length of what was sent, in code points (before any cut). */
  readonly sentLength?: number;
  /** The broken bound as the spec's schema states it (`maxLength 50`, `required`). */
  readonly bound?: string;
}

/** One recorded call, as the dashboard and the control API show it. */
export interface CallRecord {
  /** When the call arrived, ISO 8601 in UTC. */
  readonly at: string;
  /** The operationId. */
  readonly operation: string;
  /** The operation's parameters as sent (those the spec knows), masked. */
  readonly params: Readonly<Record<string, string>>;
  /** The HTTP status of the answer; 0 when the connection was dropped without one (a `drop` test trigger). */
  readonly status: number;
  /** The JSON answer, masked (entry URLs keep no token); empty when there was none. */
  readonly answer: Readonly<Record<string, unknown>>;
  /** Time taken to answer, in milliseconds. */
  readonly ms: number;
  /** Present when `answer.resultcode` is 0. */
  readonly failure?: CallFailure;
}

/** What the request path hands to {@link CallLog.record}: values as sent, masked on the way in. */
export interface CallInput {
  readonly operation: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: number;
  readonly answer: Readonly<Record<string, unknown>>;
  readonly ms: number;
  readonly failure?: Omit<CallFailure, 'sent' | 'sentLength'> & { readonly sent?: string | undefined };
  /** Values never kept (the AuthToken the call carried): a parameter holding one is masked whole. */
  readonly secrets: readonly string[];
  /** When the call arrived (epoch milliseconds); default now. */
  readonly at?: number;
}

/** Options of {@link createCallLog}. */
export interface CallLogOptions {
  /** Calls kept per account, newest replacing oldest; default 200. */
  readonly perAccount?: number;
  /** Accounts kept; default 1000. */
  readonly accounts?: number;
}

/** Each account's recent calls. */
export interface CallLog {
  /** Calls kept per account. */
  readonly perAccount: number;
  /** Records one answered call of an account, masking it first. */
  record(accountSid: string, call: CallInput): void;
  /** The account's recent calls, newest first; at most `limit` (default all kept). */
  recent(accountSid: string, options?: { readonly limit?: number }): CallRecord[];
  /** Forgets an account's calls. */
  clear(accountSid: string): void;
}

type Kept = Omit<CallRecord, 'at'> & { readonly at: number };

interface Ring {
  readonly calls: Kept[];
  /** Where the next call goes. */
  next: number;
}

const positive = (value: number | undefined, fallback: number, name: string): number => {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) throw new Error(`${name} must be a positive integer`);
  return chosen;
};

/**
 * Builds an empty call log.
 * @example
 * const calls = createCallLog({ perAccount: 200 });
 * calls.record('AC1', { operation: 'getMeetingStatus', params: { meetingKey: 'k' }, status: 200, answer: { resultcode: 1, status: '1' }, ms: 0.4, secrets: [] });
 * calls.recent('AC1', { limit: 10 })[0]?.operation; // 'getMeetingStatus'
 */
export function createCallLog(options: CallLogOptions = {}): CallLog {
  const perAccount = positive(options.perAccount, 200, 'perAccount');
  const maxAccounts = positive(options.accounts, 1000, 'accounts');
  // Map order is recency order: an account is moved to the end when it records a call.
  const rings = new Map<string, Ring>();

  return {
    perAccount,
    record(accountSid, call) {
      let ring = rings.get(accountSid);
      if (ring) rings.delete(accountSid);
      else ring = { calls: [], next: 0 };
      rings.set(accountSid, ring);
      if (rings.size > maxAccounts) rings.delete(rings.keys().next().value!);
      const kept = keep(call);
      if (ring.calls.length < perAccount) ring.calls.push(kept);
      else ring.calls[ring.next] = kept;
      ring.next = (ring.next + 1) % perAccount;
    },
    recent(accountSid, { limit = perAccount } = {}) {
      const ring = rings.get(accountSid);
      if (!ring) return [];
      const { calls } = ring;
      const count = Math.min(Math.max(0, Math.floor(limit)), calls.length);
      const newest: CallRecord[] = [];
      for (let i = 1; i <= count; i += 1) {
        const call = calls[(ring.next - i + calls.length * 2) % calls.length]!;
        newest.push({ ...call, at: new Date(call.at).toISOString() });
      }
      return newest;
    },
    clear(accountSid) {
      rings.delete(accountSid);
    },
  };
}

function keep(call: CallInput): Kept {
  const { secrets, failure } = call;
  // Objects built whole, in one shape: this runs on every call's request path.
  return {
    at: call.at ?? Date.now(),
    operation: call.operation,
    params: maskRecord(call.params, secrets),
    status: call.status,
    answer: maskRecord(call.answer, secrets),
    ms: Math.round(call.ms * 100) / 100,
    failure: failure && explain(failure, secrets),
  };
}

function explain(failure: NonNullable<CallInput['failure']>, secrets: readonly string[]): CallFailure {
  const { error, rule, param, sent, bound } = failure;
  return {
    error,
    rule,
    ...(param === undefined ? {} : { param }),
    ...(sent === undefined ? {} : { sent: maskValue(sent, secrets), sentLength: codePoints(sent) }),
    ...(bound === undefined ? {} : { bound }),
  };
}
