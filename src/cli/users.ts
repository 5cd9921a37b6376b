// `cto users`: local accounts of `cto serve` (docs/server.md).
import { text } from 'node:stream/consumers';
import { Command } from 'commander';
import { addUser, changeRole, setDisabled } from '../server/accounts.ts';
import { ROLES } from '../server/roles.ts';
import { listUsers } from '../store/accounts.ts';
import type { Store } from '../store/store.ts';
import { choiceOption, globalOptions, withStore, withWritableStore } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';

export function usersCommand(): Command {
  const users = new Command('users').description('local accounts of cto serve: add, list, change a role');
  users
    .command('add')
    .description('add a user; prints a one-time password unless --password-stdin gives one')
    .argument('<email>', 'the login name')
    .addOption(
      choiceOption(
        '--role <role>',
        `one of ${ROLES.join(', ')} (docs/server.md#roles)`,
        ROLES,
      ).makeOptionMandatory(),
    )
    .option('--password-stdin', 'read the password (12 characters or more) from standard input')
    .action(async (email: string, flags: { role: string; passwordStdin?: boolean }, cmd: Command) => {
      const password = flags.passwordStdin ? (await text(process.stdin)).replace(/\r?\n$/, '') : undefined;
      await withWritableStore(globalOptions(cmd), async (store) => {
        const added = await addUser(store, {
          email,
          role: flags.role,
          ...(password === undefined ? {} : { password }),
        });
        printLine(`User ${email.toLowerCase()} added with the role ${flags.role}.`);
        if (added.oneTimePassword) printLine(`One-time password (shown once): ${added.oneTimePassword}`);
      });
    });
  users
    .command('role')
    .description("change a user's role (audited)")
    .argument('<email>', 'the user')
    .argument('<role>', ROLES.join(', '))
    .action(async (email: string, role: string, _flags: unknown, cmd: Command) => {
      await withWritableStore(globalOptions(cmd), async (store) => {
        await changeRole(store, email, role);
        printLine(`User ${email.toLowerCase()} now has the role ${role}.`);
      });
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .description(
        disabled
          ? 'disable a user: their tokens stop working and their sessions end at once (audited)'
          : 'enable a disabled user again (audited)',
      )
      .argument('<email>', 'the user')
      .action(async (email: string, _flags: unknown, cmd: Command) => {
        await withWritableStore(globalOptions(cmd), async (store) => {
          await setDisabled(store, email, disabled);
          printLine(`User ${email.toLowerCase()} ${disabled ? 'disabled' : 'enabled'}.`);
        });
      });
  }
  users
    .command('list')
    .description('list the users and their roles')
    .option('--json', 'print a JSON document (schema cto.users/v1)')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const doc = await usersDocument(store);
        if (flags.json) {
          printJson('cto.users/v1', doc);
          return;
        }
        const rows = doc.users;
        if (rows.length === 0) {
          printLine('No users yet. Add one with `cto users add <email> --role admin`.');
          return;
        }
        printTable(
          ['email', 'role', 'created (UTC)', 'disabled'],
          rows.map((u) => [
            u.email,
            u.role,
            u.createdAt.slice(0, 16).replace('T', ' '),
            u.disabledAt ? 'yes' : '',
          ]),
        );
      });
    });
  return users;
}

/** `cto users list --json`'s body (schema cto.users/v1): never a password hash. */
export async function usersDocument(store: Store) {
  const users = (await listUsers(store)).map((u) => ({
    email: u.email,
    role: u.role,
    createdAt: u.created_at,
    disabledAt: u.disabled_at,
  }));
  return { users };
}
