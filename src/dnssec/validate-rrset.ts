// validateRRset: is this RRset signed by one of the zone's trusted keys within the signature's validity
// window? Every RRSIG that covers the set is tried; the first valid one makes it secure. A failure names
// the most telling reason among the signatures tried.
import type { BogusReason, Rr, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { bogus } from './types.ts';
import { parseRrsig } from './rdata-parse.ts';
import type { Rrsig } from './rdata-parse.ts';
import { SUPPORTED_ALGORITHMS, publicKey, verifySignature } from './crypto-keys.ts';
import { serialCompare, signedData } from './canonical.ts';
import { labelCount } from './wire-names.ts';
import type { KeyObject } from 'node:crypto';

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
