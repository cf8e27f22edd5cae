/**
 * What a check works with: the API, prefixed ids, the optional second account
 * and small-quota server, everything the run has seen so far, and the means to
 * record findings. A finding is data; `require`, `fail` and `skip` only end the
 * check early and the runner turns them into its result.
 */
import type { Account } from '../http/api.js';
import type { HttpResponse } from '../http/raw-http.js';
import type { IdFactory } from './ids.js';
import type { TrackedApi } from './tracked-api.js';
import type { TrafficReview } from './traffic-review.js';

/** What a check needs beyond one account; without it, the check is skipped. */
export type Capability =
  /** A second account (`--second-account`), for tenant isolation. */
  | 'second-account'
  /** A server whose quotas are small enough to reach (the embedded quota sandbox). */
  | 'small-quota'
  /** Entry pages that take the sandbox's form actions (start, end, join...). */
  | 'entry-pages';

/** Ends a check with its findings (thrown by `require` and `fail`). */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

/** Ends a check as skipped. */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

/** A server whose quotas are small enough to reach, with an account on it. */
export interface QuotaTarget {
  readonly api: TrackedApi;
  readonly limits: { readonly users: number; readonly sessions: number };
}

/** State shared by every check of one run. */
export interface RunState {
  readonly ids: IdFactory;
  readonly second: Account | undefined;
  readonly capabilities: ReadonlySet<Capability>;
  /** Every answer of the run so far, in order. */
  readonly traffic: HttpResponse[];
  /** The traffic checks' findings on every answer so far, and the failures provoked on purpose. */
  readonly review: TrafficReview;
  readonly memos: Map<string, Promise<unknown>>;
}

/** What the runner gives one check alone: the APIs that record its meetings under its id. */
export interface CheckScope {
  readonly api: TrackedApi;
  readonly quota: QuotaTarget | undefined;
}

/**
 * The context of one check.
 * @example
 * const answer = await context.api.call('getMeetingStatus', { meetingKey: context.ids.key() });
 * context.expect(answer.status === 200, `HTTP ${answer.status}`);
 */
export class CheckContext {
  readonly findings: string[] = [];
  readonly api: TrackedApi;
  readonly quota: QuotaTarget | undefined;
  readonly #state: RunState;

  constructor(state: RunState, scope: CheckScope) {
    this.#state = state;
    this.api = scope.api;
    this.quota = scope.quota;
  }

  get ids(): IdFactory {
    return this.#state.ids;
  }

  get second(): Account | undefined {
    return this.#state.second;
  }

  get traffic(): readonly HttpResponse[] {
    return this.#state.traffic;
  }

  /** What the traffic check `check` found in every answer of the run so far. */
  reviewed(check: string): string[] {
    return this.#state.review.findings(check);
  }

  /** How many failures the run has provoked on purpose so far. */
  get provoked(): number {
    return this.#state.review.provoked();
  }

  has(capability: Capability): boolean {
    return this.#state.capabilities.has(capability);
  }

  /** Records a finding unless `condition` holds; returns the condition. */
  expect(condition: unknown, finding: string): boolean {
    if (!condition) this.findings.push(finding);
    return Boolean(condition);
  }

  /** Like `expect`, but ends the check when the condition does not hold. */
  require(condition: unknown, finding: string): asserts condition {
    if (!condition) this.fail(finding);
  }

  /** Records a finding and ends the check. */
  fail(finding: string): never {
    this.findings.push(finding);
    throw new CheckFailure(finding);
  }

  /** Ends the check as skipped. */
  skip(reason: string): never {
    throw new CheckSkipped(reason);
  }

  /** Runs `make` once per run; later callers share its result (or its failure). */
  memo<T>(name: string, make: () => Promise<T>): Promise<T> {
    let promise = this.#state.memos.get(name) as Promise<T> | undefined;
    if (!promise) {
      promise = make();
      this.#state.memos.set(name, promise);
    }
    return promise;
  }
}
