import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 's3cret-值';
const body = JSON.stringify({ id: 'abc', subject: '事件开启' });
const now = 1_800_000_000_000;
const ts = String(now / 1000);

test('the signature is HMAC-SHA256 over "timestamp.body", hex, prefixed sha256=', () => {
  const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  assert.equal(signWebhook(secret, ts, body), `sha256=${expected}`);
  assert.equal(signWebhook(secret, ts, Buffer.from(body)), `sha256=${expected}`, 'string and bytes agree');
});

test('verify accepts the right signature and rejects tampering, another secret, staleness', () => {
  const signature = signWebhook(secret, ts, body);
  assert.deepEqual(verifyWebhookSignature({ secret, rawBody: body, timestamp: ts, signature, nowMs: now + 10_000 }), { ok: true });
  const tampered = body.replace('abc', 'abd');
  assert.deepEqual(verifyWebhookSignature({ secret, rawBody: tampered, timestamp: ts, signature, nowMs: now }), { ok: false, reason: 'mismatch' });
  assert.deepEqual(verifyWebhookSignature({ secret: 'other', rawBody: body, timestamp: ts, signature, nowMs: now }), { ok: false, reason: 'mismatch' });
  const moved = String(Number(ts) + 1);
  assert.deepEqual(verifyWebhookSignature({ secret, rawBody: body, timestamp: moved, signature, nowMs: now }), { ok: false, reason: 'mismatch' },
    'the timestamp is part of the signed material');
  assert.deepEqual(verifyWebhookSignature({ secret, rawBody: body, timestamp: ts, signature, nowMs: now + 301_000 }), { ok: false, reason: 'stale' });
  assert.deepEqual(verifyWebhookSignature({ secret, rawBody: body, timestamp: ts, signature: undefined, nowMs: now }), { ok: false, reason: 'missing' });
  assert.deepEqual(verifyWebhookSignature({ secret, rawBody: body, timestamp: ts, signature: 'sha1=00', nowMs: now }), { ok: false, reason: 'malformed' });
});
