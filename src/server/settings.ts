// Server settings that an admin changes at run time (docs/server.md#settings), kept in the store so
// every `cto serve` on one store and the CLI agree: the login throttle's limits and the session lifetimes. A setting without a
// stored row has its default; each change is written to the audit trail (`settings.changed`).
import { z } from 'zod';
import { appendAudit } from '../store/accounts.ts';
import { putSetting, storedSettings } from '../store/settings.ts';
import { nowIso, type Store } from '../store/store.ts';
import type { Actor } from './accounts.ts';

export const SETTINGS = z
  .object({
    /** Failed logins allowed for one account before it is blocked (then each failure doubles the block). */
    'login.accountFailures': z.number().int().min(1).max(1000),
    /** Failed logins allowed from one client address before it is blocked. */
    'login.addressFailures': z.number().int().min(1).max(100_000),
    /** The first block, in seconds; each further failure doubles it, up to 15 minutes. */
    'login.firstBlockSeconds': z.number().int().min(1).max(900),
    /** A browser session unused this long ends (minutes). */
    'session.idleMinutes': z.number().int().min(1).max(1440),
    /** A browser session ends this long after sign-in, used or not (hours); for sessions opened after the change. */
    'session.absoluteHours': z.number().int().min(1).max(168),
  })
  .strict();

export type Settings = z.infer<typeof SETTINGS>;
export type SettingKey = keyof Settings;

/** Every setting's value when none is stored (the limits docs/security.md documents). */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  'login.accountFailures': 5,
  'login.addressFailures': 20,
  'login.firstBlockSeconds': 30,
  'session.idleMinutes': 30,
  'session.absoluteHours': 12,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/** The settings in force: the stored ones over the defaults (a stored value that no longer fits is ignored). */
export async function readSettings(store: Store): Promise<Settings> {
  const stored = await storedSettings(store);
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    const text = stored.get(key);
    if (text === undefined) continue;
    const parsed = SETTINGS.shape[key].safeParse(JSON.parse(text));
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

/** `cto settings list --json` and `GET /api/v1/settings` (schema cto.settings/v1). */
export async function settingsDocument(store: Store) {
  const settings = await readSettings(store);
  return {
    settings,
    defaults: { ...DEFAULT_SETTINGS },
  };
}

/** Apply the settings given; each one that changes is stored and audited with its old and new value. */
export async function changeSettings(
  store: Store,
  patch: Partial<Settings>,
  by: Actor,
): Promise<{ changed: SettingKey[] }> {
  const current = await readSettings(store);
  const changed: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    const value = patch[key];
    if (value === undefined || value === current[key]) continue;
    const at = nowIso();
    await putSetting(store, { key, value: JSON.stringify(value), updated_at: at, updated_by: by.actor });
    await appendAudit(store, {
      at,
      ...by,
      action: 'settings.changed',
      detail: { key, from: current[key], to: value },
    });
    changed.push(key);
  }
  return { changed };
}
