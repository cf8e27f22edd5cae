/**
 * Two sandbox processes (the CLI, as deployed) on one PostgreSQL database:
 * quotas hold across them, idempotent calls and lifecycle transitions stay
 * right whichever process answers, entry pages work on either, and kill -9 of
 * one under write load loses no answered write while the other keeps serving.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { basic, call } from './helpers.js';
import { createTestDatabase } from './postgres.js';
import { startCli, type CliProcess } from './process.js';

// Real processes and a real database on a shared, loaded machine: generous limits (nothing here waits on a clock).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const db = await createTestDatabase('processes');
const PUBLIC_URL = 'http://sandbox.example';
const running: CliProcess[] = [];
afterAll(async () => {
  for (const cli of running) cli.child.kill('SIGKILL');
  await Promise.all(running.map((cli) => cli.exited));
});

/** One sandbox process on the test database, with one account of its own test and the same public URL as its twin. */
async function startTwin(account: string, extra: string[] = []): Promise<CliProcess> {
  const cli = await startCli(['--port', '0', '--quiet', '--db', db.url, '--db-pool', '4', '--public-url', PUBLIC_URL, '--account', account, ...extra]);
  running.push(cli);
  return cli;
}

const authOf = (account: string) => basic(account.split(':')[0], account.split(':')[1]);
/** An entry or lobby URL handed out under the shared public URL, fetched from one process. */
const on = (cli: CliProcess, url: string) => `${cli.url}${new URL(url).pathname}`;

describe('two sandbox processes on one PostgreSQL database', () => {
  it('200 concurrent creates split across both never exceed the sessions quota (counted from the rows)', async () => {
    const account = 'ACquota:quota-secret';
    const [a, b] = await Promise.all([startTwin(account, ['--limits', 'users=1000,sessions=50']), startTwin(account, ['--limits', 'users=1000,sessions=50'])]);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(i % 2 ? a! : b!, 'createMeeting', { meetingKey: `q-${i}`, hostid: `h${i % 10}` }, { auth: authOf(account) }),
      ),
    );
    // Every answer is a success or limit_exceeded (anything else, say internal_error, shows here).
    expect(results.filter((r) => r.status !== 200 || (r.body.resultcode !== 1 && r.body.error !== 'limit_exceeded')).map((r) => r.body)).toEqual([]);
    expect(results.filter((r) => r.body.resultcode === 1)).toHaveLength(50);
    expect(results.filter((r) => r.body.error === 'limit_exceeded')).toHaveLength(150);
    // Both processes answered successes: the quota was shared, not per process.
    const answeredBy = new Set(results.flatMap((r, i) => (r.body.resultcode === 1 ? [i % 2] : [])));
    expect(answeredBy).toEqual(new Set([0, 1]));
    expect(await db.query("SELECT count(*)::int AS n FROM meetings WHERE account_sid = 'ACquota' AND NOT cancelled")).toEqual([{ n: 50 }]);
    // The counters equal the rows: which hosts won the 50 sessions depends on the order the two processes got the lock.
    const [rows] = await db.query("SELECT count(*)::int AS sessions, count(DISTINCT host_id)::int AS users FROM meetings WHERE account_sid = 'ACquota' AND NOT cancelled");
    expect(rows).toMatchObject({ sessions: 50 });
    expect(await db.query("SELECT sessions, users FROM account_usage WHERE account_sid = 'ACquota'")).toEqual([rows]);
  });

  it('a repeated create makes one meeting; entry pages and transitions work whichever process serves them', async () => {
    const account = 'ACpages:pages-secret';
    const [a, b] = await Promise.all([startTwin(account), startTwin(account)]);
    const auth = { auth: authOf(account) };
    const creates = await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2 ? a! : b!, 'createMeeting', { meetingKey: 'shared', hostid: 'h' }, auth)));
    expect(creates.every((r) => r.body.resultcode === 1)).toBe(true);
    expect(new Set(creates.map((r) => r.body.hostUrl))).toEqual(new Set([creates[0]!.body.hostUrl]));
    expect(await db.query("SELECT count(*)::int AS n FROM meetings WHERE account_sid = 'ACpages'")).toEqual([{ n: 1 }]);
    const hostUrl = String(creates[0]!.body.hostUrl);
    const adds = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? a! : b!, 'addParticipant', { meetingKey: 'shared', puid: 'p' }, auth)));
    expect(new Set(adds.map((r) => r.body.participantUrl)).size).toBe(1);

    // Twenty concurrent "start" posts over both processes: exactly one applies.
    const starts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(on(i % 2 ? a! : b!, hostUrl), {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'action=start',
        }),
      ),
    );
    expect(starts.map((r) => r.status).sort()).toEqual([303, ...Array<number>(19).fill(409)]);
    // The page and the API of the other process see the new status at once.
    for (const cli of [a!, b!]) {
      const page = await (await fetch(on(cli, hostUrl))).text();
      expect(page).toContain('id="meeting-status" role="status" data-status="8"');
      expect((await call(cli, 'getMeetingStatus', { meetingKey: 'shared' }, auth)).body).toEqual({ resultcode: 1, status: '8' });
    }
    const participantUrl = String(adds[0]!.body.participantUrl);
    const join = await fetch(on(b!, participantUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=join',
    });
    expect(join.status).toBe(303);
    expect((await call(a!, 'getParticipantStatus', { meetingKey: 'shared', puid: 'p' }, auth)).body).toEqual({ resultcode: 1, status: '10' });
    expect((await fetch(on(a!, String(creates[0]!.body.meetingUrl)))).status).toBe(200);
  });

  it('kill -9 of one process under write load loses no answered write, and the other keeps serving', async () => {
    const account = 'ACcrash:crash-secret';
    const [victim, survivor] = await Promise.all([startTwin(account), startTwin(account)]);
    const auth = { auth: authOf(account) };
    const answered: string[] = [];
    let killed = false;
    let reached!: () => void;
    const enough = new Promise<void>((resolve) => (reached = resolve));
    const worker = async (cli: CliProcess, name: string) => {
      for (let i = 0; !killed || cli === survivor; i++) {
        const key = `${name}-${i}`;
        try {
          const made = await call(cli, 'createMeeting', { meetingKey: key, hostid: name }, auth);
          if (made.body.resultcode !== 1) throw new Error(`createMeeting ${key}: ${JSON.stringify(made.body)}`);
          const added = await call(cli, 'addParticipant', { meetingKey: key, puid: 'p' }, auth);
          if (added.body.resultcode !== 1) throw new Error(`addParticipant ${key}: ${JSON.stringify(added.body)}`);
          answered.push(key);
        } catch (error) {
          if (cli === victim && killed) return; // the connection died with the process
          throw error;
        }
        if (answered.length >= 120) reached();
        if (cli === survivor && killed && i % 10 === 9) return;
      }
    };
    const victims = [0, 1, 2, 3].map((w) => worker(victim, `v${w}`));
    const survivors = [0, 1].map((w) => worker(survivor, `s${w}`));
    await enough;
    killed = true;
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    await Promise.all([...victims, ...survivors]);
    // The survivor goes on writing on the same account (the victim's locks died with its connections).
    const after = await call(survivor, 'createMeeting', { meetingKey: 'after-the-kill', hostid: 'h' }, auth);
    expect(after.body.resultcode).toBe(1);
    // Every answered create and add is there, read through the survivor.
    for (const key of answered) {
      expect((await call(survivor, 'getParticipantStatus', { meetingKey: key, puid: 'p' }, auth)).body, key).toEqual({ resultcode: 1, status: '2' });
    }
    expect(answered.filter((key) => key.startsWith('v')).length).toBeGreaterThan(0);
    const n = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM meetings WHERE account_sid = 'ACcrash'"))[0]!.n;
    expect(n).toBeGreaterThanOrEqual(answered.length + 1);
    expect(await db.query("SELECT sessions FROM account_usage WHERE account_sid = 'ACcrash'")).toEqual([{ sessions: n }]);
  });
});
