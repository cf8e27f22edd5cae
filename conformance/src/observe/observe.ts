/**
 * observe: runs the observing proxy in front of a target until it is told to
 * stop (an abort signal, a duration, a number of exchanges), judges every
 * exchange both ways as it happens (the pure traffic checks, then the rules
 * that take several exchanges), and returns a report the run's reporters can
 * write, with every finding, who is at fault and per-rule counts.
 */
import { failureCodes, getRule, loadSpec, operationIds, type RuleLevel } from '@org/liveminutes-spec';
import packageJson from '../../package.json' with { type: 'json' };
import { summarize } from '../run/summary.js';
import { checkExchange, judgeOf } from '../traffic/check-exchange.js';
import type { Finding, Side, TrafficExchange } from '../traffic/exchange.js';
import type { CheckResult, ConformanceReport, RunListener } from '../types.js';
import { formatHar, type Recorded } from './har.js';
import { Masker } from './mask.js';
import { startProxy } from './proxy.js';
import { StatefulJudge } from './stateful-checks.js';

/** How to observe. */
export interface ObserveOptions {
  /** The server the proxy forwards to. */
  readonly target: string;
  /** The proxy's port (0: any free one). */
  readonly port?: number;
  readonly host?: string;
  /** Stop after this long. */
  readonly durationMs?: number;
  /** Stop after this many exchanges. */
  readonly maxExchanges?: number;
  /** Stop when aborted (SIGINT, SIGTERM). */
  readonly signal?: AbortSignal;
  /** Keep the exchanges for `har()`. */
  readonly record?: boolean;
  /** Told the proxy's URL once it listens. */
  readonly onListening?: (url: string) => void;
  /** Told each finding as it happens, masked. */
  readonly onFinding?: (finding: ReportedFinding) => void;
  /** Told what went wrong inside the proxy (the proxy goes on). */
  readonly onError?: (error: Error) => void;
  /** Reporters: their `onEnd` gets the report. */
  readonly listeners?: readonly RunListener[];
}

/** A finding, masked, with the exchange it is about. */
export interface ReportedFinding extends Finding {
  /** The exchange's number in the observation (from 1), its request line and its answer's status (0: none). */
  readonly exchange: { readonly index: number; readonly request: string; readonly status: number };
}

/** The findings of one rule, by side. */
export interface RuleCount {
  readonly level: RuleLevel;
  readonly client: number;
  readonly server: number;
}

/** A run report (every reporter reads it) with the observation's findings. */
export interface ObserveReport extends ConformanceReport {
  readonly mode: 'observe';
  /** Exchanges the proxy forwarded. */
  readonly exchanges: number;
  readonly findings: readonly ReportedFinding[];
  /** Rule id -> its findings by side. */
  readonly counts: Readonly<Record<string, RuleCount>>;
  /** Why the observation ended. */
  readonly stoppedBy: 'signal' | 'duration' | 'max-exchanges';
}

/** What `observe` returns. */
export interface Observation {
  readonly report: ObserveReport;
  /** The exchanges as masked HAR 1.2 (with `record`). */
  har(): string;
}

/** One line per finding: `client MUST transport.post-path (request.method) GET /createMeeting: ...`. */
export function findingLine(finding: ReportedFinding): string {
  return `${finding.side.padEnd(6)} ${finding.level.padEnd(6)} ${finding.rule} (${finding.check}) #${finding.exchange.index} ${finding.message}`;
}

/**
 * Observes until stopped and returns the report.
 * @example
 * const { report } = await observe({ target: 'http://127.0.0.1:4010', port: 4011, maxExchanges: 100 });
 * report.counts['transport.post-path']; // { level: 'MUST', client: 1, server: 0 }
 */
export async function observe(options: ObserveOptions): Promise<Observation> {
  const startedAt = new Date();
  const mask = new Masker();
  const judge = new StatefulJudge();
  const findings: ReportedFinding[] = [];
  const recorded: Recorded[] = [];
  const failuresSeen = new Map<string, number>();
  let exchanges = 0;
  let stop: (reason: ObserveReport['stoppedBy']) => void = () => undefined;
  const stopped = new Promise<ObserveReport['stoppedBy']>((resolve) => (stop = resolve));

  const onExchange = (exchange: TrafficExchange, at: Date, durationMs: number): void => {
    exchanges += 1;
    const index = exchanges;
    mask.learn(exchange.request.headers.authorization);
    if (options.record) recorded.push({ exchange, startedAt: at, durationMs });
    const judged = judgeOf(exchange);
    const { read, json } = judged;
    if (read.reachesOperation && json?.resultcode === 0 && typeof json.error === 'string') {
      const key = `${read.operation}\u0000${json.error}`;
      failuresSeen.set(key, (failuresSeen.get(key) ?? 0) + 1);
    }
    const request = mask.text(`${exchange.request.method} ${exchange.request.target}`);
    for (const finding of [...checkExchange(exchange, {}, judged), ...judge.judge(exchange, judged)]) {
      const reported: ReportedFinding = { ...finding, message: mask.text(finding.message), exchange: { index, request, status: exchange.answer?.status ?? 0 } };
      findings.push(reported);
      options.onFinding?.(reported);
    }
    if (options.maxExchanges !== undefined && exchanges >= options.maxExchanges) stop('max-exchanges');
  };

  const proxy = await startProxy({ target: options.target, port: options.port, host: options.host, onExchange, onError: options.onError });
  const timer = options.durationMs === undefined ? undefined : setTimeout(() => stop('duration'), options.durationMs);
  const onAbort = (): void => stop('signal');
  if (options.signal?.aborted) stop('signal');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  options.onListening?.(proxy.url);
  const stoppedBy = await stopped;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  await proxy.close();

  const report = buildReport({ target: options.target, startedAt, exchanges, findings, failuresSeen, stoppedBy });
  for (const listener of options.listeners ?? []) listener.onEnd?.(report);
  return { report, har: () => formatHar(recorded, proxy.url, mask) };
}

interface ReportParts {
  readonly target: string;
  readonly startedAt: Date;
  readonly exchanges: number;
  readonly findings: readonly ReportedFinding[];
  readonly failuresSeen: ReadonlyMap<string, number>;
  readonly stoppedBy: ObserveReport['stoppedBy'];
}

/** One result per (check, rule, side) that found something: what every reporter lists. */
function resultsOf(findings: readonly ReportedFinding[]): CheckResult[] {
  const groups = new Map<string, ReportedFinding[]>();
  for (const finding of findings) {
    const key = `${finding.check}\u0000${finding.rule}\u0000${finding.side}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ReportedFinding;
    const side: Side = first.side;
    return {
      id: first.check,
      title: `${first.level} ${side === 'client' ? 'the application' : 'the server'}: ${getRule(first.rule).title}`,
      level: first.level,
      rule: first.rule,
      status: 'failed',
      message: first.message,
      findings: [...new Set(group.map((finding) => finding.message))].slice(0, 100),
      durationMs: 0,
      requests: group.length,
    };
  });
}

function buildReport(parts: ReportParts): ObserveReport {
  const checks = resultsOf(parts.findings);
  const counts: Record<string, RuleCount> = {};
  for (const finding of parts.findings) {
    const count = counts[finding.rule] ?? { level: finding.level, client: 0, server: 0 };
    counts[finding.rule] = { ...count, [finding.side]: count[finding.side] + 1 };
  }
  const summary = summarize(checks);
  return {
    tool: { name: packageJson.name, version: packageJson.version },
    specVersion: loadSpec().info.version,
    target: { baseUrl: parts.target, embedded: false, secondAccount: false },
    prefix: '',
    strict: false,
    startedAt: parts.startedAt.toISOString(),
    durationMs: Date.now() - parts.startedAt.getTime(),
    requests: { sent: parts.exchanges, max: 0, rate: null, resent: 0 },
    checks,
    summary,
    documentedFailures: operationIds().flatMap((operation) =>
      failureCodes(operation).map((error) => ({ operation, error, provoked: parts.failuresSeen.get(`${operation}\u0000${error}`) ?? 0 })),
    ),
    cleanup: { cancelled: 0, leftover: [] },
    ok: !parts.findings.some((finding) => finding.level === 'MUST'),
    mode: 'observe',
    exchanges: parts.exchanges,
    findings: parts.findings,
    counts,
    stoppedBy: parts.stoppedBy,
  };
}
