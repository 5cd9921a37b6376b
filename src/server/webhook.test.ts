import { expect, test } from 'vitest';
import { parseWebhookSecret, signWebhook, verifyWebhook, webhookKey } from './webhook.ts';

// The Standard Webhooks specification's published test vector (standard-webhooks/standard-webhooks,
// the reference libraries' tests): secret, message id, timestamp, body and the v1 signature.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = Buffer.from('{"test": 2432232314}');
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const headers = (signature = SIGNATURE, ts: number | string = TS) => ({
  'webhook-id': ID,
  'webhook-timestamp': String(ts),
  'webhook-signature': signature,
});

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

test('the specification test vector: signed as published, verified at its own timestamp', () => {
  const key = parseWebhookSecret(SECRET, 'test');
  expect(signWebhook(key, ID, TS, BODY)).toBe(SIGNATURE);
  expect(verifyWebhook(key, headers(), BODY, TS)).toBe(ID);
});

test('signatures: any of several space-separated entries may match; a changed body or id fails', () => {
  const key = parseWebhookSecret(SECRET, 'test');
  const other = 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=';
  expect(verifyWebhook(key, headers(`${other} ${SIGNATURE}`), BODY, TS)).toBe(ID);
  expect(verifyWebhook(key, headers(`v1a,abc ${SIGNATURE}`), BODY, TS)).toBe(ID);
  expect(codeOf(() => verifyWebhook(key, headers(other), BODY, TS))).toBe('WEBHOOK_SIGNATURE');
  // Re-serialised JSON is other bytes: the signature covers the body as sent.
  expect(codeOf(() => verifyWebhook(key, headers(), Buffer.from('{"test":2432232314}'), TS))).toBe(
    'WEBHOOK_SIGNATURE',
  );
  expect(codeOf(() => verifyWebhook(key, { ...headers(), 'webhook-id': 'msg_other' }, BODY, TS))).toBe(
    'WEBHOOK_SIGNATURE',
  );
  // The scheme is v1 only: the same bytes labelled otherwise are refused.
  expect(codeOf(() => verifyWebhook(key, headers(SIGNATURE.replace('v1,', 'v2,')), BODY, TS))).toBe(
    'WEBHOOK_SIGNATURE',
  );
  const { 'webhook-signature': _, ...unsigned } = headers();
  expect(codeOf(() => verifyWebhook(key, unsigned, BODY, TS))).toBe('WEBHOOK_SIGNATURE');
  // The secret of another sender does not verify.
  const wrong = parseWebhookSecret(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, 'test');
  expect(codeOf(() => verifyWebhook(wrong, headers(), BODY, TS))).toBe('WEBHOOK_SIGNATURE');
});

test('the timestamp: 5 minutes either way of the server clock, no more', () => {
  const key = parseWebhookSecret(SECRET, 'test');
  expect(verifyWebhook(key, headers(), BODY, TS + 300)).toBe(ID);
  expect(verifyWebhook(key, headers(), BODY, TS - 300)).toBe(ID);
  expect(codeOf(() => verifyWebhook(key, headers(), BODY, TS + 301))).toBe('WEBHOOK_TIMESTAMP');
  expect(codeOf(() => verifyWebhook(key, headers(), BODY, TS - 301))).toBe('WEBHOOK_TIMESTAMP');
  // A signed but malformed timestamp.
  const odd = signWebhook(key, ID, '16142653.30', BODY);
  expect(codeOf(() => verifyWebhook(key, headers(odd, '16142653.30'), BODY, TS))).toBe('WEBHOOK_TIMESTAMP');
});

test('secrets: whsec_ and the base64 of 24 to 64 bytes; the environment wins over cto.yaml', () => {
  for (const bad of ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_', 'whsec_c2hvcnQ=', 'whsec_not base64!']) {
    expect(
      codeOf(() => parseWebhookSecret(bad, 'test')),
      bad,
    ).toBe('SERVER_CONFIG');
  }
  const other = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
  expect(webhookKey({ CTO_WEBHOOK_SECRET: SECRET }, { webhooks: { secret: other } })?.length).toBe(24);
  expect(webhookKey({}, { webhooks: { secret: other } })?.length).toBe(32);
  expect(webhookKey({}, {})).toBeNull();
});
