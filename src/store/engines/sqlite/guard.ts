// What `cto sql` may do on SQLite, decided by SQLite's authorizer while it compiles the statement:
// reading tables and views, recursive queries, functions (except loading extensions) and pragmas
// that only report. Everything else, writes, ATTACH, transactions and pragmas that change the file
// or the connection, is refused. better-sqlite3 has no authorizer; node:sqlite (built into Node.js)
// has one, so the query process uses it.

import { constants } from 'node:sqlite';
import { SECRET_COLUMNS } from '../../tables/accounts.ts';

export type GuardCode = 'DB_READ_ONLY' | 'SQL_NOT_ALLOWED';

export interface Refusal {
  code: GuardCode;
  message: string;
}

/** Pragmas that only report, asked without a value: `pragma user_version` (not `= 5`). */
const REPORTING_PRAGMAS = new Set([
  'application_id',
  'auto_vacuum',
  'busy_timeout',
  'cache_size',
  'collation_list',
  'compile_options',
  'data_version',
  'database_list',
  'encoding',
  'foreign_key_check',
  'foreign_keys',
  'freelist_count',
  'function_list',
  'integrity_check',
  'journal_mode',
  'module_list',
  'page_count',
  'page_size',
  'pragma_list',
  'quick_check',
  'schema_version',
  'synchronous',
  'table_list',
  'user_version',
]);

/** Pragmas whose argument names what to report on: `pragma table_info(commits)`. */
const PRAGMAS_WITH_SUBJECT = new Set([
  'foreign_key_check',
  'foreign_key_list',
  'index_info',
  'index_list',
  'index_xinfo',
  'integrity_check',
  'quick_check',
  'table_info',
  'table_list',
  'table_xinfo',
]);

/** Functions refused even though the connection is read-only. */
const REFUSED_FUNCTIONS = new Set(['load_extension', 'fts3_tokenizer']);

const WRITES = new Set<number>([
  constants.SQLITE_CREATE_INDEX,
  constants.SQLITE_CREATE_TABLE,
  constants.SQLITE_CREATE_TEMP_INDEX,
  constants.SQLITE_CREATE_TEMP_TABLE,
  constants.SQLITE_CREATE_TEMP_TRIGGER,
  constants.SQLITE_CREATE_TEMP_VIEW,
  constants.SQLITE_CREATE_TRIGGER,
  constants.SQLITE_CREATE_VIEW,
  constants.SQLITE_DELETE,
  constants.SQLITE_DROP_INDEX,
  constants.SQLITE_DROP_TABLE,
  constants.SQLITE_DROP_TEMP_INDEX,
  constants.SQLITE_DROP_TEMP_TABLE,
  constants.SQLITE_DROP_TEMP_TRIGGER,
  constants.SQLITE_DROP_TEMP_VIEW,
  constants.SQLITE_DROP_TRIGGER,
  constants.SQLITE_DROP_VIEW,
  constants.SQLITE_INSERT,
  constants.SQLITE_UPDATE,
  constants.SQLITE_ALTER_TABLE,
  constants.SQLITE_REINDEX,
  constants.SQLITE_ANALYZE,
  constants.SQLITE_CREATE_VTABLE,
  constants.SQLITE_DROP_VTABLE,
]);

const NAMES: Record<number, string> = {
  [constants.SQLITE_TRANSACTION]: 'transaction control (BEGIN, COMMIT, ROLLBACK)',
  [constants.SQLITE_SAVEPOINT]: 'SAVEPOINT and RELEASE',
  [constants.SQLITE_ATTACH]: 'ATTACH',
  [constants.SQLITE_DETACH]: 'DETACH',
};

/** null when SQLite may go on; the refusal otherwise. Arguments as the authorizer receives them. */
export function authorize(action: number, arg1: string | null, arg2: string | null): Refusal | null {
  switch (action) {
    case constants.SQLITE_READ:
      return arg1 !== null && SECRET_COLUMNS[arg1] === arg2
        ? {
            code: 'SQL_NOT_ALLOWED',
            message: `${arg1}.${arg2} holds credential hashes: cto sql does not read it`,
          }
        : null;
    case constants.SQLITE_SELECT:
    case constants.SQLITE_RECURSIVE:
      return null;
    case constants.SQLITE_FUNCTION:
      return arg2 !== null && REFUSED_FUNCTIONS.has(arg2.toLowerCase())
        ? { code: 'SQL_NOT_ALLOWED', message: `the function ${arg2} is not allowed in cto sql` }
        : null;
    case constants.SQLITE_PRAGMA:
      return pragma((arg1 ?? '').toLowerCase(), arg2);
  }
  if (WRITES.has(action)) return { code: 'DB_READ_ONLY', message: 'refused: cto sql only reads the store' };
  return {
    code: 'SQL_NOT_ALLOWED',
    message: `${NAMES[action] ?? `statement kind ${action}`} is not allowed: cto sql runs one query over the store`,
  };
}

function pragma(name: string, value: string | null): Refusal | null {
  if (value === null ? REPORTING_PRAGMAS.has(name) : PRAGMAS_WITH_SUBJECT.has(name)) return null;
  return {
    code: 'SQL_NOT_ALLOWED',
    message:
      value === null
        ? `PRAGMA ${name} is not allowed: cto sql only runs pragmas that report (table_info, integrity_check, user_version, ...)`
        : `PRAGMA ${name} with a value is not allowed: cto sql only runs pragmas that report, never ones that change the store`,
  };
}
