// `cto tokens`: API tokens for scripts (docs/server.md#tokens): shown once, stored hashed.
import { Command, Option } from 'commander';
import { CtoError } from '../errors.ts';
import { createToken, expiryFrom, revokeToken } from '../server/accounts.ts';
import { SCOPES } from '../server/roles.ts';
import { listTokens } from '../store/accounts.ts';
import { globalOptions, parseChoiceList, parseLifetime, withStore, withWritableStore } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';

export function tokensCommand(): Command {
  const tokens = new Command('tokens').description('API tokens of cto serve');
  tokens
    .command('create')
    .description(
      'create an API token for a user; prints it once (cto_<prefix>_<secret>), stores only its hash',
    )
    .argument('<email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for (ci, a script)')
    .addOption(
      new Option('--expires <when>', 'lifetime: days (90d), hours (12h) or never')
        .default('90d')
        .argParser(parseLifetime('--expires')),
    )
    .addOption(
      new Option(
        '--scope <scopes>',
        `what the token may do, comma-separated: ${SCOPES.join(', ')} (docs/server.md#tokens)`,
      )
        .default(['read'], 'read')
        .argParser(parseChoiceList('--scope', SCOPES)),
    )
    .action(
      async (email: string, flags: { name: string; expires: string; scope: string[] }, cmd: Command) => {
        const expiresAt = expiryFrom(flags.expires, new Date());
        const scopes = [...new Set(flags.scope)];
        await withWritableStore(globalOptions(cmd), async (store) => {
          const t = await createToken(store, { email, name: flags.name, expiresAt, scopes });
          printLine(t.token);
          printLine(
            `Token ${t.prefix} (${flags.name}, scopes ${scopes.join(', ')}) for ${email.toLowerCase()}, ${expiresAt ? `expires ${expiresAt.slice(0, 10)}` : 'never expires'}. It is shown only now.`,
          );
        });
      },
    );
  tokens
    .command('list')
    .description('list the tokens: prefix, name, user, expiry, last use, revoked (never the secret)')
    .option('--json', 'print a JSON document (schema cto.tokens/v1)')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const rows = (await listTokens(store)).map((t) => ({
          prefix: t.prefix,
          name: t.name,
          email: t.email,
          scopes: t.scopes.split(' '),
          createdAt: t.created_at,
          expiresAt: t.expires_at,
          lastUsedAt: t.last_used_at,
          revokedAt: t.revoked_at,
        }));
        if (flags.json) {
          printJson('cto.tokens/v1', { tokens: rows });
          return;
        }
        if (rows.length === 0) {
          printLine('No tokens yet. Create one with `cto tokens create <email> --name ci`.');
          return;
        }
        const day = (v: string | null) => (v ? v.slice(0, 10) : '');
        printTable(
          ['prefix', 'name', 'user', 'scopes', 'expires', 'last used', 'revoked'],
          rows.map((t) => [
            t.prefix,
            t.name,
            t.email,
            t.scopes.join(','),
            t.expiresAt ? day(t.expiresAt) : 'never',
            day(t.lastUsedAt),
            day(t.revokedAt),
          ]),
        );
      });
    });
  tokens
    .command('revoke')
    .description('revoke a token by its prefix (the 12 characters after cto_); it stops working at once')
    .argument('<prefix>', 'the prefix cto tokens list shows')
    .action(async (prefix: string, _flags: unknown, cmd: Command) => {
      await withWritableStore(globalOptions(cmd), async (store) => {
        if (!(await revokeToken(store, prefix))) {
          throw new CtoError('USAGE', `no active token has the prefix ${prefix}: cto tokens list shows them`);
        }
        printLine(`Token ${prefix} revoked.`);
      });
    });
  return tokens;
}
