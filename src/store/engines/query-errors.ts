// The errors a `cto sql` query ends with on either engine when it does not finish by itself.
import { CtoError } from '../../errors.ts';

export function timeoutError(timeoutMs: number): CtoError {
  return new CtoError(
    'SQL_TIMEOUT',
    `the query ran longer than ${timeoutMs / 1000} s and was stopped (raise it with --timeout)`,
  );
}

export function cancelledError(): CtoError {
  return new CtoError('SQL_CANCELLED', 'the query was cancelled');
}

export function oneStatementOnly(): CtoError {
  return new CtoError('SQL_NOT_ALLOWED', 'cto sql runs one statement: remove everything after the first ";"');
}
