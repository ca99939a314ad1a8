// Ending a user's credentials when their account changes in a way that matters for security (a
// password reset or change, disabling, a role change): sessions end by themselves (a session older
// than the account's updatedAt is refused, sessions.ts); API tokens are revoked here, so that a
// stolen token does not outlive the reset meant to contain it.
import type { Store } from '../store/store.ts';

/** Revokes every live API token of the user; returns how many were revoked. */
export async function revokeApiTokens(store: Pick<Store, 'listApiTokens' | 'revokeApiToken'>, userId: string, at: string): Promise<number> {
  let revoked = 0;
  for (const t of await store.listApiTokens(userId)) {
    if (t.revokedAt === null && await store.revokeApiToken(t.id, at)) revoked++;
  }
  return revoked;
}
