/**
 * Versioned schema migrations for PostgreSQL, recorded in `liveminutes_schema`.
 * Several sandbox processes may start at once: an advisory lock lets one
 * migrate while the others wait. Append new steps; never edit a released one.
 */
import type pg from 'pg';

/** Keys, ids and tokens compare byte for byte (`COLLATE "C"`): identifiers are opaque and exact. */
export const postgresMigrations: readonly string[] = [
  // 1: meetings, participants, and the counters the quotas read (the same model as SQLite's).
  `
  CREATE TABLE meetings (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_sid   text COLLATE "C" NOT NULL,
    meeting_key   text COLLATE "C" NOT NULL,
    code          text COLLATE "C" NOT NULL UNIQUE,
    host_token    text COLLATE "C" NOT NULL UNIQUE,
    host_id       text COLLATE "C" NOT NULL,
    title         text,
    lang          text,
    description   text,
    time          text,
    duration      text,
    host_nickname text,
    host_email    text,
    status        text NOT NULL,
    cancelled     boolean NOT NULL DEFAULT false,
    created_at    text NOT NULL,
    updated_at    text NOT NULL
  );
  -- No two live meetings share a key in one account; cancelled ones free it.
  CREATE UNIQUE INDEX meetings_live_key ON meetings (account_sid, meeting_key) WHERE NOT cancelled;
  CREATE INDEX meetings_account ON meetings (account_sid, id);

  CREATE TABLE participants (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id  integer NOT NULL REFERENCES meetings (id),
    puid        text COLLATE "C" NOT NULL,
    token       text COLLATE "C" NOT NULL UNIQUE,
    nickname    text,
    email       text,
    status      text NOT NULL,
    cancelled   boolean NOT NULL DEFAULT false,
    created_at  text NOT NULL,
    updated_at  text NOT NULL
  );
  CREATE UNIQUE INDEX participants_live_puid ON participants (meeting_id, puid) WHERE NOT cancelled;
  CREATE INDEX participants_meeting ON participants (meeting_id, id);

  -- How many live roles (host or participant) each user id has, so that a quota
  -- check reads one row instead of counting every meeting.
  CREATE TABLE account_users (
    account_sid text COLLATE "C" NOT NULL,
    user_id     text COLLATE "C" NOT NULL,
    refs        integer NOT NULL CHECK (refs > 0),
    PRIMARY KEY (account_sid, user_id)
  );
  -- One row per account: every write locks it first, so the writes of one
  -- account are serialized across every sandbox process.
  CREATE TABLE account_usage (
    account_sid text COLLATE "C" PRIMARY KEY,
    sessions    integer NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    users       integer NOT NULL DEFAULT 0 CHECK (users >= 0)
  );
  `,
];

// Any fixed number: the advisory lock's key for "migrating the LiveMinutes schema".
const MIGRATION_LOCK = 4_711_014;

/**
 * Applies the migrations the database has not seen, each in its own
 * transaction, and returns the schema version. Refuses a newer schema.
 * @example
 * await migratePostgres(pool); // 1
 */
export async function migratePostgres(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS liveminutes_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM liveminutes_schema');
      const current = rows[0]!.version;
      if (current > postgresMigrations.length) {
        throw new Error(`Database schema version ${current} is newer than this sandbox (${postgresMigrations.length})`);
      }
      for (let version = current; version < postgresMigrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(postgresMigrations[version]!);
          await client.query('INSERT INTO liveminutes_schema (version) VALUES ($1)', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return postgresMigrations.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
