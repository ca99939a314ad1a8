// validateRRset: is this RRset signed by one of the zone's trusted keys within the signature's validity
// window? Every RRSIG that covers the set is tried; the first valid one makes it secure. A failure names
// the most telling reason among the signatures tried.
import type { BogusReason, Rr, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { bogus } from './types.ts';
import { parseRrsig } from './rdata-parse.ts';
import type { Rrsig } from './rdata-parse.ts';
import { SUPPORTED_ALGORITHMS, publicKey, verifySignature } from './crypto-keys.ts';
import { labelCount, nameToWire, suffixName } from './wire-names.ts';
import type { KeyObject } from 'node:crypto';


// The data an RRSIG signs (RFC 4034 §3.1.8.1, §6.2, §6.3; RFC 6840 §5.1): the RRSIG RDATA without the
// signature, then every RR of the set in canonical form — owner lower-cased (the wildcard owner "*.<last
// labels>" when the signature's label count is smaller than the owner's), class IN, the original TTL —
// sorted by RDATA as octet strings, duplicates removed. RDATA arrives already canonical (records.ts
// lower-cases the embedded names of the listed types).
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The owner name a signature covers: the name itself, or the wildcard it was expanded from. */
export function signedOwner(owner: string, sigLabels: number): string {
  const count = labelCount(owner);
  return sigLabels < count ? (sigLabels === 0 ? '*.' : `*.${suffixName(owner, sigLabels)}`) : owner;
}

/** The octets the signature covers, for an RRset (all records have the owner and type of rrset[0]). */
export function signedData(sig: Rrsig, rrset: readonly Rr[]): Uint8Array {
  const owner = nameToWire(signedOwner(rrset[0].name, sig.labels));
  const rdatas = rrset.map((r) => r.rdata);
  if (rdatas.length > 1) rdatas.sort(compareBytes);
  const unique: Uint8Array[] = [];
  for (const r of rdatas) if (unique.length === 0 || compareBytes(unique[unique.length - 1], r) !== 0) unique.push(r);
  let len = sig.head.length;
  for (const r of unique) len += owner.length + 10 + r.length;
  const out = new Uint8Array(len);
  out.set(sig.head, 0);
  let o = sig.head.length;
  const type = rrset[0].type, ttl = sig.originalTtl;
  for (const r of unique) {
    out.set(owner, o); o += owner.length;
    out[o++] = type >> 8; out[o++] = type & 0xff;
    out[o++] = 0; out[o++] = 1; // class IN
    out[o++] = ttl >>> 24; out[o++] = (ttl >>> 16) & 0xff; out[o++] = (ttl >>> 8) & 0xff; out[o++] = ttl & 0xff;
    out[o++] = r.length >> 8; out[o++] = r.length & 0xff;
    out.set(r, o); o += r.length;
  }
  return out;
}

/** RFC 1982 serial comparison of two 32-bit times: < 0 when a is before b. */
export function serialCompare(a: number, b: number): number {
  return ((a >>> 0) - (b >>> 0)) | 0;
}

// Verified signatures and keys of one probe cycle. A signed zone probed at full speed sees the same
// RRsets and signatures again and again; the cache keys a result by the signature octets and keeps the
// exact signed data, so a hit costs a map lookup and one memcmp and a changed RRset under a reused
// signature is never taken for verified. Make a new cache (or clear()) per cycle.
export interface VerifyCacheStats { verifications: number; hits: number; entries: number }

export class VerifyCache {
  private readonly results = new Map<string, { data: Uint8Array; keyTag: number; ok: boolean }>();
  private verifications = 0;
  private hits = 0;
  private readonly maxEntries: number;

  constructor(maxEntries = 1_000_000) {
    this.maxEntries = maxEntries;
  }

  /** The cached result of this signature over exactly this data with this key, or undefined. */
  lookup(signature: Uint8Array, keyTag: number, data: Uint8Array): boolean | undefined {
    const hit = this.results.get(Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64'));
    if (!hit || hit.keyTag !== keyTag || !Buffer.from(hit.data).equals(data)) return undefined;
    this.hits++;
    return hit.ok;
  }

  store(signature: Uint8Array, keyTag: number, data: Uint8Array, ok: boolean): void {
    this.verifications++;
    if (this.results.size >= this.maxEntries) this.results.clear();
    this.results.set(Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64'), { data, keyTag, ok });
  }

  /** Counts a verification that was not cached (no cache given still counts nothing). */
  stats(): VerifyCacheStats {
    return { verifications: this.verifications, hits: this.hits, entries: this.results.size };
  }

  clear(): void {
    this.results.clear();
    this.verifications = 0;
    this.hits = 0;
  }
}

export interface RRsetVerdict extends Verdict {
  /** Secure: the signature that validated — its algorithm, expiry (seconds), and the wildcard label count when expanded. */
  algorithm?: number;
  expiresAt?: number;
  /** Set when the answer was synthesised from a wildcard: the RRSIG labels field (RFC 4035 §5.3.4). */
  wildcardLabels?: number;
}

// Most telling first: a signature that fails cryptographically beats one that is merely out of its window.
const PRIORITY: BogusReason[] = ['bad-signature', 'signature-expired', 'signature-not-yet-valid', 'no-matching-key', 'missing-signature'];

/** Checks one signature's validity window against now (RFC 4034 §3.1.5 serial arithmetic). */
export function windowReason(sig: Rrsig, now: number): BogusReason | null {
  if (serialCompare(now, sig.inception) < 0) return 'signature-not-yet-valid';
  if (serialCompare(now, sig.expiration) > 0) return 'signature-expired';
  return null;
}

// Imported keys by the trusted key's RDATA object: the hot path pays no base64 or map-by-string lookup.
const imported = new WeakMap<Uint8Array, KeyObject | null>();
function keyObject(algorithm: number, rdata: Uint8Array): KeyObject | null {
  let k = imported.get(rdata);
  if (k === undefined) { k = publicKey(algorithm, rdata.subarray(4)); imported.set(rdata, k); }
  return k;
}

function verifyWith(sig: Rrsig, data: Uint8Array, keys: ZoneKeys, ctx: ValidationContext): 'ok' | BogusReason {
  let matched = false;
  for (const k of keys.keys) {
    if (k.tag !== sig.keyTag || k.algorithm !== sig.algorithm) continue;
    matched = true;
    const cached = ctx.cache?.lookup(sig.signature, k.tag, data);
    let ok: boolean;
    if (cached !== undefined) ok = cached;
    else {
      const key = keyObject(k.algorithm, k.rdata);
      ok = key !== null && verifySignature(sig.algorithm, key, data, sig.signature);
      ctx.cache?.store(sig.signature, k.tag, data, ok);
    }
    if (ok) return 'ok';
  }
  return matched ? 'bad-signature' : 'no-matching-key';
}

/**
 * Validates an RRset (all records of one owner and type) with the RRSIGs given (any; those that do not
 * cover it are ignored) against a zone's trusted keys.
 */
export function validateRRset(rrset: readonly Rr[], rrsigs: readonly Rr[], keys: ZoneKeys, ctx: ValidationContext): RRsetVerdict {
  if (rrset.length === 0) return bogus('missing-signature', 'empty RRset');
  const owner = rrset[0].name, type = rrset[0].type;
  const ownerLabels = labelCount(owner);
  let worst = PRIORITY.length - 1;
  let detail = `${owner} type ${type}: no RRSIG by ${keys.zone}`;
  for (const r of rrsigs) {
    if (r.name !== owner) continue;
    let sig: Rrsig;
    try { sig = parseRrsig(r.rdata); } catch { continue; }
    if (sig.typeCovered !== type || sig.signer !== keys.zone || sig.labels > ownerLabels) continue;
    if (!SUPPORTED_ALGORITHMS.has(sig.algorithm)) continue;
    let reason: BogusReason | 'ok' | null = windowReason(sig, ctx.now);
    if (reason === null) reason = verifyWith(sig, signedData(sig, rrset), keys, ctx);
    if (reason === 'ok') {
      const v: RRsetVerdict = { status: 'secure', reason: null, algorithm: sig.algorithm, expiresAt: sig.expiration };
      if (sig.labels < ownerLabels) v.wildcardLabels = sig.labels;
      return v;
    }
    const rank = PRIORITY.indexOf(reason);
    if (rank < worst || detail.includes('no RRSIG')) {
      worst = Math.min(worst, rank);
      detail = `${owner} type ${type}: RRSIG key ${sig.keyTag} alg ${sig.algorithm}: ${PRIORITY[worst]}`;
    }
  }
  return bogus(PRIORITY[worst], detail);
}

/** Groups records into RRsets by owner and type (RRSIGs apart), keeping first-seen order. */
export function groupRRsets(records: readonly Rr[]): { rrsets: Rr[][]; rrsigs: Map<string, Rr[]> } {
  const sets = new Map<string, Rr[]>();
  const rrsigs = new Map<string, Rr[]>();
  for (const r of records) {
    if (r.type === 46) {
      const list = rrsigs.get(r.name);
      if (list) list.push(r); else rrsigs.set(r.name, [r]);
      continue;
    }
    const key = `${r.name}|${r.type}`;
    const list = sets.get(key);
    if (list) list.push(r); else sets.set(key, [r]);
  }
  return { rrsets: [...sets.values()], rrsigs };
}
