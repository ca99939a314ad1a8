// The storage backends the daemon can use, and which database URL selects each.
// Adding a backend: implement Store in its own folder with the same method order, add it here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** database.url of the configuration: null for the embedded database, postgres://… for PostgreSQL. */
  url: string | null;
  /** Where the embedded database lives (`serve --data`, default ./data). */
  dataDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** The audit key (config audit.key / audit.keyFile, src/store/audit-key.ts): audit entries are HMAC-chained with it. */
  auditKey?: Buffer | null;
  sqlite?: { synchronous?: 'FULL' | 'NORMAL'; busyTimeoutMs?: number };
  postgres?: { poolSize?: number; connectTimeoutMs?: number; statementTimeoutMs?: number; onPoolError?: (err: Error) => void };
}

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  description: string;
  matches(url: string | null): boolean;
  create(opts: OpenStoreOptions): Store;
}

export const SQLITE_FILE = 'dnswarden.sqlite';

export const storeBackends: readonly StoreBackend[] = [
  {
    name: 'sqlite',
    description: `embedded SQLite (node:sqlite) at <dataDir>/${SQLITE_FILE}; WAL, synchronous=FULL`,
    matches: (url) => url === null || url === '',
    create(opts) {
      const dir = opts.dataDir ?? './data';
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return new SqliteStore({ path: join(dir, SQLITE_FILE), ...opts.sqlite, auditKey: opts.auditKey ?? null });
    },
  },
  {
    name: 'postgres',
    description: 'PostgreSQL through a pg Pool (postgres:// or postgresql:// URL)',
    matches: (url) => url !== null && /^postgres(ql)?:\/\//i.test(url),
    create: (opts) => new PostgresStore({ url: opts.url as string, ...opts.postgres, auditKey: opts.auditKey ?? null }),
  },
];
