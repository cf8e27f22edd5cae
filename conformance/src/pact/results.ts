/**
 * Turns the Pact verifier's JSON report into result data: one entry per
 * interaction with its mismatches named (path, kind, expected, actual), and
 * the verifier's own text output with ANSI colours removed. Secrets given
 * to `scrub` never survive into the result.
 */

/** One difference between what the consumer expects and what the provider did. */
export interface PactMismatch {
  /** `BodyMismatch`, `StatusMismatch`, `HeaderMismatch`, ... or `error` when the request itself failed. */
  readonly type: string;
  /** JSON path of the body field (`$.participantUrl`), or the header's name. */
  readonly path?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** The verifier's sentence, e.g. `Expected 1 to be equal to 0`. */
  readonly message: string;
}

/** The verification of one interaction. */
export interface InteractionResult {
  readonly consumer: string;
  readonly description: string;
  readonly providerStates: readonly string[];
  readonly ok: boolean;
  readonly mismatches: readonly PactMismatch[];
}

/** An interaction that was not verified, and why. */
export interface SkippedInteraction {
  readonly consumer: string;
  readonly description: string;
  readonly providerStates: readonly string[];
  readonly reason: string;
}

/** The outcome of a verification. */
export interface PactVerificationResult {
  /** Every verified interaction passed and every state was set up. Skipped interactions do not fail it. */
  readonly ok: boolean;
  readonly provider: string;
  readonly baseUrl: string;
  /** The pact files or URLs read. */
  readonly sources: readonly string[];
  readonly interactions: readonly InteractionResult[];
  readonly skipped: readonly SkippedInteraction[];
  /** Provider states whose setup failed during verification. */
  readonly stateErrors: ReadonlyArray<{ readonly state: string; readonly message: string }>;
  /** The verifier's text report, without colours and without credentials. */
  readonly output: string;
}

interface RawMismatchGroup {
  readonly type?: string;
  readonly message?: string;
  readonly mismatches?: ReadonlyArray<Record<string, unknown>>;
}

interface RawReport {
  readonly result?: boolean;
  readonly output?: readonly string[];
  readonly interactionResults?: ReadonlyArray<{
    readonly consumer?: string;
    readonly description?: string;
    readonly providerStates?: readonly string[];
    readonly result?: string;
    readonly mismatch?: RawMismatchGroup;
  }>;
}

/** The parsed report. */
export interface ParsedReport {
  readonly ok: boolean;
  readonly interactions: InteractionResult[];
  readonly output: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Parses the verifier's JSON report (what pact-core resolves or rejects with).
 * @example
 * const report = parseReport(jsonText, [token]);
 * report.interactions.filter((i) => !i.ok).map((i) => i.mismatches[0]?.path);
 */
export function parseReport(json: string, secrets: readonly string[]): ParsedReport {
  const clean = (text: string): string => scrub(text.replace(ANSI, ''), secrets);
  let raw: RawReport;
  try {
    raw = JSON.parse(json) as RawReport;
  } catch {
    return { ok: false, interactions: [], output: clean(json) };
  }
  const interactions = (raw.interactionResults ?? []).map((entry): InteractionResult => {
    const mismatches = toMismatches(entry.mismatch, clean);
    return {
      consumer: entry.consumer ?? '',
      description: entry.description ?? '',
      providerStates: entry.providerStates ?? [],
      ok: !entry.mismatch && entry.result !== 'Error',
      mismatches,
    };
  });
  return { ok: raw.result === true, interactions, output: clean((raw.output ?? []).join('\n')) };
}

function toMismatches(group: RawMismatchGroup | undefined, clean: (text: string) => string): PactMismatch[] {
  if (!group) return [];
  if (!group.mismatches) return [{ type: group.type ?? 'error', message: clean(group.message ?? 'the request failed') }];
  return group.mismatches.map((item) => ({
    type: String(item.type ?? 'mismatch'),
    ...(typeof item.path === 'string' ? { path: item.path } : typeof item.key === 'string' ? { path: item.key } : {}),
    ...(item.expected !== undefined ? { expected: parseMaybe(item.expected) } : {}),
    ...(item.actual !== undefined ? { actual: parseMaybe(item.actual) } : {}),
    message: clean(String(item.mismatch ?? item.message ?? '')),
  }));
}

function parseMaybe(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Replaces every occurrence of each secret (and of its base64 basic-auth form) with `***`.
 * @example
 * scrub('token abc', ['abc']); // 'token ***'
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    result = result.split(secret).join('***');
  }
  return result;
}
