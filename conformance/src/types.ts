/**
 * The suite's data model: check definitions, per-check results and the run's
 * report. A failed check is a result, never an exception.
 */
import type { RuleLevel } from '@org/liveminutes-spec';
import type { Capability, CheckContext } from './run/context.js';

export type { RuleLevel };
export type { Account } from './http/api.js';
export type { Capability } from './run/context.js';

/** One conformance check. Its level is read from the spec rule it cites. */
export interface Check {
  /** Stable id, `<area>.<name>`; what `--only` and `--skip` match. */
  readonly id: string;
  /** The first segment of the id. */
  readonly area: string;
  /** The id of the spec rule (x-liveminutes-rules) the check verifies. */
  readonly rule: string;
  /** The rule's level, read from the spec. */
  readonly level: RuleLevel;
  /** One line starting with the level: `MUST answer ...`. */
  readonly title: string;
  readonly needs: readonly Capability[];
  run(context: CheckContext): Promise<void>;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One request a failed check sent and the start of the answer, for reports. Never contains a credential. */
export interface Exchange {
  /** `POST /createMeeting` and the start of the form body (headers are left out: they hold the credentials). */
  readonly request: string;
  readonly status: number;
  /** The answer's content type and the start of its body. */
  readonly answer: string;
}

/** The outcome of one check. */
export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly level: RuleLevel;
  readonly rule: string;
  readonly status: CheckStatus;
  /** The first finding (failed) or the reason (skipped). Never contains a credential. */
  readonly message?: string;
  /** Every finding of a failed check. */
  readonly findings: readonly string[];
  /** A failed check's last requests and answers (the last three), for the HTML report. */
  readonly exchanges?: readonly Exchange[];
  readonly durationMs: number;
  /** HTTP requests the check sent (its share of the budget). */
  readonly requests: number;
}

/** Why a run stopped before its last check. */
export interface AbortInfo {
  readonly reason: 'interrupted' | 'connection' | 'budget';
  readonly message: string;
}

/** Totals of a run. */
export interface ReportSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly mustFailed: number;
  readonly shouldFailed: number;
  readonly skipped: number;
}

/** The result of `runConformance`. Serialisable as JSON; holds no credential. */
export interface ConformanceReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly specVersion: string;
  readonly target: { readonly baseUrl: string; readonly embedded: boolean; readonly secondAccount: boolean };
  readonly prefix: string;
  readonly strict: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  /**
   * Requests sent (`sent`, each counted once), the budget and the rate. `resent` counts requests sent once more
   * on a new connection because the server reset the idle keep-alive connection they went out on before answering.
   */
  readonly requests: { readonly sent: number; readonly max: number; readonly rate: number | null; readonly resent: number };
  readonly checks: readonly CheckResult[];
  readonly summary: ReportSummary;
  /**
   * Every documented failure (each operation's x-liveminutes-errors) and how
   * many times the run provoked it: a 0 is a failure the run did not exercise.
   */
  readonly documentedFailures: ReadonlyArray<{ readonly operation: string; readonly error: string; readonly provoked: number }>;
  /** Meetings the run created and cancelled again; `leftover` lists keys it could not cancel. */
  readonly cleanup: { readonly cancelled: number; readonly leftover: readonly string[] };
  readonly aborted?: AbortInfo;
  /** True when no MUST check failed (and, with `strict`, no SHOULD check either) and the run completed. */
  readonly ok: boolean;
}

/** What a run announces before its first request. */
export interface RunPlan {
  readonly baseUrl: string;
  readonly embedded: boolean;
  readonly prefix: string;
  readonly checks: readonly Check[];
  readonly maxRequests: number;
  readonly rate: number | null;
  readonly strict: boolean;
}

/** Receives a run's progress; reporters implement it. */
export interface RunListener {
  onStart?(plan: RunPlan): void;
  onCheckStart?(check: Check): void;
  onCheckEnd?(result: CheckResult): void;
  onEnd?(report: ConformanceReport): void;
}
