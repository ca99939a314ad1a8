// openStore(): picks the backend for the configured URL, opens it and migrates it.
import { storeBackends, type OpenStoreOptions } from './backends.ts';
import type { Store } from './store.ts';

export type { OpenStoreOptions } from './backends.ts';

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const backend = storeBackends.find((b) => b.matches(opts.url));
  if (!backend) {
    const scheme = String(opts.url).split(':')[0];
    throw new Error(`database.url: unsupported scheme "${scheme}"; use null (embedded SQLite) or postgres://…`);
  }
  const store = backend.create(opts);
  if (opts.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
  }
  return store;
}
