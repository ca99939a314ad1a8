// Store on the embedded SQLite of Node 24 (node:sqlite). Same file shape as postgres/: the
// connection (sqlite-exec.ts), one file per group of parts (per migration), and this file, which opens the
// connection, builds the parts (store-base.ts forwards every Store method to them), migrates and closes.
import { migrations, pendingMigrations } from '../migrations/index.ts';
import { StoreBase, type StoreParts } from '../store-base.ts';
import { SqliteAccess } from './sqlite-access.ts';
import { SqliteConnection } from './sqlite-exec.ts';
import { SqliteFindings } from './sqlite-findings.ts';
import { SqliteNames } from './sqlite-names.ts';
import { SqliteDelegations } from './sqlite-delegations.ts';
import { SqliteThreats } from './sqlite-threats.ts';
import { SqliteMeasurements } from './sqlite-measurements.ts';
import { SqliteOutages } from './sqlite-outages.ts';
import { SqliteResponseRecords } from './sqlite-response.ts';

export interface SqliteStoreOptions {
  /** File path (or ':memory:'). */
  path: string;
  /** FULL (default): every commit is fsynced, so the audit log and the outbox survive power loss.
   *  NORMAL: faster; survives a process crash, may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
  /** The audit key (config audit.key/keyFile): entries are then HMAC-chained (audit-chain.ts). */
  auditKey?: Buffer | null;
  /** Cycles deleted per transaction by pruneMeasurements (default 10,000, with their node rows). */
  pruneChunk?: number;
}

export class SqliteStore extends StoreBase {
  readonly backend = 'sqlite' as const;
  readonly #conn: SqliteConnection;
  protected readonly parts: StoreParts;

  constructor(opts: SqliteStoreOptions) {
    super();
    const conn = new SqliteConnection(opts);
    this.#conn = conn;
    const outages = new SqliteOutages(conn);
    const response = new SqliteResponseRecords(conn, opts.auditKey ?? null);
    this.parts = {
      measurements: new SqliteMeasurements(conn, Math.max(1, Math.floor(opts.pruneChunk ?? 10_000))),
      outages,
      measuredTime: outages,
      incidents: response,
      outbox: response,
      audit: response,
      findings: new SqliteFindings(conn),
      names: new SqliteNames(conn),
      delegations: new SqliteDelegations(conn),
      threats: new SqliteThreats(conn),
      access: new SqliteAccess(conn),
    };
  }

  async migrate(): Promise<number[]> {
    const db = this.#conn.db();
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const applied = db.prepare('SELECT version FROM schema_migrations').all().map((r) => Number(r.version));
    const done: number[] = [];
    for (const m of pendingMigrations(migrations, applied)) {
      this.#conn.tx(() => {
        for (const stmt of m.sqlite) db.exec(stmt);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      });
      done.push(m.version);
    }
    return done;
  }

  async close(): Promise<void> {
    this.#conn.close();
  }
}
