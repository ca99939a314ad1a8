// The audit log (migration 3) on PostgreSQL: append-only, hash-chained (row-mapping.ts nextAuditEntry);
// appends are serialised by a transaction-scoped advisory lock. Same order as sqlite/sqlite-audit.ts.
import { clampLimit, nextAuditEntry, rowToAudit } from '../row-mapping.ts';
import type { AuditEntry, AuditInput } from '../store.ts';
import type { PostgresExec } from './postgres-exec.ts';

const AUDIT_LOCK = 7_243_001;

export class PostgresAudit {
  readonly #x: PostgresExec;
  readonly #key: Buffer | null;
  /** key: the audit key (config audit.key/keyFile); entries are then HMAC-chained (audit-chain.ts). */
  constructor(exec: PostgresExec, key: Buffer | null) {
    this.#x = exec;
    this.#key = key;
  }

  async appendAudit(input: AuditInput): Promise<AuditEntry> {
    return this.#x.tx(async (q) => {
      await q('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]); // one writer at a time keeps the chain linear
      const last = (await q('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'))[0];
      const { entry: e, detailText } = nextAuditEntry(last, input, this.#key);
      await q(`INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [e.seq, e.at, e.actor, e.action, e.org, e.target, detailText, e.prevHash, e.hash], 'dw_append_audit');
      return e;
    });
  }

  async auditEntries(fromSeq = 1, limit?: number): Promise<AuditEntry[]> {
    const rows = await this.#x.q('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, clampLimit(limit, 1000, 100_000)], 'dw_audit_entries');
    return rows.map(rowToAudit);
  }
}
