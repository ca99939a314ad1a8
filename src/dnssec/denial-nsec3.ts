// NSEC3 proofs (RFC 5155 §8): hashed owner names (SHA-1, salt, iterations), the closest encloser proof,
// name error, no data (including the wildcard and the opt-out DS cases) and wildcard expansion. The
// NSEC3 RRsets given here have already been validated. Only NSEC3s with the first record's parameters count.
import { createHash } from 'node:crypto';
import type { Rr } from './types.ts';
import { TYPE } from './types.ts';
import { parseNsec3 } from './rdata-parse.ts';
import type { Nsec3 } from './rdata-parse.ts';
import { labelCount, nameLabels, nameToWire, suffixName } from './wire-names.ts';

export interface Nsec3Record { hash: Buffer; nsec3: Nsec3 }

const B32 = '0123456789abcdefghijklmnopqrstuv';

function fromBase32Hex(text: string): Buffer | null {
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const ch of text.toLowerCase()) {
    const v = B32.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v; bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >> bits) & 0xff); }
  }
  return Buffer.from(out);
}

/** RFC 5155 §5: IH(salt, x, k). */
export function nsec3Hash(name: string, salt: Uint8Array, iterations: number): Buffer {
  let x = createHash('sha1').update(nameToWire(name)).update(salt).digest();
  for (let i = 0; i < iterations; i++) x = createHash('sha1').update(x).update(salt).digest();
  return x;
}

export function nsec3Records(records: readonly Rr[]): Nsec3Record[] {
  const out: Nsec3Record[] = [];
  for (const r of records) {
    if (r.type !== TYPE.NSEC3) continue;
    try {
      const nsec3 = parseNsec3(r.rdata);
      const label = Buffer.from(nameLabels(r.name)[0] ?? []).toString('latin1');
      const hash = fromBase32Hex(label);
      if (hash && nsec3.hashAlgorithm === 1) out.push({ hash, nsec3 });
    } catch { /* malformed: ignored */ }
  }
  if (out.length === 0) return out;
  const first = out[0].nsec3;
  return out.filter((n) => n.nsec3.iterations === first.iterations && Buffer.from(n.nsec3.salt).equals(first.salt));
}

class Nsec3Set {
  private readonly hashes = new Map<string, Buffer>();
  private readonly list: Nsec3Record[];
  constructor(list: Nsec3Record[]) {
    this.list = list;
  }
  private h(name: string): Buffer {
    let v = this.hashes.get(name);
    if (!v) { v = nsec3Hash(name, this.list[0].nsec3.salt, this.list[0].nsec3.iterations); this.hashes.set(name, v); }
    return v;
  }
  matching(name: string): Nsec3Record | undefined {
    const h = this.h(name);
    return this.list.find((n) => n.hash.equals(h));
  }
  covering(name: string): Nsec3Record | undefined {
    const h = this.h(name);
    return this.list.find((n) => {
      const afterOwner = Buffer.compare(n.hash, h) < 0, beforeNext = Buffer.compare(h, n.nsec3.nextHash) < 0;
      return Buffer.compare(n.hash, n.nsec3.nextHash) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
    });
  }
  /** RFC 5155 §8.3: the closest encloser (matched) and the next closer name (covered). */
  closestEncloser(qname: string, zone: string): { ce: string; cover: Nsec3Record } | null {
    const zoneLabels = labelCount(zone);
    for (let n = labelCount(qname) - 1; n >= zoneLabels; n--) {
      const ce = suffixName(qname, n);
      if (!this.matching(ce)) continue;
      const cover = this.covering(suffixName(qname, n + 1));
      return cover ? { ce, cover } : null;
    }
    return null;
  }
}

const wildcardOf = (ce: string): string => (ce === '.' ? '*.' : `*.${ce}`);

function noType(n: Nsec3, qtype: number): boolean {
  if (n.types.has(qtype) || n.types.has(TYPE.CNAME)) return false;
  if (qtype !== TYPE.DS && n.types.has(TYPE.NS) && !n.types.has(TYPE.SOA)) return false;
  if (qtype === TYPE.DS && n.types.has(TYPE.SOA)) return false;
  return true;
}

/** 'secure' (proven), 'opt-out' (proven only up to an opt-out span: insecure) or 'fail'. */
export type Nsec3Proof = 'secure' | 'opt-out' | 'fail';

export function nsec3NameError(list: Nsec3Record[], qname: string, zone: string): Nsec3Proof {
  if (list.length === 0) return 'fail';
  const set = new Nsec3Set(list);
  const p = set.closestEncloser(qname, zone);
  if (!p || !set.covering(wildcardOf(p.ce))) return 'fail';
  return p.cover.nsec3.optOut ? 'opt-out' : 'secure';
}

export function nsec3NoData(list: Nsec3Record[], qname: string, qtype: number, zone: string): Nsec3Proof {
  if (list.length === 0) return 'fail';
  const set = new Nsec3Set(list);
  const exact = set.matching(qname);
  if (exact) return noType(exact.nsec3, qtype) ? 'secure' : 'fail';
  const p = set.closestEncloser(qname, zone);
  if (!p) return 'fail';
  if (qtype === TYPE.DS && p.cover.nsec3.optOut) return 'opt-out';
  const w = set.matching(wildcardOf(p.ce));
  return w && noType(w.nsec3, qtype) ? 'secure' : 'fail';
}

/** A wildcard-expanded answer: the next closer name below the source of synthesis must be covered. */
export function nsec3WildcardAnswer(list: Nsec3Record[], qname: string, wildcardLabels: number): Nsec3Proof {
  if (list.length === 0 || wildcardLabels >= labelCount(qname)) return 'fail';
  const cover = new Nsec3Set(list).covering(suffixName(qname, wildcardLabels + 1));
  return cover ? 'secure' : 'fail';
}
