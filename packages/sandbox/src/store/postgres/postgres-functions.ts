/**
 * The write scripts (logic/write-scripts.ts) as PostgreSQL functions, created
 * by a migration from the same statements SQLite runs: one call, one round
 * trip, one implicit transaction. Inside a function each statement reads what
 * committed before it (READ COMMITTED takes a snapshot per statement), so the
 * checks that follow the lock of the account's row see every earlier write of
 * that account, in whichever process.
 */
import { postgresDialect } from './postgres-dialect.js';
import type { Statement } from '../logic/steps.js';

const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * `CREATE OR REPLACE FUNCTION lm_<name>(...)` for a write script, with OUT values `lm_outcome` and `lm_id`.
 * @example
 * createFunction(createMeetingWrite); // 'CREATE OR REPLACE FUNCTION lm_create_meeting(text, ...) ...'
 */
export function createFunction(statement: Statement): string {
  const { script } = statement;
  if (!script) throw new Error(`${statement.name} is not a write script`);
  const body = script.steps.map((step) => {
    const text = step.text(postgresDialect).trim();
    if (step.guard !== undefined) return `IF NOT EXISTS (${text}) THEN lm_outcome := ${literal(step.guard)}; RETURN; END IF;`;
    if (step.returns !== undefined) {
      return `lm_rows := lm_rows || jsonb_build_object(${literal(step.returns)}, (SELECT to_jsonb(r) FROM (${text}) r));`;
    }
    if (step.returnsId) return `${text} INTO lm_id;`;
    return `${text};`;
  });
  const params = script.paramTypes.map((type) => `IN ${type}`);
  // The rows of `returns` steps, by name (only a script that has such steps answers them).
  const returnsRows = script.steps.some((step) => step.returns !== undefined);
  const rowsOut = returnsRows ? ', OUT lm_rows jsonb' : '';
  return `
  CREATE OR REPLACE FUNCTION lm_${statement.name}(${params.join(', ')}, OUT lm_outcome text, OUT lm_id integer${rowsOut})
  LANGUAGE plpgsql AS $function$
  BEGIN
    ${(returnsRows ? ["lm_rows := '{}'::jsonb;", ...body] : body).join('\n    ')}
    lm_outcome := 'ok';
  END
  $function$;
  `;
}
