/**
 * A PostgreSQL database of its own for a test file, on the server named by
 * LIVEMINUTES_TEST_POSTGRES_URL (a role with CREATEDB; `.ci/run` sets it),
 * dropped after the file's tests. The sandbox's tests have the same helper.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

const ADMIN_URL = process.env.LIVEMINUTES_TEST_POSTGRES_URL ?? 'postgres://liveminutes:lm-test-secret@127.0.0.1:5432/postgres';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable for the tests (${(error as Error).message}): see packages/sandbox/README.md or set LIVEMINUTES_TEST_POSTGRES_URL`, { cause: error });
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database with a unique name and returns its URL; dropped after the calling file's tests.
 * @example
 * const url = await createTestDatabase('conformance');
 */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `lm_test_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.href;
}
