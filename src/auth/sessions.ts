// Signing in and recognising a bearer token: console sessions (username + password → a token that
// expires) and API tokens (long-lived, named, revocable). The store keeps only token hashes.
import type { ApiToken, Session, Store, User } from '../store/store.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { newToken, tokenHash } from './tokens.ts';

export const SESSION_TTL_MS = 12 * 3600_000;

export type AuthStore = Pick<Store,
  'getUserByUsername' | 'getUser' | 'createSession' | 'getSession' | 'revokeSession' | 'createApiToken' | 'getApiToken' | 'touchApiToken'>;

export interface Authenticated {
  user: User;
  via: 'session' | 'api-token';
  /** The session's token hash or the API token's id. */
  credential: string;
  /** An API token minted by someone else (an admin) for this user: that person's user id. */
  issuedBy?: string;
}

const nowIso = (): string => new Date().toISOString();

/** A new session for the right username and password of an enabled user; null otherwise (same time either way). */
export async function login(store: AuthStore, username: string, password: string, opts: { now?: string; ttlMs?: number } = {}):
Promise<{ token: string; session: Session; user: User } | null> {
  const user = await store.getUserByUsername(username);
  if (!user) return verifyNothing(password).then(() => null);
  if (!(await verifyPassword(password, user.passwordHash)) || user.disabled) return null;
  const now = opts.now ?? nowIso();
  const token = newToken();
  const session = await store.createSession({
    tokenHash: tokenHash(token), userId: user.id, createdAt: now,
    expiresAt: new Date(Date.parse(now) + (opts.ttlMs ?? SESSION_TTL_MS)).toISOString(),
  });
  return { token, session, user };
}

function sessionActive(s: Session, now: string): boolean {
  return s.revokedAt === null && Date.parse(s.expiresAt) > Date.parse(now);
}

export function apiTokenActive(t: ApiToken, now: string): boolean {
  return t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > Date.parse(now));
}

/** The enabled user behind a bearer token (a live session first, then a live API token), or null. */
export async function authenticate(store: AuthStore, token: string | null | undefined, now: string = nowIso()): Promise<Authenticated | null> {
  if (!token) return null;
  const hash = tokenHash(token);
  const session = await store.getSession(hash);
  if (session) {
    if (!sessionActive(session, now)) return null;
    const user = await store.getUser(session.userId);
    // A session opened before the account's last change (password, roles, disabled) no longer counts:
    // a reset password or a re-enabled account must not bring old sessions back.
    const current = user && !user.disabled && Date.parse(session.createdAt) >= Date.parse(user.updatedAt);
    return current ? { user, via: 'session', credential: hash } : null;
  }
  const api = await store.getApiToken(hash);
  if (!api || !apiTokenActive(api, now)) return null;
  const user = await store.getUser(api.userId);
  if (!user || user.disabled) return null;
  await store.touchApiToken(api.id, now);
  return { user, via: 'api-token', credential: api.id, ...(api.issuedBy && api.issuedBy !== user.id ? { issuedBy: api.issuedBy } : {}) };
}

export async function logout(store: AuthStore, token: string, now: string = nowIso()): Promise<boolean> {
  return store.revokeSession(tokenHash(token), now);
}

/** A new API token for a user; the clear token is returned once and never stored. */
export async function issueApiToken(store: AuthStore, userId: string, name: string,
  opts: { now?: string; expiresAt?: string | null; issuedBy?: string | null } = {}): Promise<{ token: string; apiToken: ApiToken }> {
  const token = newToken();
  const apiToken = await store.createApiToken({
    name, userId, tokenHash: tokenHash(token), createdAt: opts.now ?? nowIso(), expiresAt: opts.expiresAt ?? null,
    issuedBy: opts.issuedBy && opts.issuedBy !== userId ? opts.issuedBy : null,
  });
  return { token, apiToken };
}
