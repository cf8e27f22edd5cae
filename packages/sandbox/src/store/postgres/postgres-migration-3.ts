/**
 * Migration 3 as it was released: the functions lm_create_meeting and lm_add_participant, rendered then from
 * the write scripts of that time (logic/write-scripts.ts). Frozen here as text, so that a later change to a
 * script or to createFunction never edits an applied migration; a changed script gets a new migration.
 * lm_add_participant is no longer called (migration 4: lm_join_meeting).
 */
export const migration3 = `
  CREATE OR REPLACE FUNCTION lm_create_meeting(IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN integer, IN integer, OUT lm_outcome text, OUT lm_id integer)
  LANGUAGE plpgsql AS $function$
  BEGIN
    INSERT INTO account_usage (account_sid) VALUES ($1)
     ON CONFLICT (account_sid) DO UPDATE SET sessions = account_usage.sessions;
    IF NOT EXISTS (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM meetings WHERE account_sid = $1 AND meeting_key = $2 AND cancelled = false)) THEN lm_outcome := 'exists'; RETURN; END IF;
    IF NOT EXISTS (SELECT 1 FROM account_usage WHERE account_sid = $1 AND sessions + 1 <= $15) THEN lm_outcome := 'sessions'; RETURN; END IF;
    IF NOT EXISTS (SELECT 1 FROM account_usage WHERE account_sid = $1 AND (users + 1 <= $16 OR EXISTS (SELECT 1 FROM account_users u WHERE u.account_sid = $1 AND u.user_id = $5))) THEN lm_outcome := 'users'; RETURN; END IF;
    INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, title, lang, description, time,
        duration, host_nickname, host_email, status, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id INTO lm_id;
    UPDATE account_usage SET sessions = sessions + 1, users = users + CASE WHEN EXISTS (SELECT 1 FROM account_users u WHERE u.account_sid = $1 AND u.user_id = $5) THEN 0 ELSE 1 END
        WHERE account_sid = $1;
    INSERT INTO account_users (account_sid, user_id, refs) VALUES ($1, $5, 1)
    ON CONFLICT (account_sid, user_id) DO UPDATE SET refs = account_users.refs + 1;
    lm_outcome := 'ok';
  END
  $function$;
  

  CREATE OR REPLACE FUNCTION lm_add_participant(IN integer, IN text, IN text, IN text, IN text, IN text, IN text, IN text, IN integer, OUT lm_outcome text, OUT lm_id integer)
  LANGUAGE plpgsql AS $function$
  BEGIN
    INSERT INTO account_usage (account_sid) VALUES ($8)
     ON CONFLICT (account_sid) DO UPDATE SET sessions = account_usage.sessions;
    IF NOT EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND cancelled = false) THEN lm_outcome := 'meeting_not_found'; RETURN; END IF;
    IF NOT EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND status NOT IN ('12')) THEN lm_outcome := 'meeting_closed'; RETURN; END IF;
    IF NOT EXISTS (SELECT 1 FROM account_usage WHERE account_sid = $8 AND (users + 1 <= $9 OR EXISTS (SELECT 1 FROM account_users u WHERE u.account_sid = $8 AND u.user_id = $2))) THEN lm_outcome := 'users'; RETURN; END IF;
    INSERT INTO participants (meeting_id, puid, token, nickname, email, status, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id INTO lm_id;
    UPDATE account_usage SET users = users + CASE WHEN EXISTS (SELECT 1 FROM account_users u WHERE u.account_sid = $8 AND u.user_id = $2) THEN 0 ELSE 1 END WHERE account_sid = $8;
    INSERT INTO account_users (account_sid, user_id, refs) VALUES ($8, $2, 1)
    ON CONFLICT (account_sid, user_id) DO UPDATE SET refs = account_users.refs + 1;
    lm_outcome := 'ok';
  END
  $function$;
  `;
