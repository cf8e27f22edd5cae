import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeAccountStore } from '../../../test/describe-account-store.js';
import { describeStore } from '../../../test/describe-store.js';
import { createStore, SqliteStore } from '../index.js';
import { migrations } from './sqlite-database.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = { users: 1000, sessions: 10000 };
let files = 0;

describeStore('sqlite :memory:', () => createStore({ db: ':memory:' }));
describeStore('sqlite file', () => createStore({ db: join(dir, `suite-${files++}.db`) }));
describeAccountStore('sqlite :memory:', () => createStore({ db: ':memory:' }));
describeAccountStore('sqlite file', () => createStore({ db: join(dir, `suite-${files++}.db`) }));

describe('sqlite database', () => {
  it('a file is WAL, migrated to the latest user_version, and reopens with its data', async () => {
    const path = join(dir, 'reopen.db');
    const first = new SqliteStore({ path });
    const made = await first.createMeeting('AC', { meetingKey: 'k', hostId: 'h' }, limits);
    if (!made.ok) throw new Error('create');
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    await first.close();
    const again = await createStore({ db: path });
    expect(again.kind).toBe('sqlite');
    expect(again.location).toBe(path);
    expect(await again.getMeeting('AC', 'k')).toMatchObject({ ok: true, meeting: { meetingKey: 'k', hostToken: made.meeting.hostToken } });
    await again.close();
  });

  it('refuses a database from a newer sandbox', async () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    await expect(createStore({ db: path })).rejects.toThrow(/newer/);
  });

  it('a write is committed when its promise resolves: a second connection sees it', async () => {
    const path = join(dir, 'committed.db');
    const store = await createStore({ db: path });
    const reader = new Database(path, { readonly: true });
    await store.createMeeting('AC', { meetingKey: 'seen', hostId: 'h' }, limits);
    expect(reader.prepare('SELECT meeting_key AS k FROM meetings').all()).toEqual([{ k: 'seen' }]);
    reader.close();
    await store.close();
  });
});
