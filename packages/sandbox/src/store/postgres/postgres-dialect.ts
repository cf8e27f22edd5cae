/**
 * How the store's statements and schema are written for PostgreSQL.
 */
import type { Dialect } from '../logic/steps.js';

/**
 * PostgreSQL's SQL: booleans are booleans; keys, ids and tokens compare byte
 * for byte (`COLLATE "C"`: identifiers are opaque and exact).
 */
export const postgresDialect: Dialect = {
  name: 'postgres',
  false: 'false',
  true: 'true',
  types: {
    id: 'integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
    key: 'text COLLATE "C"',
    text: 'text',
    integer: 'integer',
    boolean: 'boolean',
  },
  keyedTable: '',
  contains: (text, part) => `strpos(${text}, ${part}) > 0`,
};
