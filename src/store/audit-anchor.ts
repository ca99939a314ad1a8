// Anchoring the audit log outside the database: the current head {seq, hash, at} written to a file
// (atomically) and/or POSTed to a webhook — by `dnswarden audit anchor`, and by `serve` every
// audit.anchor.interval — so that `audit verify --expect-head <file>` later detects removed or
// rewritten newest entries. Also: keying an existing plain chain (an `audit.keyed` entry at start).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isKeyedHash } from './audit-chain.ts';
import type { Store } from './store.ts';

export interface AuditHead { seq: number; hash: string }
export interface Anchor extends AuditHead { at: string }

/** The newest entry (seq and hash) in O(log n) reads; null for an empty log. */
async function auditHead(store: Pick<Store, 'auditEntries'>): Promise<AuditHead | null> {
  const at = async (seq: number) => (await store.auditEntries(seq, 1)).find((e) => e.seq === seq) ?? null;
  if (!(await at(1))) return null;
  let lo = 1;
  let hi = 2;
  while (await at(hi)) { lo = hi; hi *= 2; }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await at(mid)) lo = mid; else hi = mid;
  }
  const e = await at(lo);
  return e ? { seq: e.seq, hash: e.hash } : null;
}

/** With a key and a plain head, appends `audit.keyed` (keyed) so the chain is keyed from here on. */
export async function ensureKeyedHead(store: Pick<Store, 'auditEntries' | 'appendAudit'>, key: Buffer | null, at: string): Promise<boolean> {
  if (!key) return false;
  const head = await auditHead(store);
  if (head && isKeyedHash(head.hash)) return false;
  await store.appendAudit({ at, actor: 'system', action: 'audit.keyed', target: null, detail: { plainUntil: head?.seq ?? 0 } });
  return true;
}

export interface AnchorTargets { file?: string; webhook?: string }

/** Writes the current head to the file and/or the webhook; returns it (null: empty log, nothing written). */
export async function writeAnchor(store: Pick<Store, 'auditEntries'>, to: AnchorTargets, at: string, timeoutMs = 10_000): Promise<Anchor | null> {
  const head = await auditHead(store);
  if (!head) return null;
  const anchor: Anchor = { ...head, at };
  const text = `${JSON.stringify(anchor)}\n`;
  if (to.file) {
    mkdirSync(dirname(to.file), { recursive: true });
    const tmp = `${to.file}.tmp-${process.pid}`;
    writeFileSync(tmp, text, { mode: 0o644 });
    renameSync(tmp, to.file);
  }
  if (to.webhook) {
    const res = await fetch(to.webhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    if (res.status < 200 || res.status > 299) throw new Error(`anchor webhook answered HTTP ${res.status}`);
  }
  return anchor;
}

const HEAD = /^([1-9][0-9]*):((?:hmac:)?[0-9a-f]{64})$/;

/** `<seq>:<hash>` or a file written by writeAnchor; throws with a readable message otherwise. */
export function parseExpectedHead(arg: string): AuditHead {
  const m = HEAD.exec(arg.trim());
  if (m) return { seq: Number(m[1]), hash: m[2] };
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    throw new Error(`'${arg}' is neither <seq>:<hash> nor a readable anchor file`);
  }
  const a = JSON.parse(text) as Partial<Anchor>;
  if (typeof a.seq !== 'number' || typeof a.hash !== 'string' || !HEAD.test(`${a.seq}:${a.hash}`)) throw new Error(`${arg}: not an audit anchor {seq, hash, at}`);
  return { seq: a.seq, hash: a.hash };
}

/** `serve`'s schedule: an anchor at start and every intervalMs; failures are logged, never thrown. */
export function startAnchoring(store: Pick<Store, 'auditEntries'>, to: AnchorTargets, intervalMs: number, now: () => Date, log: (line: string) => void): () => void {
  const once = () => {
    writeAnchor(store, to, now().toISOString())
      .catch((err: unknown) => log(`audit anchor: ${(err as Error).message}`));
  };
  once();
  const timer = setInterval(once, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
