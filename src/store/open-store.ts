// openStore(): picks the backend for the configured URL, opens it and migrates it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE, storeBackends, type OpenStoreOptions } from './backends.ts';
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

/** Opens a database that must exist already, without migrating it (for read-only commands such as
 *  `audit verify`): a missing embedded database file is an error rather than a new empty one. */
export async function openExistingStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.url === null || opts.url === '') {
    const file = join(opts.dataDir ?? './data', SQLITE_FILE);
    if (!existsSync(file)) throw new Error(`no database at ${file} (give the --data folder that 'dnswarden serve' uses)`);
  }
  return openStore({ ...opts, migrate: false });
}
