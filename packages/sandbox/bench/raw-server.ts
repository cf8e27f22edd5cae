/**
 * The two baselines of the benches (`speed.bench.ts`, `sandbox.bench.ts`) and of the CPU guard, each run as its own process like the sandbox:
 *
 *   node --import tsx bench/raw-server.ts transport
 *   node --import tsx bench/raw-server.ts sqlite --db FILE
 *
 * Both do the sandbox's transport work per request with the sandbox's own
 * pieces: route by the spec's operation paths, check the content type, read
 * the whole body within `maxBodyBytes()`, check HTTP basic auth against the
 * account (the same registry and constant-time comparison), parse the form,
 * and answer the same JSON shape with the same headers. Then:
 * - `transport` answers from an in-memory Map (so that the bench's checks of
 *   keys, URLs and statuses hold);
 * - `sqlite` runs exactly one prepared better-sqlite3 statement per call on a
 *   SQLite file in WAL mode with the sandbox's schema, pragmas and background
 *   checkpoints: a SELECT for status and URL reads, an INSERT or UPDATE (its own
 *   transaction) for writes. That is the limit of an embedded database: no
 *   validation, no quotas, no second statement (and no group commit either).
 * Prints `listening on <url>`; answers the parent's `report` message (server-report.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { getOperation, lifecycle, maxBodyBytes, operationIds, operationParams } from '@org/liveminutes-spec';
import { createAccountRegistry, DEFAULT_ACCOUNT } from '../src/http/accounts.js';
import { bodyKind, readBody } from '../src/http/body.js';
import { failureResponse, type ApiFailure } from '../src/http/failure.js';
import { sendJson } from '../src/http/json-response.js';
import { entryUrl, meetingUrl } from '../src/operations/urls.js';
import { startCheckpointer } from '../src/store/sqlite/checkpointer.js';
import { openDatabase } from '../src/store/sqlite/sqlite-database.js';
import { newEntryToken, newMeetingCode } from '../src/store/random.js';
import { serveReports } from './server-report.js';

/** What a baseline answers for one call: the success fields, or a failure. */
type Outcome = { readonly ok: true; readonly body: Record<string, string> } | { readonly ok: false; readonly failure: ApiFailure };
/** One operation of a baseline: the account, the request's meeting key and puid (and hostid). */
type Handler = (accountSid: string, ids: { meetingKey: string; puid: string; hostId: string }, publicUrl: string) => Outcome;

const meetingNotFound: Outcome = { ok: false, failure: { error: 'meeting_not_found' } };
const participantNotFound: Outcome = { ok: false, failure: { error: 'participant_not_found' } };
const ok = (body: Record<string, string>): Outcome => ({ ok: true, body });

interface MemoryMeeting {
  readonly code: string;
  readonly status: string;
  readonly participants: Map<string, { token: string; status: string }>;
}

/** The transport baseline's answers, from a Map. */
function memoryHandlers(): Record<string, Handler> {
  const meetings = new Map<string, MemoryMeeting>();
  const find = (sid: string, key: string) => meetings.get(`${sid}\n${key}`);
  return {
    createMeeting(sid, { meetingKey }, publicUrl) {
      const meeting = { code: newMeetingCode(), status: lifecycle('meeting').initial, participants: new Map() };
      meetings.set(`${sid}\n${meetingKey}`, meeting);
      return ok({ meetingKey, meetingUrl: meetingUrl(publicUrl, meeting.code), hostUrl: entryUrl(publicUrl, newEntryToken()) });
    },
    addParticipant(sid, { meetingKey, puid }, publicUrl) {
      const meeting = find(sid, meetingKey);
      if (!meeting) return meetingNotFound;
      const participant = { token: newEntryToken(), status: lifecycle('participant').initial };
      meeting.participants.set(puid, participant);
      return ok({ meetingKey, participantUrl: entryUrl(publicUrl, participant.token) });
    },
    getMeetingStatus(sid, { meetingKey }) {
      const meeting = find(sid, meetingKey);
      return meeting ? ok({ status: meeting.status }) : meetingNotFound;
    },
    getMeetingUrl(sid, { meetingKey }, publicUrl) {
      const meeting = find(sid, meetingKey);
      return meeting ? ok({ meetingUrl: meetingUrl(publicUrl, meeting.code) }) : meetingNotFound;
    },
    getParticipantStatus(sid, { meetingKey, puid }) {
      const participant = find(sid, meetingKey)?.participants.get(puid);
      return participant ? ok({ status: participant.status }) : participantNotFound;
    },
    getParticipantUrl(sid, { meetingKey, puid }, publicUrl) {
      const participant = find(sid, meetingKey)?.participants.get(puid);
      return participant ? ok({ participantUrl: entryUrl(publicUrl, participant.token) }) : participantNotFound;
    },
    cancelMeeting(sid, { meetingKey }) {
      return meetings.delete(`${sid}\n${meetingKey}`) ? ok({ meetingKey }) : meetingNotFound;
    },
    cancelParticipant(sid, { meetingKey, puid }) {
      return find(sid, meetingKey)?.participants.delete(puid) ? ok({ meetingKey }) : participantNotFound;
    },
  };
}

const LIVE_MEETING = `SELECT id FROM meetings WHERE account_sid = @sid AND meeting_key = @meetingKey AND cancelled = 0`;

/** The one-statement baseline's answers: each operation runs one prepared statement. */
function sqliteHandlers(file: string): Record<string, Handler> {
  const db = openDatabase(file);
  // Checkpoints as the sandbox runs them (SqliteStore's default): on a worker thread every 200 ms,
  // not inline on whichever write fills the WAL (an fsync on the request path).
  db.pragma('wal_autocheckpoint = 0');
  startCheckpointer(file, 200, () => db.pragma('wal_autocheckpoint = 1000'));
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, status, created_at, updated_at)
     VALUES (@sid, @meetingKey, @code, @token, @hostId, @status, @now, @now)`,
  );
  const insertParticipant = db.prepare(
    `INSERT INTO participants (meeting_id, puid, token, status, created_at, updated_at)
     SELECT id, @puid, @token, @status, @now, @now FROM meetings WHERE account_sid = @sid AND meeting_key = @meetingKey AND cancelled = 0`,
  );
  const meeting = db.prepare<{ sid: string; meetingKey: string }, { code: string; status: string }>(
    `SELECT code, status FROM meetings WHERE account_sid = @sid AND meeting_key = @meetingKey AND cancelled = 0`,
  );
  const participant = db.prepare<{ sid: string; meetingKey: string; puid: string }, { token: string; status: string }>(
    `SELECT token, status FROM participants WHERE meeting_id = (${LIVE_MEETING}) AND puid = @puid AND cancelled = 0`,
  );
  const cancelMeeting = db.prepare(
    `UPDATE meetings SET cancelled = 1, updated_at = @now WHERE account_sid = @sid AND meeting_key = @meetingKey AND cancelled = 0`,
  );
  const cancelParticipant = db.prepare(
    `UPDATE participants SET cancelled = 1, updated_at = @now WHERE meeting_id = (${LIVE_MEETING}) AND puid = @puid AND cancelled = 0`,
  );
  const now = () => new Date().toISOString();
  return {
    createMeeting(sid, { meetingKey, hostId }, publicUrl) {
      const row = { sid, meetingKey, hostId, token: newEntryToken(), status: lifecycle('meeting').initial, now: now() };
      // A random code can meet an earlier one (6 characters); the sandbox draws again, so does this.
      for (let attempt = 0; ; attempt++) {
        const code = newMeetingCode();
        try {
          insertMeeting.run({ ...row, code });
          return ok({ meetingKey, meetingUrl: meetingUrl(publicUrl, code), hostUrl: entryUrl(publicUrl, row.token) });
        } catch (error) {
          if (attempt > 5 || !String((error as Error).message).includes('meetings.code')) throw error;
        }
      }
    },
    addParticipant(sid, { meetingKey, puid }, publicUrl) {
      const token = newEntryToken();
      const { changes } = insertParticipant.run({ sid, meetingKey, puid, token, status: lifecycle('participant').initial, now: now() });
      return changes === 1 ? ok({ meetingKey, participantUrl: entryUrl(publicUrl, token) }) : meetingNotFound;
    },
    getMeetingStatus(sid, { meetingKey }) {
      const row = meeting.get({ sid, meetingKey });
      return row ? ok({ status: row.status }) : meetingNotFound;
    },
    getMeetingUrl(sid, { meetingKey }, publicUrl) {
      const row = meeting.get({ sid, meetingKey });
      return row ? ok({ meetingUrl: meetingUrl(publicUrl, row.code) }) : meetingNotFound;
    },
    getParticipantStatus(sid, { meetingKey, puid }) {
      const row = participant.get({ sid, meetingKey, puid });
      return row ? ok({ status: row.status }) : participantNotFound;
    },
    getParticipantUrl(sid, { meetingKey, puid }, publicUrl) {
      const row = participant.get({ sid, meetingKey, puid });
      return row ? ok({ participantUrl: entryUrl(publicUrl, row.token) }) : participantNotFound;
    },
    cancelMeeting(sid, { meetingKey }) {
      return cancelMeeting.run({ sid, meetingKey, now: now() }).changes === 1 ? ok({ meetingKey }) : meetingNotFound;
    },
    cancelParticipant(sid, { meetingKey, puid }) {
      return cancelParticipant.run({ sid, meetingKey, puid, now: now() }).changes === 1 ? ok({ meetingKey }) : participantNotFound;
    },
  };
}

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { db: { type: 'string' } } });
  const kind = positionals[0];
  if ((kind !== 'transport' && kind !== 'sqlite') || (kind === 'sqlite' && !values.db)) {
    process.stderr.write('Usage: raw-server.ts transport | raw-server.ts sqlite --db FILE\n');
    process.exit(2);
  }
  const handlers = kind === 'sqlite' ? sqliteHandlers(values.db!) : memoryHandlers();
  // Routes and parameter names from the spec, as the sandbox's own operations read them.
  const routes = new Map(
    operationIds().map((id) => {
      const params = operationParams(id);
      if (!handlers[id]) throw new Error(`No baseline for ${id}`);
      return [getOperation(id).path, { id, handle: handlers[id], meeting: params.meeting?.name, puid: params.participant?.name, host: params.host?.name }];
    }),
  );
  const accounts = createAccountRegistry([DEFAULT_ACCOUNT]);
  const bodyLimit = maxBodyBytes();
  let publicUrl = '';
  const answered = serveReports();
  const fail = (res: Parameters<typeof sendJson>[0], failure: ApiFailure, headers: Record<string, string> = {}) => {
    const answer = failureResponse(failure);
    sendJson(res, answer.status, answer.body, { ...answer.headers, ...headers });
    answered.count++;
  };
  const server = createServer((req, res) => {
    const route = routes.get((req.url ?? '/').split('?', 1)[0]!);
    if (!route) return fail(res, { error: 'not_found' });
    if (req.method !== 'POST') return fail(res, { error: 'method_not_allowed' });
    if (bodyKind(req.headers['content-type']) !== 'form') return fail(res, { error: 'unsupported_media_type' });
    readBody(req, bodyLimit).then(
      (body) => {
        if (body === undefined) return fail(res, { error: 'payload_too_large' }, { connection: 'close' });
        const sid = accounts.authenticate(req.headers.authorization);
        if (sid === undefined) return fail(res, { error: 'auth_failed' });
        const form = new URLSearchParams(body.toString('utf8'));
        const get = (name: string | undefined) => (name === undefined ? '' : (form.get(name) ?? ''));
        const outcome = route.handle(sid, { meetingKey: get(route.meeting), puid: get(route.puid), hostId: get(route.host) }, publicUrl);
        if (!outcome.ok) return fail(res, outcome.failure);
        sendJson(res, 200, { resultcode: 1, ...outcome.body });
        answered.count++;
      },
      () => res.destroy(),
    ).catch(() => fail(res, { error: 'internal_error' }, { connection: 'close' }));
  });
  server.listen(0, '127.0.0.1', () => {
    publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.stdout.write(`raw ${kind} server listening on ${publicUrl}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

main();
