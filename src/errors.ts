// One catalogue of expected failures: each has a stable code and speaks to the user in one line.
// docs/errors.md lists the same codes; a test keeps the two in step.

export const ERROR_CODES = {
  USAGE: 'the command line is wrong',
  NODE_TOO_OLD: 'Node.js is older than the supported version',
  GIT_NOT_FOUND: 'git cannot be started',
  GIT_FAILED: 'a git command failed',
  NOT_A_REPOSITORY: 'a path is not a git repository',
  PATH_NOT_FOUND: 'a path does not exist or cannot be read',
  EMPTY_REPOSITORY: 'a repository has no commits',
  BAD_REVISION: 'the revision to scan does not exist',
  CORRUPT_REPOSITORY: 'git objects cannot be read',
  GIT_BUDGET_EXCEEDED: 'a git process exceeded its memory, time or output budget and was stopped',
  TREE_TOO_LARGE: 'the scanned tree has more entries than the configured maximum',
  NO_REPOSITORIES: 'no git repository was found under the given paths',
  DB_OPEN: 'the store cannot be opened',
  DB_QUERY: 'a query against the store failed',
  DB_READ_ONLY: 'a write was attempted through read-only SQL',
  DB_URL: 'the store URL names a database cto cannot use',
  NO_STORE: 'there is no store in the workspace yet',
  STORE_NEEDS_MIGRATION: 'the store must be migrated but cannot be written',
  STORE_TOO_NEW: 'the store was written by a newer cto',
  STORE_DAMAGED: 'the SQLite store file is damaged',
  SQL_NOT_ALLOWED: 'cto sql refused a statement that does more than read the store',
  SQL_TIMEOUT: 'a cto sql query ran longer than its timeout',
  SQL_CANCELLED: 'a cto sql query was cancelled',
  SQL_GUARD_UNAVAILABLE: 'cto sql cannot run SQL under its read-only role',
  CONFIG_INVALID: 'the workspace configuration is invalid',
  FORGE_FAILED: 'a forge API (GitHub, GitLab) did not list the repositories of a source',
  FORGE_RATE_LIMITED: 'a forge API asked to wait longer than cto waits',
  MIRROR_FAILED: 'a mirror could not be fetched',
  FEED_INVALID: 'a vulnerability or lifecycle feed file cannot be read',
  FEED_DOWNLOAD: 'a feed cannot be downloaded',
  COSTS_INVALID: 'a FOCUS cost export cannot be read or breaks the specification',
  REPOSITORY_NOT_FOUND: 'no scanned repository has that name',
  SCAN_IN_PROGRESS: 'another scan of the repository is running',
  NOT_CHECKED: 'a pass or fail was asked for what was not checked',
  UNAUTHENTICATED: 'a server request carried no valid credentials',
  FORBIDDEN:
    "the role of the signed-in user, the token's scopes, or a missing `x-csrf-token` do not allow the request",
  NOT_FOUND: 'the server has no such route',
  RATE_LIMITED: 'too many requests to the server, or too many failed sign-ins, in a short time',
  USER_EXISTS: 'a user with that email already exists',
  USER_NOT_FOUND: 'no user has that email',
  SERVER_CONFIG: 'the server cannot start as configured',
  WEBHOOK_SIGNATURE: 'a webhook carried no valid Standard Webhooks signature',
  WEBHOOK_TIMESTAMP: 'a webhook was signed more than 5 minutes from the server clock',
  WEBHOOK_REPLAYED: 'a webhook message id was already accepted',
  WEBHOOKS_OFF: 'no webhook secret is configured',
  EVENT_INVALID: 'a delivery event is not valid',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class CtoError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CtoError';
    this.code = code;
  }
}

export function isCtoError(e: unknown): e is CtoError {
  return e instanceof CtoError;
}
