/**
 * The mutation self-test's broken servers behind the observing proxy: the
 * suite's traffic goes through the proxy to a fault-injecting proxy in front of
 * a correct sandbox. The proxy reports each break against the server, under
 * the rule it breaks; in front of a correct server it reports nothing against
 * the server (the suite's deliberate mistakes are the client's).
 */
import { randomBytes } from 'node:crypto';
import { startSandbox } from '@org/liveminutes-sandbox';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/index.js';
import type { Account } from '../../src/types.js';
import { startFaultProxy, type Mutant } from '../support/fault-proxy.js';
import { createMutants } from '../support/mutants.js';
import { observeWhile } from '../support/observe-while.js';
import { createRuleMutants } from '../support/rule-mutants.js';

const primary: Account = { accountSid: `ACobs${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACobs2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const limits = { users: 40, sessions: 20 };
const mutants = new Map([...createMutants({ primary, second }), ...createRuleMutants({ primary, second }, limits)].map((mutant) => [mutant.name, mutant]));

/** Mutant -> the rule the proxy must blame on the server: each break that one exchange or a sequence of them shows. */
const OBSERVABLE: ReadonlyArray<readonly [string, string]> = [
  ['status-number', 'getMeetingStatus.values'],
  ['key-number', 'createMeeting.result'],
  ['missing-hostUrl', 'createMeeting.result'],
  ['500-on-bad-input', 'transport.no-5xx'],
  ['internal-error-on-bad-input', 'transport.no-5xx'],
  ['text-html', 'transport.json-content-type'],
  ['auth-401', 'auth.no-challenge'],
  ['resultcode-string', 'failure.resultcode-zero'],
  ['no-message', 'failure.fields'],
  ['hostid-51-accepted', 'param.user-id-length'],
  ['invalid-date-accepted', 'param.time-calendar'],
  ['duplicates-merged', 'transport.repeated-parameter'],
  ['json-body-accepted', 'transport.form-body'],
  ['missing-header-admitted', 'auth.failure-resultcode'],
  ['cancelled-meeting-answers', 'cancelMeeting.gone'],
  ['cancel-twice-succeeds', 'cancelMeeting.gone'],
  ['cancel-participant-noop', 'cancelParticipant.gone'],
  ['participant-url-differs', 'getParticipantUrl.same-url'],
  ['meeting-url-differs', 'getMeetingUrl.same-url'],
  ['create-not-idempotent', 'createMeeting.idempotent'],
  ['add-not-idempotent', 'addParticipant.idempotent'],
  ['re-add-same-url', 'cancelParticipant.re-add'],
];

async function observeSuite(mutant: Mutant | undefined) {
  const sandbox = await startSandbox({ port: 0, accounts: [primary, second], limits, logger: false });
  const faulty = await startFaultProxy(sandbox.url, mutant);
  try {
    const { report } = await observeWhile(faulty.url, (url) =>
      runConformance({ baseUrl: url, account: primary, secondAccount: second, rate: null, maxRequests: 5000, entryPages: true, limits }),
    );
    return report;
  } finally {
    await faulty.close();
    await sandbox.close();
  }
}

describe('the observing proxy in front of the mutation self-test', () => {
  it('reports nothing against a correct server', { timeout: 300_000 }, async () => {
    const report = await observeSuite(undefined);
    expect(report.findings.filter((finding) => finding.side === 'server').map((finding) => `${finding.rule} ${finding.message}`)).toEqual([]);
    // The suite sends broken requests on purpose: the proxy blames them on the client.
    expect(report.findings.filter((finding) => finding.side === 'client').length).toBeGreaterThan(100);
  });

  it.each(OBSERVABLE)('reports %s against the server as %s', { timeout: 300_000 }, async (name, rule) => {
    const mutant = mutants.get(name);
    expect(mutant, `no mutant ${name}`).toBeDefined();
    const report = await observeSuite(mutant);
    const server = report.findings.filter((finding) => finding.side === 'server');
    expect([...new Set(server.map((finding) => finding.rule))]).toContain(rule);
    expect(report.counts[rule]?.server).toBeGreaterThan(0);
  });
});
