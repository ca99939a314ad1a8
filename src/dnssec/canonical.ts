// The data an RRSIG signs (RFC 4034 §3.1.8.1, §6.2, §6.3; RFC 6840 §5.1): the RRSIG RDATA without the
// signature, then every RR of the set in canonical form — owner lower-cased (the wildcard owner "*.<last
// labels>" when the signature's label count is smaller than the owner's), class IN, the original TTL —
// sorted by RDATA as octet strings, duplicates removed. RDATA arrives already canonical (records.ts
// lower-cases the embedded names of the listed types).
import type { Rr } from './types.ts';
import type { Rrsig } from './rdata-parse.ts';
import { labelCount, nameToWire, suffixName } from './wire-names.ts';

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
