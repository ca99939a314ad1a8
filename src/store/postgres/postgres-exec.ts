// The PostgreSQL connection (a pg Pool) and what every part of the PostgreSQL store runs statements
// with. Same role as sqlite/sqlite-exec.ts. When the server goes away, calls reject with
// StoreUnavailableError and the pool recovers by itself once the server is back; the pool's and
// checked-out clients' 'error' events are handled so nothing crashes.
import pg from 'pg';
import type { Row } from '../row-mapping.ts';
import { StoreClosedError } from '../store-errors.ts';
import { mapPgError } from './pg-errors.ts';

export type Query = (text: string, values?: unknown[], name?: string) => Promise<Row[]>;

/** What a part of the PostgreSQL store gets: statements on the pool, transactions on one connection. */
export interface PostgresExec {
  /** One statement on a pooled connection; errors come out mapped (`what` names the row for conflicts). */
  q(text: string, values?: unknown[], name?: string, what?: string): Promise<Row[]>;
  /** BEGIN … COMMIT on one connection; errors come out mapped. */
  tx<T>(fn: (q: Query) => Promise<T>, what?: string): Promise<T>;
}

export interface PostgresConnectionOptions {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Errors of idle pooled connections (server restart, network): logged by the caller, never thrown. */
  onPoolError?: (err: Error) => void;
}

// Rows in the same shape as SQLite's: bigint as number, times as ISO strings, JSON as text.
const parseTimestamp = pg.types.getTypeParser(1184) as (v: string) => Date;
const typeParsers = {
  getTypeParser(oid: number, format?: string): (v: string) => unknown {
    if (oid === 20) return Number;
    if (oid === 1184) return (v: string) => parseTimestamp(v).toISOString();
    if (oid === 3802 || oid === 114) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export class PostgresConnection implements PostgresExec {
  #pool: pg.Pool | null;

  constructor(opts: PostgresConnectionOptions) {
    const statementTimeout = opts.statementTimeoutMs ?? 30_000;
    this.#pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 5_000,
      application_name: 'dnswarden',
      types: typeParsers,
    });
    this.#pool.on('error', (err) => opts.onPoolError?.(err));
  }

  #open(): pg.Pool {
    if (!this.#pool) throw new StoreClosedError();
    return this.#pool;
  }

  /** Named statements are prepared once per connection. */
  async q(text: string, values: unknown[] = [], name?: string, what?: string): Promise<Row[]> {
    try {
      return (await this.#open().query<Row>({ text, values, name })).rows;
    } catch (err) {
      throw mapPgError(err, what);
    }
  }

  tx<T>(fn: (q: Query) => Promise<T>, what?: string): Promise<T> {
    return this.withClient(async (client, drop) => {
      const q: Query = async (text, values = [], name) => (await client.query<Row>({ text, values, name })).rows;
      try {
        await q('BEGIN');
        const out = await fn(q);
        await q('COMMIT');
        return out;
      } catch (err) {
        await q('ROLLBACK').catch(drop);
        throw err;
      }
    }, what);
  }

  /** One checked-out connection for `fn`; errors come out mapped. `drop(err)` releases the connection
   *  destroyed instead of back to the pool (so is one that emitted 'error' meanwhile). */
  async withClient<T>(fn: (client: pg.PoolClient, drop: (err: Error) => void) => Promise<T>, what?: string): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#open().connect();
    } catch (err) {
      throw mapPgError(err, what);
    }
    // A checked-out client has no pool listener: without this an 'error' event would crash the process.
    let broken: Error | undefined;
    const onError = (err: Error): void => { broken = err; };
    client.on('error', onError);
    try {
      return await fn(client, (err) => { broken ??= err; });
    } catch (err) {
      throw mapPgError(err, what);
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    if (!pool) return;
    this.#pool = null;
    await pool.end();
  }
}
