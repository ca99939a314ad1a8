// The audit log (migration 3) on SQLite: append-only, hash-chained (row-mapping.ts nextAuditEntry);
// appends are serialised by the BEGIN IMMEDIATE transaction. Same order as postgres/postgres-audit.ts.
import { clampLimit, nextAuditEntry, rowToAudit, type Row } from '../row-mapping.ts';
import type { AuditEntry, AuditInput } from '../store.ts';
import type { SqliteExec } from './sqlite-exec.ts';

export class SqliteAudit {
  readonly #x: SqliteExec;
  readonly #key: Buffer | null;
  /** key: the audit key (config audit.key/keyFile); entries are then HMAC-chained (audit-chain.ts). */
  constructor(exec: SqliteExec, key: Buffer | null) {
    this.#x = exec;
    this.#key = key;
  }

  appendAudit(input: AuditInput): AuditEntry {
    return this.#x.tx(() => {
      const last = this.#x.sql('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row | undefined;
      const { entry: e, detailText } = nextAuditEntry(last, input, this.#key);
      this.#x.sql(`INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(e.seq, e.at, e.actor, e.action, e.org, e.target, detailText, e.prevHash, e.hash);
      return e;
    });
  }

  auditEntries(fromSeq = 1, limit?: number): AuditEntry[] {
    const rows = this.#x.sql('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, clampLimit(limit, 1000, 100_000)) as Row[];
    return rows.map(rowToAudit);
  }
}
