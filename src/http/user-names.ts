// People read "who did it" as a name, the store keeps user ids: each distinct id is looked up once
// per response and shown as "username (org)". Ids that are not users (the platform, a machine token)
// get null, and the caller shows the raw actor instead.
import type { Store } from '../store/store.ts';

export async function userNames(store: Pick<Store, 'getUser'>, ids: Iterable<string | null | undefined>): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  for (const id of new Set([...ids].filter((v): v is string => !!v))) {
    const user = await store.getUser(id).catch(() => null);
    names.set(id, user ? `${user.username} (${user.org})` : null);
  }
  return names;
}
