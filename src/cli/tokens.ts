// `cto tokens`: API tokens for scripts (docs/server.md#tokens): shown once, stored hashed.
import { Command } from 'commander';
import { createToken, expiryFrom } from '../server/accounts.ts';
import { globalOptions, withWritableStore } from './context.ts';
import { printLine } from './output.ts';

export function tokensCommand(): Command {
  const tokens = new Command('tokens').description('API tokens of cto serve');
  tokens
    .command('create')
    .description(
      'create an API token for a user; prints it once (cto_<prefix>_<secret>), stores only its hash',
    )
    .argument('<email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for (ci, a script)')
    .option('--expires <when>', 'lifetime: days (90d), hours (12h) or never', '90d')
    .action(async (email: string, flags: { name: string; expires: string }, cmd: Command) => {
      const expiresAt = expiryFrom(flags.expires, new Date());
      await withWritableStore(globalOptions(cmd), async (store) => {
        const t = await createToken(store, { email, name: flags.name, expiresAt });
        printLine(t.token);
        printLine(
          `Token ${t.prefix} (${flags.name}) for ${email.toLowerCase()}, ${expiresAt ? `expires ${expiresAt.slice(0, 10)}` : 'never expires'}. It is shown only now.`,
        );
      });
    });
  return tokens;
}
