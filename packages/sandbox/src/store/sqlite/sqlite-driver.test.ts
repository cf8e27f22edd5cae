import { describe, expect, it } from 'vitest';
import { SqliteDriver } from './sqlite-driver.js';
import { all, count, one, statement, type Logic } from '../logic/steps.js';

const insert = statement<[code: string, token: string]>(
  'test_insert',
  () => `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, status, created_at, updated_at)
         VALUES ('AC', $2, $1, $2, 'h', '1', 'now', 'now')`,
);
const codes = statement<[], { code: string }>('test_codes', () => `SELECT code FROM meetings ORDER BY id`);
const flags = statement<[flag: boolean, text: string], { flag: number; text: string }>('test_flags', (d) => `SELECT $1 AS flag, $2 AS text WHERE ${d.true}`);

describe('SQLite driver', () => {
  it('runs a write again from the start when it breaks a UNIQUE constraint, and keeps only the run that succeeded', async () => {
    const driver = new SqliteDriver({ path: ':memory:' });
    await driver.write(() => count(insert, 'TAKEN', 'first'));
    const tried: string[] = [];
    function* drawCode(): Logic<string> {
      const code = tried.length < 2 ? 'TAKEN' : 'FREE';
      tried.push(code);
      yield* count(insert, code, `t${tried.length}`);
      return code;
    }
    expect(await driver.write(drawCode)).toBe('FREE');
    expect(tried).toEqual(['TAKEN', 'TAKEN', 'FREE']);
    expect(await driver.read(all(codes))).toEqual([{ code: 'TAKEN' }, { code: 'FREE' }]);
    await driver.close();
  });

  it('gives up after a few attempts and rejects with the database error', async () => {
    const driver = new SqliteDriver({ path: ':memory:' });
    await driver.write(() => count(insert, 'TAKEN', 'first'));
    let attempts = 0;
    const always = function* (): Logic<number> {
      attempts++;
      return yield* count(insert, 'TAKEN', `t${attempts}`);
    };
    await expect(driver.write(always)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(attempts).toBeGreaterThan(1);
    await driver.close();
  });

  it('renders $n in order of appearance and binds booleans as 1 and 0', async () => {
    const driver = new SqliteDriver({ path: ':memory:' });
    expect(await driver.read(one(flags, true, 'x'))).toEqual({ flag: 1, text: 'x' });
    expect(await driver.read(one(flags, false, 'y'))).toEqual({ flag: 0, text: 'y' });
    await driver.close();
  });
});
