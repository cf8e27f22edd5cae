/**
 * The store's schema, written once and rendered per dialect: the first
 * migration of each back end (sqlite/sqlite-database.ts, postgres/postgres-migrations.ts).
 * Released migrations never change what they create.
 */
import type { Dialect } from './steps.js';

/**
 * Migration 1: meetings, participants, and the counters the quotas read.
 * @example
 * db.exec(schemaV1(sqliteDialect));
 */
export function schemaV1(d: Dialect): string {
  const { id, key, text, integer, boolean } = d.types;
  return `
  CREATE TABLE meetings (
    id            ${id},
    account_sid   ${key} NOT NULL,
    meeting_key   ${key} NOT NULL,
    code          ${key} NOT NULL UNIQUE,
    host_token    ${key} NOT NULL UNIQUE,
    host_id       ${key} NOT NULL,
    title         ${text},
    lang          ${text},
    description   ${text},
    time          ${text},
    duration      ${text},
    host_nickname ${text},
    host_email    ${text},
    status        ${text} NOT NULL,
    cancelled     ${boolean} NOT NULL DEFAULT ${d.false},
    created_at    ${text} NOT NULL,
    updated_at    ${text} NOT NULL
  );
  -- No two live meetings share a key in one account; cancelled ones free it.
  CREATE UNIQUE INDEX meetings_live_key ON meetings (account_sid, meeting_key) WHERE cancelled = ${d.false};
  CREATE INDEX meetings_account ON meetings (account_sid, id);

  CREATE TABLE participants (
    id          ${id},
    meeting_id  ${integer} NOT NULL REFERENCES meetings (id),
    puid        ${key} NOT NULL,
    token       ${key} NOT NULL UNIQUE,
    nickname    ${text},
    email       ${text},
    status      ${text} NOT NULL,
    cancelled   ${boolean} NOT NULL DEFAULT ${d.false},
    created_at  ${text} NOT NULL,
    updated_at  ${text} NOT NULL
  );
  CREATE UNIQUE INDEX participants_live_puid ON participants (meeting_id, puid) WHERE cancelled = ${d.false};
  CREATE INDEX participants_meeting ON participants (meeting_id, id);

  -- How many live roles (host or participant) each user id has, so that a quota
  -- check reads one row instead of counting every meeting.
  CREATE TABLE account_users (
    account_sid ${key} NOT NULL,
    user_id     ${key} NOT NULL,
    refs        ${integer} NOT NULL CHECK (refs > 0),
    PRIMARY KEY (account_sid, user_id)
  )${d.keyedTable};
  -- One row per account: every write locks it first, so the writes of one
  -- account are serialized across every sandbox process.
  CREATE TABLE account_usage (
    account_sid ${key} PRIMARY KEY,
    sessions    ${integer} NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    users       ${integer} NOT NULL DEFAULT 0 CHECK (users >= 0)
  )${d.keyedTable};
  `;
}

/**
 * Migration 2: the accounts the control API creates, so that every sandbox
 * process on one database knows them (the AuthToken only as its SHA-256 digest).
 * @example
 * db.exec(schemaV2(sqliteDialect));
 */
export function schemaV2(d: Dialect): string {
  const { key, text, integer } = d.types;
  return `
  CREATE TABLE accounts (
    account_sid  ${key} PRIMARY KEY,
    token_digest ${text} NOT NULL,
    users        ${integer} NOT NULL CHECK (users > 0),
    sessions     ${integer} NOT NULL CHECK (sessions > 0),
    created_at   ${text} NOT NULL
  )${d.keyedTable};
  `;
}
