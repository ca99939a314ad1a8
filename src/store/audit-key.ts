// The audit key, kept outside the database: config `audit.key`, or the contents of `audit.keyFile`
// (surrounding whitespace trimmed; at least 32 characters). null when neither is configured: the
// chain then stays plain SHA-256 (format 1, audit-chain.ts).
import { readFileSync } from 'node:fs';
import type { AuditSettings } from '../config/security-config.ts';

const MIN_AUDIT_KEY_LENGTH = 32;

export function readAuditKey(settings: AuditSettings | undefined): Buffer | null {
  if (settings?.key !== undefined) return Buffer.from(settings.key, 'utf8');
  if (settings?.keyFile === undefined) return null;
  const text = readFileSync(settings.keyFile, 'utf8').trim();
  if (text.length < MIN_AUDIT_KEY_LENGTH) throw new Error(`audit.keyFile ${settings.keyFile}: the key must be at least ${MIN_AUDIT_KEY_LENGTH} characters`);
  return Buffer.from(text, 'utf8');
}
