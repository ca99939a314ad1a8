// Contact-drill acknowledgement codes are credentials (POST /contact-drills/:id/ack takes them without
// a sign-in), so the database keeps only their SHA-256 — also in the outbox: a queued message holds
// `{{ack:<sealed>}}` (AES-256-GCM with a key kept outside the database) where the code goes, and the
// outbox worker reveals it just before sending. The key: derived from the audit key (audit.key /
// audit.keyFile) when configured, else a random key in `<dataDir>/ack-seal.key` (mode 0600).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboundMessage } from './notifier.ts';

const SEALED = /\{\{ack:([A-Za-z0-9_-]{20,400})\}\}/g;

/** The placeholder that stands for `code` in a queued message. */
export function sealAck(code: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return `{{ack:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}}}`;
}

function unseal(blob: string, key: Buffer): string {
  const raw = Buffer.from(blob, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Every sealed placeholder in a text replaced by its code (throws when the key does not open it). */
export function revealText(text: string, key: Buffer): string {
  return text.replace(SEALED, (_m, blob: string) => unseal(blob, key));
}

/** The message as it is sent: subject, text and data with the codes revealed. Unchanged without placeholders. */
export function revealAcks(m: OutboundMessage, key: Buffer | null): OutboundMessage {
  const json = JSON.stringify(m);
  if (!key || !json.includes('{{ack:')) return m;
  return JSON.parse(revealText(json, key)) as OutboundMessage;
}

/** The seal key: HKDF of the audit key, or the data folder's own random key (created on first use). */
export function ackSealKey(auditKey: Buffer | null, dataDir: string): Buffer {
  if (auditKey) return Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'dnswarden contact-drill ack seal', 32));
  const file = join(dataDir, 'ack-seal.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== 32) throw new Error(`${file}: not a 32-byte key`);
  return key;
}
