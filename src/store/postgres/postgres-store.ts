// Store on PostgreSQL through a pg Pool. Same file shape as sqlite/: the connection
// (postgres-exec.ts), one file per group of parts (per migration), and this file, which opens the connection,
// builds the parts (store-base.ts forwards every Store method to them), migrates and closes.
import { migrations, pendingMigrations } from '../migrations/index.ts';
import type { Row } from '../row-mapping.ts';
import { StoreBase, type StoreParts } from '../store-base.ts';
import { PostgresAccess } from './postgres-access.ts';
import { PostgresConnection, type PostgresConnectionOptions } from './postgres-exec.ts';
import { PostgresFindings } from './postgres-findings.ts';
import { PostgresNames } from './postgres-names.ts';
import { PostgresDelegations } from './postgres-delegations.ts';
import { PostgresThreats } from './postgres-threats.ts';
import { PostgresMeasurements } from './postgres-measurements.ts';
import { PostgresOutages } from './postgres-outages.ts';
import { PostgresResponseRecords } from './postgres-response.ts';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** The audit key (config audit.key/keyFile): entries are then HMAC-chained (audit-chain.ts). */
  auditKey?: Buffer | null;
  /** Cycles deleted per statement by pruneMeasurements (default 10,000, with their node rows). */
  pruneChunk?: number;
}

const MIGRATION_LOCK = 7_243_000;

export class PostgresStore extends StoreBase {
  readonly backend = 'postgres' as const;
  readonly #conn: PostgresConnection;
  protected readonly parts: StoreParts;

  constructor(opts: PostgresStoreOptions) {
    super();
    const conn = new PostgresConnection(opts);
    this.#conn = conn;
    const outages = new PostgresOutages(conn);
    const response = new PostgresResponseRecords(conn, opts.auditKey ?? null);
    this.parts = {
      measurements: new PostgresMeasurements(conn, Math.max(1, Math.floor(opts.pruneChunk ?? 10_000))),
      outages,
      measuredTime: outages,
      incidents: response,
      outbox: response,
      audit: response,
      findings: new PostgresFindings(conn),
      names: new PostgresNames(conn),
      delegations: new PostgresDelegations(conn),
      threats: new PostgresThreats(conn),
      access: new PostgresAccess(conn),
    };
  }

  /** Under a session advisory lock, so two daemons starting together do not race; each migration in its own transaction. */
  async migrate(): Promise<number[]> {
    return this.#conn.withClient(async (client, drop) => {
      const done: number[] = [];
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
        const applied = (await client.query<Row>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version));
        for (const m of pendingMigrations(migrations, applied)) {
          await client.query('BEGIN');
          try {
            for (const stmt of m.postgres) await client.query(stmt);
            await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          }
          done.push(m.version);
        }
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        return done;
      } catch (err) {
        drop(err as Error); // drop the connection: that also releases the session lock
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    await this.#conn.close();
  }
}
