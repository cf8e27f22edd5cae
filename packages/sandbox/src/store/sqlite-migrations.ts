/**
 * Versioned schema migrations, applied in order and recorded in SQLite's
 * `user_version`. Append new steps; never edit a released one.
 */
export const migrations: readonly string[] = [
  // 1: meetings, participants, and the counters the quotas read.
  `
  CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY,
    account_sid   TEXT NOT NULL,
    meeting_key   TEXT NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    host_token    TEXT NOT NULL UNIQUE,
    host_id       TEXT NOT NULL,
    title         TEXT,
    lang          TEXT,
    description   TEXT,
    time          TEXT,
    duration      TEXT,
    host_nickname TEXT,
    host_email    TEXT,
    status        TEXT NOT NULL,
    cancelled     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  );
  -- No two live meetings share a key in one account; cancelled ones free it.
  CREATE UNIQUE INDEX meetings_live_key ON meetings (account_sid, meeting_key) WHERE cancelled = 0;
  CREATE INDEX meetings_account ON meetings (account_sid, id);

  CREATE TABLE participants (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    puid        TEXT NOT NULL,
    token       TEXT NOT NULL UNIQUE,
    nickname    TEXT,
    email       TEXT,
    status      TEXT NOT NULL,
    cancelled   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE UNIQUE INDEX participants_live_puid ON participants (meeting_id, puid) WHERE cancelled = 0;
  CREATE INDEX participants_meeting ON participants (meeting_id, id);

  -- How many live meetings and live roles (host or participant) each user id has,
  -- so that a quota check reads one row instead of counting every meeting.
  CREATE TABLE account_users (
    account_sid TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    refs        INTEGER NOT NULL CHECK (refs > 0),
    PRIMARY KEY (account_sid, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE account_usage (
    account_sid TEXT PRIMARY KEY,
    sessions    INTEGER NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    users       INTEGER NOT NULL DEFAULT 0 CHECK (users >= 0)
  ) WITHOUT ROWID;
  `,
];
