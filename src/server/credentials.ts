// Passwords and API tokens (docs/security.md). Passwords: scrypt, memory-hard, a random salt per
// password, compared in constant time. Tokens `cto_<prefix>_<secret>`: the prefix identifies the
// token, only SHA-256 of the 256-bit random secret is stored (a hash fits a secret of that entropy).
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost (N = 2^17), block size and parallelism: OWASP's recommended minimum for scrypt. */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyBytes: number) {
  return new Promise<Buffer>((resolve, reject) => {
    // 128 * N * r bytes of memory, plus headroom.
    scrypt(password, salt, keyBytes, { N, r, p, maxmem: 256 * N * r }, (e, key) =>
      e ? reject(e) : resolve(key),
    );
  });
}

/**
 * `scrypt$N$r$p$salt$hash`, salt and hash in base64url. The cost is `SCRYPT.N`; the stored hash names
 * its own, so a hash of another cost (older, or cheaper in tests) is still checked.
 */
export async function hashPassword(password: string, N: number = SCRYPT.N): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await scryptAsync(password, salt, N, SCRYPT.r, SCRYPT.p, SCRYPT.keyBytes);
  return ['scrypt', N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

/** A password for a user created without one: 128 random bits, shown once. */
export function oneTimePassword(): string {
  return randomBytes(16).toString('base64url');
}

interface NewToken {
  /** The whole token, shown once. */
  token: string;
  prefix: string;
  secretHash: string;
}

export function newToken(): NewToken {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `cto_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** The prefix and secret of a token as presented, or null when it is not of the form. */
export function parseToken(token: string): { prefix: string; secret: string } | null {
  const m = /^cto_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { prefix: m[1] as string, secret: m[2] as string } : null;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
