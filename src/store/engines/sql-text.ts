// What `cto sql` checks in the text itself before a database sees it: there is one statement and it
// is a query. This only makes the messages clear; what the statement may do is decided by the
// database (the reader role on PostgreSQL, the authorizer on SQLite).
import { CtoError } from '../../errors.ts';

/** Statements that only produce rows. */
const QUERY_KEYWORDS = new Set(['select', 'with', 'values', 'table']);

/** Statements that change the store: refused as writes (DB_READ_ONLY) on both engines. */
const WRITE_KEYWORDS = new Set([
  'alter',
  'analyze',
  'cluster',
  'comment',
  'create',
  'delete',
  'drop',
  'grant',
  'insert',
  'merge',
  'refresh',
  'reindex',
  'replace',
  'revoke',
  'truncate',
  'update',
  'upsert',
  'vacuum',
]);

/** The refusal of a statement that writes, from its first keyword; null for anything else. */
export function writeRefusal(keyword: string): CtoError | null {
  return WRITE_KEYWORDS.has(keyword)
    ? new CtoError('DB_READ_ONLY', `${keyword.toUpperCase()} is refused: cto sql only reads the store`)
    : null;
}

/** The text without leading white space, comments and opening parentheses. */
function skipLead(text: string): string {
  let rest = text;
  for (;;) {
    const before = rest;
    rest = rest.replace(/^[\s(]+/, '');
    if (rest.startsWith('--')) {
      const end = rest.indexOf('\n');
      rest = end < 0 ? '' : rest.slice(end + 1);
    } else if (rest.startsWith('/*')) {
      const end = rest.indexOf('*/');
      rest = end < 0 ? '' : rest.slice(end + 2);
    }
    if (rest === before) return rest;
  }
}

/** The first keyword of a statement, lower case ('' when there is none). */
export function firstKeyword(text: string): string {
  return /^[a-z_]+/i.exec(skipLead(text))?.[0].toLowerCase() ?? '';
}

/**
 * The query to run: one SELECT, WITH, VALUES or TABLE statement, without trailing semicolons.
 * Anything else is refused with SQL_NOT_ALLOWED (no statement at all is a USAGE error).
 */
export function queryStatement(text: string): string {
  const keyword = firstKeyword(text);
  if (keyword === '') throw new CtoError('USAGE', 'no SQL statement was given');
  const write = writeRefusal(keyword);
  if (write) throw write;
  if (!QUERY_KEYWORDS.has(keyword)) {
    throw new CtoError(
      'SQL_NOT_ALLOWED',
      `${keyword.toUpperCase()} is not allowed: cto sql runs one query (SELECT, WITH, VALUES or TABLE) over the store`,
    );
  }
  return text.replace(/[\s;]+$/, '');
}

/** True when `tail` (what follows a statement) holds only white space, semicolons and comments. */
export function isEmptyTail(tail: string): boolean {
  return /^(\s|;|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*$/.test(tail);
}
