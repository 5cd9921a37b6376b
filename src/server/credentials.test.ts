import { scryptSync } from 'node:crypto';
import { expect, test } from 'vitest';
import {
  hashPassword,
  newToken,
  oneTimePassword,
  parseToken,
  SCRYPT,
  secretMatches,
  verifyPassword,
} from './credentials.ts';

test('a password hash is scrypt with the documented parameters and checks only the right password', async () => {
  const stored = await hashPassword('correct horse battery staple');
  const [kind, n, r, p, salt, hash] = stored.split('$');
  expect([kind, Number(n), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 17, 8, 1]);
  expect(Buffer.from(salt as string, 'base64url')).toHaveLength(16);
  // Recomputed independently with the synchronous scrypt and the same salt.
  const again = scryptSync('correct horse battery staple', Buffer.from(salt as string, 'base64url'), 32, {
    N: SCRYPT.N,
    r: 8,
    p: 1,
    maxmem: 512 * 1024 * 1024,
  });
  expect(again.toString('base64url')).toBe(hash);
  expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  expect(await hashPassword('correct horse battery staple')).not.toBe(stored); // a new salt each time
  expect(await verifyPassword('x', 'md5$abc')).toBe(false);
});

test('tokens: the form cto_<prefix>_<secret>, the secret checked against its hash only', () => {
  const t = newToken();
  const parsed = parseToken(t.token);
  expect(parsed?.prefix).toBe(t.prefix);
  expect(t.secretHash).not.toContain(parsed?.secret);
  expect(secretMatches(parsed?.secret as string, t.secretHash)).toBe(true);
  const secret = parsed?.secret as string;
  const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
  expect(secretMatches(altered, t.secretHash)).toBe(false);
  expect(parseToken('cto_xyz_abc')).toBeNull();
  expect(parseToken(`${t.token}x`)).toBeNull();
  expect(oneTimePassword()).toMatch(/^[A-Za-z0-9_-]{22}$/);
});
