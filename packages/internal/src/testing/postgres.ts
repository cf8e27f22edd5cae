/**
 * A PostgreSQL database of its own for each test file: created on the server
 * named by LIVEMINUTES_TEST_POSTGRES_URL (a role with CREATEDB; `.ci/run` sets it),
 * dropped after the file's tests, so that files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { redactDatabaseUrl } from '../database-url.js';

/** The server the tests use; the default is the role `.ci/run` and the sandbox README create on a local cluster. */
export const ADMIN_URL = process.env.LIVEMINUTES_TEST_POSTGRES_URL ?? 'postgres://liveminutes:lm-test-secret@127.0.0.1:5432/postgres';

/** Runs one statement on the admin connection (the `postgres` database of the test server). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    // No `cause`: pg's error object could carry the connection settings, the password included.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(
      `PostgreSQL is not reachable at ${redactDatabaseUrl(ADMIN_URL)} (${(error as Error).message}): start it and create the test role ` +
        '(see packages/sandbox/README.md, "Running N instances on PostgreSQL"), or set LIVEMINUTES_TEST_POSTGRES_URL',
    );
  }
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A test database. */
export interface TestDatabase {
  readonly name: string;
  /** Its URL, with the test role's password. */
  readonly url: string;
  /** Runs one statement in this database. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/**
 * Creates a database with a unique name, dropped after the calling file's tests.
 * @example
 * const db = await createTestDatabase('quota');
 * await startSandbox({ db: db.url });
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `lm_test_${label.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const database: TestDatabase = {
    name,
    url: url.href,
    async query(text, values = []) {
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop() {
      dropped ??= adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined);
      return dropped;
    },
  };
  afterAll(() => database.drop());
  return database;
}
