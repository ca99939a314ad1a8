// Bearer tokens for sessions and API tokens: 32 random bytes in base64url. Only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of the token: what the store keeps and looks up. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A random password for generated accounts: 18 random bytes, 24 base64url characters. */
export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}
