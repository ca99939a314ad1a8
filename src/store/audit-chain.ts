// The audit log's hash chain, pure: each entry's hash is SHA-256 over a canonical JSON of the
// entry together with the previous entry's hash, so editing, removing or reordering an entry
// breaks every link after it. Both backends call auditHash(); verifyAuditChain() needs no DB.
import { createHash } from 'node:crypto';
import type { AuditEntry } from './store.ts';

/** prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth and no whitespace; undefined and non-finite
 *  numbers behave as in JSON.stringify. Same value → same string, whatever the key order. */
export function canonicalJson(value: unknown): string {
  const plain = JSON.stringify(value);
  if (plain === undefined) return 'null';
  return stringifySorted(JSON.parse(plain));
}

function stringifySorted(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stringifySorted).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringifySorted(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export type AuditHashFields = Omit<AuditEntry, 'hash'>;

export function auditHash(fields: AuditHashFields): string {
  const { seq, at, actor, action, org, target, detail, prevHash } = fields;
  const text = canonicalJson({ seq, at, actor, action, org, target, detail, prevHash });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 'unreadable': a stored entry could not even be read back (e.g. its detail is not JSON any more). */
export type AuditChainProblem = 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' | 'head-mismatch' | 'unreadable';

export type AuditChainVerdict =
  | { ok: true; head: { seq: number; hash: string } | null }
  | { ok: false; seq: number; problem: AuditChainProblem; message: string };

export interface VerifyOptions {
  /** Hash expected before the first entry when the list does not start at seq 1
   *  (otherwise the first entry's prevHash is taken on trust). */
  anchorHash?: string;
  /** A head recorded elsewhere earlier (e.g. published daily): detects removal of the last entries. */
  expectedHead?: { seq: number; hash: string };
}

/** Checks entries in seq order: every hash recomputes, every prevHash is the previous hash,
 *  seq has no gap. Reports the first broken entry. */
export function verifyAuditChain(entries: readonly AuditEntry[], opts: VerifyOptions = {}): AuditChainVerdict {
  let prev: { seq: number; hash: string } | null = null;
  for (const e of entries) {
    const expectedPrev = prev ? prev.hash : e.seq === 1 ? GENESIS_HASH : (opts.anchorHash ?? e.prevHash);
    if (prev && e.seq !== prev.seq + 1) {
      return { ok: false, seq: e.seq, problem: 'seq-gap', message: `entry ${e.seq} follows ${prev.seq}: entries missing` };
    }
    if (e.prevHash !== expectedPrev) {
      return { ok: false, seq: e.seq, problem: 'prev-hash-mismatch', message: `entry ${e.seq}: prevHash does not match the previous entry` };
    }
    if (auditHash(e) !== e.hash) {
      return { ok: false, seq: e.seq, problem: 'hash-mismatch', message: `entry ${e.seq}: content does not match its hash (edited)` };
    }
    prev = { seq: e.seq, hash: e.hash };
  }
  const want = opts.expectedHead;
  if (want) {
    const lastSeq = prev?.seq ?? 0;
    if (lastSeq < want.seq) {
      return { ok: false, seq: want.seq, problem: 'head-mismatch', message: `chain ends at ${lastSeq}, expected head ${want.seq}: entries removed` };
    }
    const atHead = entries.find((e) => e.seq === want.seq);
    if (atHead && atHead.hash !== want.hash) {
      return { ok: false, seq: want.seq, problem: 'head-mismatch', message: `entry ${want.seq} differs from the recorded head` };
    }
  }
  return { ok: true, head: prev };
}
