/**
 * Versioned schema migrations for PostgreSQL, recorded in `liveminutes_schema`.
 * Several sandbox processes may start at once: an advisory lock lets one
 * migrate while the others wait. Append new steps; never edit a released one.
 */
import type pg from 'pg';
import { createFunction } from './postgres-functions.js';
import { postgresDialect } from './postgres-dialect.js';
import { schemaV1, schemaV2 } from '../logic/schema.js';
import { migration3 } from './postgres-migration-3.js';
import { cancelMeetingWrite, cancelParticipantWrite } from '../logic/cancel-scripts.js';
import { hostActionWrite, participantActionWrite } from '../logic/entry-scripts.js';
import { joinMeetingWrite } from '../logic/write-scripts.js';

/** The migrations, in order. */
export const postgresMigrations: readonly string[] = [
  schemaV1(postgresDialect),
  schemaV2(postgresDialect),
  // 3: createMeeting and addParticipant as functions (frozen text).
  migration3,
  // 4: addParticipant without a read before (lm_join_meeting), the cancels and the entry pages' actions as functions.
  // Rendered from the scripts: when one of them changes, freeze this text as 3 was, and add a step.
  [joinMeetingWrite, cancelMeetingWrite, cancelParticipantWrite, hostActionWrite, participantActionWrite].map(createFunction).join('\n'),
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
