// Serving a pre-signed zone (ldns-signzone's output, NSEC only) to queries with DO: the RRSIGs of every
// answer and authority RRset, and the NSEC proofs of negative answers — the NSEC covering the name and
// the one covering the wildcard at its closest encloser (NXDOMAIN), the NSEC at the name (NODATA; an
// empty non-terminal: the covering one), the NSEC at a cut without DS (an insecure delegation). No
// signing here: the zone carries its signatures (lab faults strip or expire them, src/lab). Pure; built
// once per zone index. Zones without RRSIGs are served as before; an NSEC3 zone's denial: dnssec-nsec3.ts.
import type { ZoneRecord } from '../zone/zone-types.ts';
import { compareNames, nsecCovers } from '../dnssec/wire-names.ts';
import { parentName } from '../core/dns-names.ts';
import type { RRset, ZoneIndex } from './zone-index.ts';
import { nsec3Chain, type Nsec3Chain } from './dnssec-nsec3.ts';

const RRSIG = 46, NSEC = 47;

export interface DnssecView {
  /** RRSIGs at an owner covering a type: owner|type → wire and count. */
  sigs: Map<string, { wire: Buffer; count: number }>;
  /** NSEC RRsets in canonical order of their owners, with next names. */
  nsecs: Array<{ owner: string; next: string; set: RRset }>;
  /** The NSEC3 chain of an NSEC3 zone (then its denial proofs), else null. */
  nsec3: Nsec3Chain | null;
}

const views = new WeakMap<ZoneIndex, DnssecView | null>();

/** The zone's signatures and NSEC chain, or null for an unsigned zone. */
export function dnssecView(z: ZoneIndex): DnssecView | null {
  if (views.has(z)) return views.get(z)!;
  const sigs = new Map<string, { wire: Buffer; count: number }>();
  const nsecs: DnssecView['nsecs'] = [];
  for (const [owner, node] of z.nodes) {
    const rrsig = node.get(RRSIG);
    if (rrsig) {
      const byType = new Map<string, ZoneRecord[]>();
      rrsig.records.forEach((r) => { const t = r.data.split(' ', 1)[0].toUpperCase(); byType.set(t, [...(byType.get(t) ?? []), r]); });
      for (const [type, list] of byType) {
        // the RRSIG RRset's wire is the concatenation of its records' encodings, in order: slice it per record
        const parts = splitWire(rrsig, list);
        sigs.set(`${owner}|${type}`, { wire: Buffer.concat(parts), count: parts.length });
      }
    }
    const nsec = node.get(NSEC);
    if (nsec) nsecs.push({ owner, next: nsec.records[0].data.split(' ', 1)[0].toLowerCase(), set: nsec });
  }
  nsecs.sort((a, b) => compareNames(a.owner, b.owner));
  const view = sigs.size > 0 ? { sigs, nsecs, nsec3: nsecs.length ? null : nsec3Chain(z) } : null;
  views.set(z, view);
  return view;
}

/** The encoded records of `rrset` that are in `want` (same objects), in order. */
function splitWire(rrset: RRset, want: readonly ZoneRecord[]): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  for (const r of rrset.records) {
    const len = recordLength(rrset.wire, off);
    if (want.includes(r)) out.push(rrset.wire.subarray(off, off + len));
    off += len;
  }
  return out;
}

/** Length of one uncompressed RR at `off`: owner name, type, class, TTL, RDLENGTH, RDATA. */
function recordLength(b: Buffer, off: number): number {
  let p = off;
  for (let guard = 0; guard < 128 && b[p] !== 0; guard++) p += b[p] + 1;
  p += 1;
  return p - off + 10 + b.readUInt16BE(p + 8);
}

/** Type mnemonic of an RRset for the sigs map. */
export function typeKey(s: RRset): string {
  return s.records[0]?.type.toUpperCase() ?? '';
}

/** The NSEC whose span covers `name` (owner < name < next), or undefined. */
export function coveringNsec(v: DnssecView, name: string): RRset | undefined {
  const list = v.nsecs;
  let lo = 0, hi = list.length - 1, best = list.length - 1; // the last NSEC wraps around to the apex
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (compareNames(list[mid].owner, name) < 0) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const e = list[best];
  return e && nsecCovers(e.owner, e.next, name) ? e.set : undefined;
}

/** The closest existing ancestor of a name that does not exist. */
export function closestEncloser(z: ZoneIndex, name: string): string {
  for (let n = parentName(name); n !== null; n = parentName(n)) if (z.existing.has(n)) return n;
  return z.origin;
}
