// Standard Webhooks (https://www.standardwebhooks.com) verification for the event routes
// (docs/server.md#delivery-events): HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<raw body>"
// with the secret's bytes, any of the space-separated `v1,<base64>` signatures, compared in constant
// time; the timestamp within 5 minutes of the server clock either way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CtoError } from '../errors.ts';

/** Seconds a message's timestamp may differ from the server clock, in either direction. */
const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = 'whsec_';

/** The key bytes of a `whsec_<base64>` secret (24 to 64 bytes, as the specification asks). */
export function parseWebhookSecret(text: string, from: string): Buffer {
  const b64 = text.startsWith(SECRET_PREFIX) ? text.slice(SECRET_PREFIX.length) : '';
  const key = Buffer.from(b64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || key.length < 24 || key.length > 64) {
    throw new CtoError(
      'SERVER_CONFIG',
      `${from} is not a webhook secret: give whsec_ followed by the base64 of 24 to 64 random bytes`,
    );
  }
  return key;
}

/** The configured secret's key: CTO_WEBHOOK_SECRET, else cto.yaml `webhooks.secret`; null when neither. */
export function webhookKey(
  env: NodeJS.ProcessEnv,
  config: { webhooks?: { secret?: string } },
): Buffer | null {
  const fromEnv = env.CTO_WEBHOOK_SECRET;
  if (fromEnv) return parseWebhookSecret(fromEnv, 'CTO_WEBHOOK_SECRET');
  const fromConfig = config.webhooks?.secret;
  return fromConfig ? parseWebhookSecret(fromConfig, 'cto.yaml webhooks.secret') : null;
}

/** `v1,<base64>` of the message: what a sender puts in `webhook-signature`. */
export function signWebhook(
  key: Buffer,
  id: string,
  timestamp: number | string,
  body: Buffer | string,
): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string {
  const v = headers[name];
  const text = Array.isArray(v) ? v.join(' ') : v;
  if (!text) throw new CtoError('WEBHOOK_SIGNATURE', `missing header ${name} (Standard Webhooks)`);
  return text;
}

/**
 * The message id of a signed webhook, after checking its signature over the raw body, then its
 * timestamp against `nowSeconds`. Throws WEBHOOK_SIGNATURE or WEBHOOK_TIMESTAMP.
 */
export function verifyWebhook(key: Buffer, headers: Headers, body: Buffer, nowSeconds: number): string {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signatures.split(' ').some((entry) => {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') return false;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches)
    throw new CtoError('WEBHOOK_SIGNATURE', 'no v1 signature in webhook-signature matches the body');
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new CtoError('WEBHOOK_TIMESTAMP', 'webhook-timestamp is not a Unix time in seconds');
  }
  const skew = nowSeconds - Number(timestamp);
  if (Math.abs(skew) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new CtoError(
      'WEBHOOK_TIMESTAMP',
      `webhook-timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'ahead of the server clock'}: at most ${WEBHOOK_TOLERANCE_SECONDS} s either way`,
    );
  }
  return id;
}

/** The `webhooks` section of cto.yaml. */
export const webhooksConfigSchema = z
  .object({
    /** `whsec_<base64>`; CTO_WEBHOOK_SECRET wins when set. Prefer the environment: cto.yaml is often committed. */
    secret: z.string().min(1).optional(),
  })
  .strict();
