/**
 * runConformance: resolves the target (a URL or the embedded sandbox), runs
 * the selected checks one after the other within the request budget, cancels
 * what they created, and returns the report. A failed check is data in the
 * report; only "could not run at all" (bad options, no server) throws.
 */
import { failureCodes, loadSpec, operationIds } from '@org/liveminutes-spec';
import packageJson from '../../package.json' with { type: 'json' };
import { allChecks } from '../checks/index.js';
import { Api } from '../http/api.js';
import { BudgetExhaustedError, RequestGate, RunAbortedError } from '../http/gate.js';
import { Transport, TransportError, type HttpResponse } from '../http/raw-http.js';
import type { AbortInfo, Capability, Check, CheckResult, ConformanceReport, RunListener, RunPlan } from '../types.js';
import { cancelTracked, type CleanupResult } from './cleanup.js';
import { CheckContext, CheckFailure, CheckSkipped, type CheckScope, type RunState } from './context.js';
import { startEmbedded, type EmbeddedTarget } from './embedded.js';
import { ConformanceError } from './errors.js';
import { exchangesOf } from './exchanges.js';
import { IdFactory } from './ids.js';
import { checkCredentials, preflight, probeLiveness } from './preflight.js';
import { resolveOptions, type ConformanceOptions } from './options.js';
import { createAccountRedactor } from '@org/liveminutes-internal';
import { selectChecks } from './select.js';
import { summarize } from './summary.js';
import { TrackedApi, type TrackedServer } from './tracked-api.js';
import { TrafficReview } from './traffic-review.js';
import { MeetingTracker } from './tracker.js';

/**
 * Runs the conformance suite and returns its report.
 * @example
 * import { runConformance } from '@org/liveminutes-conformance';
 * const report = await runConformance(); // against the embedded sandbox
 * console.log(report.summary, report.ok);
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const resolved = resolveOptions(options);
  const checks = selectChecks(allChecks(), resolved.only, resolved.skip);
  const listeners: readonly RunListener[] = options.listeners ?? [];
  const startedAt = new Date();
  let embedded: EmbeddedTarget | undefined;
  if (!resolved.baseUrl) embedded = await startEmbedded();
  const baseUrl = (resolved.baseUrl ?? embedded?.baseUrl) as string;
  const account = resolved.account ?? embedded?.account;
  if (!account) throw new ConformanceError('usage', 'no account');
  const secondAccount = resolved.secondAccount ?? embedded?.secondAccount;
  const redact = createAccountRedactor([account, secondAccount, embedded?.quota.account]);

  const servers: TrackedServer[] = [];
  const gate = new RequestGate({
    maxRequests: resolved.maxRequests,
    rate: resolved.rate,
    signal: options.signal,
    reserved: () => servers.reduce((sum, server) => sum + server.tracker.size, 0),
  });
  const traffic: HttpResponse[] = [];
  const review = new TrafficReview();
  let unanswered = 0;
  let resent = 0;
  const addServer = (url: string, owner: typeof account): TrackedServer => {
    const transport = new Transport({ baseUrl: url, gate, timeoutMs: resolved.timeoutMs, onResponse: (response, request) => {
        traffic.push(response);
        review.record(response, request);
      }, onError: () => (unanswered += 1), onResend: () => (resent += 1) });
    const server = { api: new Api(transport, owner), tracker: new MeetingTracker() };
    servers.push(server);
    return server;
  };
  const main = addServer(baseUrl, account);
  const { api } = main;
  // Against a URL with declared quotas, the second account is filled up: it holds nothing between checks.
  const quota = embedded
    ? { server: addServer(embedded.quota.baseUrl, embedded.quota.account), limits: embedded.quota.limits }
    : resolved.limits && secondAccount
      ? { server: addServer(baseUrl, secondAccount), limits: resolved.limits }
      : undefined;
  const capabilities = new Set<Capability>();
  if (secondAccount) capabilities.add('second-account');
  if (quota) capabilities.add('small-quota');
  if (embedded || resolved.entryPages) capabilities.add('entry-pages');
  const state: RunState = { ids: new IdFactory(resolved.prefix), second: secondAccount, capabilities, traffic, review, memos: new Map() };
  // Each check calls through its own tracked APIs: what it creates is recorded under its id.
  const scopeOf = (owner: string): CheckScope => ({
    api: new TrackedApi(main, owner),
    quota: quota && { api: new TrackedApi(quota.server, owner), limits: quota.limits },
  });

  const plan: RunPlan = { baseUrl, embedded: Boolean(embedded), prefix: resolved.prefix, checks, maxRequests: resolved.maxRequests, rate: resolved.rate, strict: resolved.strict };
  const results: CheckResult[] = [];
  const cleanup: CleanupResult = { cancelled: 0, leftover: [] };
  let aborted: AbortInfo | undefined;
  try {
    for (const listener of listeners) listener.onStart?.(plan);
    await preflight(api, resolved.prefix);
    await checkCredentials(api, resolved.prefix, account, resolved.baseUrl ? '--account-sid/--auth-token' : 'the embedded account');
    if (secondAccount) await checkCredentials(api, resolved.prefix, secondAccount, '--second-account');
    for (const check of checks) {
      for (const listener of listeners) listener.onCheckStart?.(check);
      const unansweredBefore = unanswered;
      const outcome = aborted ? { result: skipped(check, `not run: ${aborted.message}`) } : await runCheck(check, new CheckContext(state, scopeOf(check.id)), gate, state);
      const result = outcome.result;
      if (!aborted) aborted = abortReason(outcome, options.signal);
      // A request without an answer: is the server still there? If not, the run ends here, naming the check.
      if (!aborted && unanswered > unansweredBefore) aborted = await lostServer(api, resolved.prefix, `during ${check.id}`);
      if (aborted?.reason !== 'connection') for (const server of servers) await cancelTracked(server.api, server.tracker, check.id, cleanup);
      const clean = redactResult(result, redact);
      results.push(clean);
      for (const listener of listeners) listener.onCheckEnd?.(clean);
    }
    // The last check may have been answered by a server that died right after: one more request tells.
    const last = checks.at(-1);
    if (!aborted && last) aborted = await lostServer(api, resolved.prefix, `after the last check (${last.id})`);
  } finally {
    for (const { api: target, tracker } of servers) {
      if (aborted?.reason === 'connection') cleanup.leftover.push(...tracker.list().filter((meeting) => meeting.confirmed).map((meeting) => meeting.meetingKey));
      else await cancelTracked(target, tracker, undefined, cleanup);
    }
    for (const server of servers) server.api.transport.close();
    await embedded?.close();
  }
  const summary = summarize(results);
  const report: ConformanceReport = {
    tool: { name: packageJson.name, version: packageJson.version },
    specVersion: loadSpec().info.version,
    target: { baseUrl, embedded: Boolean(embedded), secondAccount: Boolean(secondAccount) },
    prefix: resolved.prefix,
    strict: resolved.strict,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    requests: { sent: gate.sent, max: resolved.maxRequests, rate: resolved.rate, resent },
    checks: results,
    summary,
    documentedFailures: operationIds().flatMap((operation) =>
      failureCodes(operation).map((error) => ({
        operation,
        error,
        provoked: review.provoked(operation, error),
      })),
    ),
    cleanup: { cancelled: cleanup.cancelled, leftover: cleanup.leftover.map(redact) },
    ...(aborted ? { aborted: { reason: aborted.reason, message: redact(aborted.message) } } : {}),
    ok: !aborted && summary.mustFailed === 0 && (!resolved.strict || summary.shouldFailed === 0),
  };
  for (const listener of listeners) listener.onEnd?.(report);
  return report;
}

/** The abort of a run whose server no longer answers, or undefined while it does. */
async function lostServer(api: Api, prefix: string, when: string): Promise<AbortInfo | undefined> {
  const lost = await probeLiveness(api, prefix);
  return lost === undefined ? undefined : { reason: 'connection', message: `the server stopped answering ${when}: ${lost}` };
}

/** How a user gives the run what a skipped check needs. */
const CAPABILITY_HINTS: Readonly<Record<Capability, string>> = {
  'second-account': '--second-account',
  'small-quota': '--limits users=N,sessions=M with --second-account (the embedded run has a small-quota sandbox)',
  'entry-pages': '--entry-pages (a server with the sandbox entry pages)',
};

/** A check's result, and what stopped the run if something did. */
interface CheckOutcome {
  readonly result: CheckResult;
  readonly budget?: string;
}

async function runCheck(check: Check, context: CheckContext, gate: RequestGate, state: RunState): Promise<CheckOutcome> {
  const missing = check.needs.filter((need) => !context.has(need));
  if (missing.length > 0) return { result: skipped(check, `needs ${missing.map((need) => CAPABILITY_HINTS[need]).join(' and ')}`) };
  const started = Date.now();
  const sentBefore = gate.sent;
  const trafficBefore = state.traffic.length;
  const finish = (status: CheckResult['status'], message?: string): CheckResult => ({
    id: check.id,
    title: check.title,
    level: check.level,
    rule: check.rule,
    status,
    ...(message === undefined ? {} : { message }),
    findings: status === 'failed' ? (context.findings.length > 0 ? [...context.findings] : [message ?? 'failed']) : [],
    ...(status === 'failed' ? { exchanges: exchangesOf(state.traffic.slice(trafficBefore)) } : {}),
    durationMs: Date.now() - started,
    requests: gate.sent - sentBefore,
  });
  try {
    await check.run(context);
    return { result: context.findings.length > 0 ? finish('failed', context.findings[0]) : finish('passed') };
  } catch (error) {
    if (error instanceof CheckSkipped) return { result: finish('skipped', error.message) };
    if (error instanceof CheckFailure) return { result: finish('failed', context.findings[0] ?? error.message) };
    if (error instanceof BudgetExhaustedError) return { result: finish('skipped', error.message), budget: error.message };
    if (error instanceof RunAbortedError) return { result: finish('skipped', error.message) };
    if (error instanceof TransportError) {
      context.findings.push(`no answer: ${error.message}`);
      return { result: finish('failed', context.findings[0]) };
    }
    const message = `the check crashed: ${error instanceof Error ? error.message : String(error)}`;
    context.findings.push(message);
    return { result: finish('failed', message) };
  }
}

function skipped(check: Check, message: string): CheckResult {
  return { id: check.id, title: check.title, level: check.level, rule: check.rule, status: 'skipped', message, findings: [], durationMs: 0, requests: 0 };
}

/** Whether this outcome stops the run: interrupt or budget (a server that went away is probed for after the check). */
function abortReason(outcome: CheckOutcome, signal: AbortSignal | undefined): AbortInfo | undefined {
  if (signal?.aborted) return { reason: 'interrupted', message: 'the run was interrupted' };
  if (outcome.budget) return { reason: 'budget', message: outcome.budget };
  return undefined;
}

function redactResult(result: CheckResult, redact: (text: string) => string): CheckResult {
  return {
    ...result,
    ...(result.message === undefined ? {} : { message: redact(result.message) }),
    findings: result.findings.map(redact),
    ...(result.exchanges ? { exchanges: result.exchanges.map((exchange) => ({ ...exchange, request: redact(exchange.request), answer: redact(exchange.answer) })) } : {}),
  };
}
