// `cto sessions`: the browser sessions of cto serve (docs/server.md#sessions): list them, end them.
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import { revokeSessions } from '../server/sessions.ts';
import { listSessions } from '../store/sessions.ts';
import { globalOptions, parseIntOption, withStore, withWritableStore } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';

export function sessionsCommand(): Command {
  const sessions = new Command('sessions').description('browser sessions of cto serve: list, revoke');
  sessions
    .command('list')
    .description('list the live sessions: id, user, how they signed in, from where, last seen, expiry')
    .option('--all', 'also the ended and expired ones')
    .option('--json', 'print a JSON document (schema cto.sessions/v1)')
    .action(async (flags: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const now = new Date().toISOString();
        const rows = (await listSessions(store))
          .map((s) => ({
            id: s.id,
            email: s.email,
            method: s.method,
            source: s.source,
            createdAt: s.created_at,
            lastSeenAt: s.last_seen_at,
            expiresAt: s.expires_at,
            revokedAt: s.revoked_at,
            live: s.revoked_at === null && s.expires_at > now,
          }))
          .filter((s) => flags.all || s.live);
        if (flags.json) {
          printJson('cto.sessions/v1', { sessions: rows });
          return;
        }
        if (rows.length === 0) {
          printLine(flags.all ? 'No sessions yet.' : 'No live sessions (--all lists the ended ones).');
          return;
        }
        const time = (v: string | null) => (v ? v.slice(0, 16).replace('T', ' ') : '');
        printTable(
          ['id', 'user', 'by', 'from', 'signed in (UTC)', 'last seen', 'expires', 'ended'],
          rows.map((s) => [
            String(s.id),
            s.email,
            s.method,
            s.source,
            time(s.createdAt),
            time(s.lastSeenAt),
            time(s.expiresAt),
            time(s.revokedAt),
          ]),
        );
      });
    });
  sessions
    .command('revoke')
    .description('end a session by its id, or every session of a user (--user); it stops working at once')
    .argument('[id]', 'the id cto sessions list shows', parseIntOption('id', 1))
    .option('--user <email>', "end all of this user's sessions")
    .action(async (id: number | undefined, flags: { user?: string }, cmd: Command) => {
      if ((id === undefined) === (flags.user === undefined)) {
        throw new CtoError('USAGE', 'give a session id or --user <email>, not both');
      }
      await withWritableStore(globalOptions(cmd), async (store) => {
        const which = id !== undefined ? { id } : { email: flags.user as string };
        const ended = await revokeSessions(store, which, { actor: 'cli', source: 'cli' });
        printLine(
          ended === 0
            ? 'No live session matched: nothing ended.'
            : `${ended} session${ended === 1 ? '' : 's'} ended.`,
        );
      });
    });
  return sessions;
}
