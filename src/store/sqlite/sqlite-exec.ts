// The SQLite connection (node:sqlite, DatabaseSync) and what every part of the SQLite store runs
// statements with. Same role as postgres/postgres-exec.ts. Calls are synchronous underneath, so a
// transaction never interleaves with another call of this process; busy_timeout covers other processes.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { AlreadyExistsError, NotFoundError, StoreClosedError, StoreError, StoreUnavailableError } from '../store-errors.ts';

/** What a part of the SQLite store gets: cached statements, transactions, error mapping. */
export interface SqliteExec {
  sql(text: string): StatementSync;
  /** BEGIN IMMEDIATE … COMMIT; errors come out mapped. */
  tx<T>(fn: () => T): T;
  mapError(err: unknown, what?: string): unknown;
}

export type Value = string | number | null;
/** SQLite has no boolean: 1 or 0. */
export const b = (v: boolean | undefined): number => (v ? 1 : 0);

export interface SqliteConnectionOptions {
  path: string;
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
}

export class SqliteConnection implements SqliteExec {
  #db: DatabaseSync | null;
  #statements = new Map<string, StatementSync>();

  constructor(opts: SqliteConnectionOptions) {
    this.#db = new DatabaseSync(opts.path);
    this.#db.exec(`PRAGMA busy_timeout = ${Math.floor(opts.busyTimeoutMs ?? 5000)}`);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec(`PRAGMA synchronous = ${opts.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    this.#db.exec('PRAGMA foreign_keys = ON');
  }

  /** The open database; StoreClosedError after close(). */
  db(): DatabaseSync {
    if (!this.#db) throw new StoreClosedError();
    return this.#db;
  }

  /** Prepared statements are cached by their SQL text. */
  sql(text: string): StatementSync {
    let s = this.#statements.get(text);
    if (!s) {
      s = this.db().prepare(text);
      this.#statements.set(text, s);
    }
    return s;
  }

  tx<T>(fn: () => T): T {
    const db = this.db();
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      db.exec('COMMIT');
      return out;
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw mapSqliteError(err);
    }
  }

  mapError(err: unknown, what?: string): unknown {
    return mapSqliteError(err, what);
  }

  close(): void {
    if (!this.#db) return;
    this.#statements.clear();
    this.#db.close();
    this.#db = null;
  }
}

function mapSqliteError(err: unknown, what = 'row'): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { errcode?: number }).errcode;
  if (code === 1555 || code === 2067) return new AlreadyExistsError(what);
  if (code === 787) return new NotFoundError(what);
  if (code === 5 || code === 6) return new StoreUnavailableError(`database is locked: ${(err as Error).message}`, { cause: err });
  return err;
}
