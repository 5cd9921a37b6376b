// A damaged SQLite store: recognised from the error SQLite gives when opening or reading it, then
// checked with `pragma quick_check` so that the message says what is wrong and how to recover.
import SqliteDatabase from 'better-sqlite3';
import { CtoError } from '../../../errors.ts';

/** SQLite result codes of a damaged file (primary codes, and better-sqlite3's names for them). */
const DAMAGE_CODES = new Set([11, 26]);

export function isDamage(e: unknown): boolean {
  const err = e as { code?: unknown; sqliteCode?: unknown };
  if (typeof err?.code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(err.code)) return true;
  return typeof err?.sqliteCode === 'number' && DAMAGE_CODES.has(err.sqliteCode);
}

/** What `pragma quick_check` says about the file: its first problems, or why it cannot run. */
function quickCheck(path: string): string {
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    // One row per problem, or one row of several lines headed `*** in database main ***`.
    const problems = rows
      .flatMap((r) => r.quick_check.split('\n'))
      .filter((line) => line !== 'ok' && line.trim() !== '' && !line.startsWith('***'));
    if (problems.length === 0) return 'quick_check finds the file sound, but reading it failed';
    const more = problems.length > 3 ? ` and ${problems.length - 3} more problems` : '';
    return `quick_check: ${problems.slice(0, 3).join('; ')}${more}`;
  } catch (e) {
    return `quick_check cannot run: ${(e as Error).message}`;
  } finally {
    db?.close();
  }
}

/** The one error a damaged store gives: what is wrong and how to recover. */
export function damagedStoreError(path: string, cause: unknown): CtoError {
  return new CtoError(
    'STORE_DAMAGED',
    `the store ${path} is damaged (${quickCheck(path)}). It holds only what cto read from the repositories ` +
      `and the feeds: move it away (mv ${path} ${path}.damaged), then run cto scan again and re-load the feeds ` +
      '(cto feed import or cto feed update)',
    { cause },
  );
}
