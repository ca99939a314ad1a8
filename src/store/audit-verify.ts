// Verifies the whole audit log page by page (a log of millions of entries never sits in memory at
// once): seq must continue across pages and each page is anchored on the previous page's last hash.
import { GENESIS_HASH, isKeyedHash, verifyAuditChain, type AuditChainVerdict } from './audit-chain.ts';
import type { AuditEntry } from './store.ts';
import { StoreError } from './store-errors.ts';

export type AuditLogVerdict = AuditChainVerdict & { checked: number };

export interface VerifyLogOptions {
  pageSize?: number;
  /** A head recorded earlier (seq and hash): detects removal of the newest entries. */
  expectedHead?: { seq: number; hash: string };
  /** The audit key: keyed entries are checked with it, and the head must be keyed (no downgrade). */
  key?: Buffer | null;
}

export async function verifyAuditLog(
  read: (fromSeq: number, limit: number) => Promise<AuditEntry[]>, opts: VerifyLogOptions = {},
): Promise<AuditLogVerdict> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? 1000));
  let last = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  let headHash: string | null = null;
  const want = opts.expectedHead;
  for (;;) {
    let page: AuditEntry[];
    try {
      page = await read(last.seq + 1, pageSize);
    } catch (err) {
      const bad = await findUnreadable(read, last.seq + 1, pageSize, err);
      return { ok: false, seq: bad.seq, problem: 'unreadable', message: `entry ${bad.seq}: cannot be read back (${bad.why})`, checked };
    }
    if (page.length === 0) break;
    if (page[0].seq !== last.seq + 1) {
      const message = last.seq === 0 ? `the log starts at entry ${page[0].seq}: entries missing` : `entry ${page[0].seq} follows ${last.seq}: entries missing`;
      return { ok: false, seq: page[0].seq, problem: 'seq-gap', message, checked };
    }
    const verdict = verifyAuditChain(page, { anchorHash: last.hash, key: opts.key ?? null, keyedBefore: isKeyedHash(last.hash) });
    if (!verdict.ok) return { ...verdict, checked: checked + page.findIndex((e) => e.seq === verdict.seq) };
    checked += page.length;
    if (want) headHash ??= page.find((e) => e.seq === want.seq)?.hash ?? null;
    last = verdict.head ?? last;
    if (page.length < pageSize) break;
  }
  if (want && last.seq < want.seq) {
    return { ok: false, seq: want.seq, problem: 'head-mismatch', message: `chain ends at ${last.seq}, expected head ${want.seq}: entries removed`, checked };
  }
  if (want && headHash !== want.hash) {
    return { ok: false, seq: want.seq, problem: 'head-mismatch', message: `entry ${want.seq} differs from the recorded head`, checked };
  }
  if (opts.key && last.seq > 0 && !isKeyedHash(last.hash)) {
    return { ok: false, seq: last.seq, problem: 'not-keyed', message: `the newest entry ${last.seq} is not keyed although a key is configured (start serve once to key the chain, or the log was rewritten)`, checked };
  }
  return { ok: true, head: last.seq === 0 ? null : last, checked };
}

/** A page failed to load: reads its entries one by one to name the first that cannot be read.
 *  Errors of the database itself (gone, closed) are not the log's fault and are rethrown. */
async function findUnreadable(read: (fromSeq: number, limit: number) => Promise<AuditEntry[]>, from: number, count: number, pageError: unknown):
Promise<{ seq: number; why: string }> {
  if (pageError instanceof StoreError) throw pageError;
  for (let seq = from; seq < from + count; seq++) {
    try {
      if ((await read(seq, 1)).length === 0) break;
    } catch (err) {
      if (err instanceof StoreError) throw err;
      return { seq, why: (err as Error).message };
    }
  }
  throw pageError;
}
