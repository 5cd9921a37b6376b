// Login throttling (docs/security.md#login-throttling): failed password logins counted per account and
// per client address; past a number of free failures each further one blocks the key for twice as long.
import { clearLoginFailures, loginFailures, putLoginFailure } from '../store/sessions.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_SETTINGS, readSettings } from './settings.ts';

// The free failures and the first block are settings (`login.*`, src/server/settings.ts), read per failure.
export const THROTTLE = {
  /** Failures allowed before the first block, per account and per address (defaults of the settings). */
  freeFailures: {
    account: DEFAULT_SETTINGS['login.accountFailures'],
    address: DEFAULT_SETTINGS['login.addressFailures'],
  },
  /** The first block (default of `login.firstBlockSeconds`); each further failure doubles it, up to `maxBlockMs`. */
  firstBlockMs: DEFAULT_SETTINGS['login.firstBlockSeconds'] * 1000,
  maxBlockMs: 15 * 60_000,
  /** A failure this long after the previous one starts the count again. */
  forgetAfterMs: 60 * 60_000,
} as const;

type Kind = keyof typeof THROTTLE.freeFailures;

function keys(email: string, address: string): Record<Kind, string> {
  return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

/** When the login may be tried again (ISO time), or null when it may be tried now. */
export async function blockedUntil(
  store: Store,
  email: string,
  address: string,
  now: Date,
): Promise<string | null> {
  const rows = await loginFailures(store, Object.values(keys(email, address)));
  const until = rows
    .map((r) => r.blocked_until)
    .filter((t) => t > now.toISOString())
    .sort();
  return until.at(-1) ?? null;
}

/** Count a failure against the account and the address; returns the new failure counts. */
export async function recordFailure(
  store: Store,
  email: string,
  address: string,
  now: Date,
): Promise<Record<Kind, number>> {
  const k = keys(email, address);
  const rows = await loginFailures(store, Object.values(k));
  const settings = await readSettings(store);
  const free: Record<Kind, number> = {
    account: settings['login.accountFailures'],
    address: settings['login.addressFailures'],
  };
  const firstBlockMs = settings['login.firstBlockSeconds'] * 1000;
  const counts = { account: 0, address: 0 };
  for (const kind of ['account', 'address'] as const) {
    const row = rows.find((r) => r.key === k[kind]);
    const recent = row && now.getTime() - Date.parse(row.last_at) < THROTTLE.forgetAfterMs;
    const failures = (recent ? row.failures : 0) + 1;
    const over = failures - free[kind];
    const blockMs = over < 0 ? 0 : Math.min(THROTTLE.maxBlockMs, firstBlockMs * 2 ** over);
    await putLoginFailure(store, {
      key: k[kind],
      failures,
      last_at: now.toISOString(),
      blocked_until: new Date(now.getTime() + blockMs).toISOString(),
    });
    counts[kind] = failures;
  }
  return counts;
}

/** A successful login forgets the account's failures (the address keeps its count). */
export async function recordSuccess(store: Store, email: string): Promise<void> {
  await clearLoginFailures(store, keys(email, '').account);
}
