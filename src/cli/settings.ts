// `cto settings`: the server settings an admin may change at run time (docs/server.md#settings).
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import {
  changeSettings,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
  settingsDocument,
} from '../server/settings.ts';
import { globalOptions, withStore, withWritableStore } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';

export function settingsCommand(): Command {
  const settings = new Command('settings').description(
    'server settings kept in the store: login throttle limits, session lifetimes (docs/server.md#settings)',
  );
  settings
    .command('list')
    .description('the settings in force and their defaults')
    .option('--json', 'print a JSON document (schema cto.settings/v1)')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const doc = await settingsDocument(store);
        if (flags.json) {
          printJson('cto.settings/v1', doc);
          return;
        }
        printTable(
          ['key', 'value', 'default'],
          SETTING_KEYS.map((k) => [k, String(doc.settings[k]), String(doc.defaults[k])]),
        );
      });
    });
  settings
    .command('set')
    .description('change a setting (audited settings.changed with the old and new value)')
    .argument('<key>', SETTING_KEYS.join(', '))
    .argument('<value>', 'the new value')
    .action(async (key: string, value: string, _flags: unknown, cmd: Command) => {
      if (!(SETTING_KEYS as string[]).includes(key)) {
        throw new CtoError('USAGE', `unknown setting ${key}: one of ${SETTING_KEYS.join(', ')}`);
      }
      const parsed = SETTINGS.shape[key as SettingKey].safeParse(Number(value));
      if (!parsed.success) {
        throw new CtoError('USAGE', `${key} ${value}: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
      }
      await withWritableStore(globalOptions(cmd), async (store) => {
        const { changed } = await changeSettings(
          store,
          { [key]: parsed.data },
          { actor: 'cli', source: 'cli' },
        );
        printLine(
          changed.length > 0 ? `${key} is now ${parsed.data}.` : `${key} was already ${parsed.data}.`,
        );
      });
    });
  return settings;
}
