// The audit log's hash chain, pure: each entry's hash is SHA-256 over a canonical JSON of the
// entry together with the previous entry's hash, so editing, removing or reordering an entry
// breaks every link after it. Both backends call auditHash(); verifyAuditChain() needs no DB.
// Chain format 2 (keyed): with the audit key (kept outside the database: config audit.key or
// audit.keyFile) each hash is `hmac:` + HMAC-SHA-256(key, same canonical JSON), so someone who can
// write the database cannot rewrite an entry and recompute the chain. Entries written before the key
// was configured keep their plain SHA-256 (format 1) and stay verifiable; after the first keyed entry
// every entry must be keyed, and with a key the head must be keyed (no downgrade by rewriting it all).
import { createHash, createHmac } from 'node:crypto';
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

const KEYED_PREFIX = 'hmac:';

export const isKeyedHash = (hash: string): boolean => hash.startsWith(KEYED_PREFIX);

/** The entry's hash: plain SHA-256 hex (format 1), or `hmac:` + HMAC-SHA-256 hex with a key (format 2). */
export function auditHash(fields: AuditHashFields, key: Buffer | null = null): string {
  const { seq, at, actor, action, org, target, detail, prevHash } = fields;
  const text = canonicalJson({ seq, at, actor, action, org, target, detail, prevHash });
  if (key) return KEYED_PREFIX + createHmac('sha256', key).update(text, 'utf8').digest('hex');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 'unreadable': a stored entry could not even be read back (e.g. its detail is not JSON any more).
 *  'key-needed': keyed entries and no key given; 'not-keyed': a plain entry where a keyed one is required. */
export type AuditChainProblem = 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' | 'head-mismatch' | 'unreadable' | 'key-needed' | 'not-keyed';

export type AuditChainVerdict =
  | { ok: true; head: { seq: number; hash: string } | null }
  | { ok: false; seq: number; problem: AuditChainProblem; message: string };

export interface VerifyOptions {
  /** Hash expected before the first entry when the list does not start at seq 1
   *  (otherwise the first entry's prevHash is taken on trust). */
  anchorHash?: string;
  /** A head recorded elsewhere earlier (e.g. published daily): detects removal of the last entries. */
  expectedHead?: { seq: number; hash: string };
  /** The audit key: keyed entries are checked with it. Without it, a keyed entry is 'key-needed'. */
  key?: Buffer | null;
  /** The entry before the list was keyed (page-wise verification): plain entries may not follow. */
  keyedBefore?: boolean;
}

/** Checks entries in seq order: every hash recomputes, every prevHash is the previous hash,
 *  seq has no gap. Reports the first broken entry. */
export function verifyAuditChain(entries: readonly AuditEntry[], opts: VerifyOptions = {}): AuditChainVerdict {
  let prev: { seq: number; hash: string } | null = null;
  let keyed = opts.keyedBefore ?? false;
  for (const e of entries) {
    const expectedPrev = prev ? prev.hash : e.seq === 1 ? GENESIS_HASH : (opts.anchorHash ?? e.prevHash);
    if (prev && e.seq !== prev.seq + 1) {
      return { ok: false, seq: e.seq, problem: 'seq-gap', message: `entry ${e.seq} follows ${prev.seq}: entries missing` };
    }
    if (e.prevHash !== expectedPrev) {
      return { ok: false, seq: e.seq, problem: 'prev-hash-mismatch', message: `entry ${e.seq}: prevHash does not match the previous entry` };
    }
    if (isKeyedHash(e.hash)) {
      if (!opts.key) return { ok: false, seq: e.seq, problem: 'key-needed', message: `entry ${e.seq} is keyed: give the audit key (audit.key or audit.keyFile) to verify it` };
      keyed = true;
    } else if (keyed) {
      return { ok: false, seq: e.seq, problem: 'not-keyed', message: `entry ${e.seq}: a plain hash after keyed entries (rewritten without the key)` };
    }
    if (auditHash(e, isKeyedHash(e.hash) ? opts.key ?? null : null) !== e.hash) {
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
