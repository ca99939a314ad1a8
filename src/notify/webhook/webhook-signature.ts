// The webhook signing scheme (see README.md beside this file). Pure, for both sides:
//   signed material  = `${timestamp}.${rawBody}`   (timestamp: the X-Dnswarden-Timestamp value, Unix seconds)
//   X-Dnswarden-Signature = "sha256=" + hex(HMAC-SHA256(secret, signed material))
// Binding the timestamp stops replays outside the tolerance window; inside it, receivers drop
// repeats of the same X-Dnswarden-Delivery id (which is also the body's "id").
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-dnswarden-signature';
export const TIMESTAMP_HEADER = 'x-dnswarden-timestamp';
export const DELIVERY_HEADER = 'x-dnswarden-delivery';
export const EVENT_HEADER = 'x-dnswarden-event';
/** How far a receiver should accept the timestamp from its own clock. */
const DEFAULT_TOLERANCE_SEC = 300;

export function signWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function verifyWebhookSignature(args: {
  secret: string;
  rawBody: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Receiver's clock, ms since the epoch. */
  nowMs: number;
  toleranceSec?: number;
}): VerifyResult {
  const { timestamp, signature } = args;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  const skew = Math.abs(args.nowMs / 1000 - Number(timestamp));
  if (skew > (args.toleranceSec ?? DEFAULT_TOLERANCE_SEC)) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signWebhook(args.secret, timestamp, args.rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
