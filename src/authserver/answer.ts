// Authoritative answer logic (RFC 1034 §4.3.2 without wildcards): pick the closest zone, follow
// delegations as referrals, CNAMEs inside the zone, and NXDOMAIN/NODATA with the SOA. Pure: in goes the
// index, out come the encoded sections.
import { EMPTY, RCODE, errorBody } from './wire.ts';
import type { Body } from './wire.ts';
import { T, findCut } from './zone-index.ts';
import { parentName } from '../core/dns-names.ts';
import type { RRset, ZoneIndex } from './zone-index.ts';
import { closestEncloser, coveringNsec, dnssecView, typeKey, type DnssecView } from './dnssec-answer.ts';
import { closestEncloserProof, matchingNsec3 } from './dnssec-nsec3.ts';

const MAX_CNAME_CHAIN = 8;

/** Most specific zone containing name, or undefined. */
export function findZone(zones: Map<string, ZoneIndex>, name: string): ZoneIndex | undefined {
  for (let n: string | null = name; n !== null; n = parentName(n)) {
    const z = zones.get(n);
    if (z) return z;
  }
  return undefined;
}

class Sections {
  an: Buffer[] = []; anCount = 0;
  ns: Buffer[] = []; nsCount = 0;
  ar: Buffer[] = []; arCount = 0;
  seenAdditional = new Set<string>();
  /** DO on a pre-signed zone (dnssec-answer.ts): each answer and authority RRset brings its RRSIGs. */
  sig: DnssecView | null = null;
  seenNsec = new Set<string>();
  answer(s: RRset): void { this.an.push(s.wire); this.anCount += s.count; this.signed(s, true); }
  authority(s: RRset): void { this.ns.push(s.wire); this.nsCount += s.count; this.signed(s, false); }
  signed(s: RRset, answer: boolean): void {
    const sig = this.sig?.sigs.get(`${s.name}|${typeKey(s)}`);
    if (!sig) return;
    if (answer) { this.an.push(sig.wire); this.anCount += sig.count; } else { this.ns.push(sig.wire); this.nsCount += sig.count; }
  }
  nsec(s: RRset | undefined): void {
    if (!s || this.seenNsec.has(s.name)) return;
    this.seenNsec.add(s.name);
    this.authority(s);
  }
  additional(s: RRset): void {
    const key = `${s.name}|${s.typeCode}`;
    if (this.seenAdditional.has(key)) return;
    this.seenAdditional.add(key);
    this.ar.push(s.wire); this.arCount += s.count;
  }
  body(rcode: number, aa: boolean, additionalRequired = false): Body {
    const cat = (l: Buffer[]): Buffer => (l.length === 0 ? EMPTY : l.length === 1 ? l[0] : Buffer.concat(l));
    return {
      rcode, aa, an: cat(this.an), anCount: this.anCount, ns: cat(this.ns), nsCount: this.nsCount,
      ar: cat(this.ar), arCount: this.arCount, additionalRequired,
    };
  }
}

/** Adds A/AAAA of target names held in this zone (glue included) to the additional section. */
function addAddresses(z: ZoneIndex, targets: string[], out: Sections): void {
  for (const t of targets) {
    const node = z.nodes.get(t);
    if (!node) continue;
    const a = node.get(T.A);
    if (a) out.additional(a);
    const aaaa = node.get(T.AAAA);
    if (aaaa) out.additional(aaaa);
  }
}

/** Names an RRset points to that deserve address records in the additional section. */
function additionalTargets(s: RRset): string[] {
  switch (s.typeCode) {
    case T.NS: return s.records.map((r) => r.data);
    case T.MX: return s.records.map((r) => r.data.slice(r.data.indexOf(' ') + 1));
    case T.SRV: return s.records.map((r) => r.data.split(' ')[3]);
  }
  return [];
}

/** The negative answer's authority: the SOA, and with DO on a signed zone its RRSIG and the NSEC proof. */
function negative(z: ZoneIndex, out: Sections, name: string, nxdomain: boolean): void {
  out.ns.push(z.negativeSoa); out.nsCount++;
  const v = out.sig;
  if (!v) return;
  out.signed(z.soa, false);
  if (v.nsec3) {
    // NODATA: the NSEC3 of the name (empty non-terminals have theirs); NXDOMAIN: the closest encloser proof
    const match = nxdomain ? undefined : matchingNsec3(v.nsec3, name);
    for (const s of match ? [match] : closestEncloserProof(v.nsec3, name, nxdomain)) out.nsec(s);
  } else if (nxdomain) {
    out.nsec(coveringNsec(v, name));
    const wildcard = `*.${closestEncloser(z, name)}`;
    out.nsec(z.nodes.get(wildcard)?.get(T.NSEC) ?? coveringNsec(v, wildcard));
  } else out.nsec(z.nodes.get(name)?.get(T.NSEC) ?? coveringNsec(v, name));
}

function referral(z: ZoneIndex, cut: string, out: Sections): Body {
  const node = z.nodes.get(cut)!;
  const ns = node.get(T.NS)!;
  out.ns.push(ns.wire); out.nsCount += ns.count; // the NS of a cut is not signed by the parent
  const ds = node.get(T.DS);
  if (ds) out.authority(ds);
  else if (out.sig?.nsec3) { // no DS: the NSEC3 of the cut, or (opt-out) the closest encloser proof
    const match = matchingNsec3(out.sig.nsec3, cut);
    for (const s of match ? [match] : closestEncloserProof(out.sig.nsec3, cut, false)) out.nsec(s);
  } else if (out.sig) out.nsec(node.get(T.NSEC)); // no DS: the NSEC at the cut proves it
  addAddresses(z, additionalTargets(ns), out);
  return out.body(RCODE.NOERROR, false, true);
}

/** Answer for qname/qtype (class IN) from the zones served. */
export function resolve(zones: Map<string, ZoneIndex>, qname: string, qtype: number, dnssecOk = false): Body {
  const z = findZone(zones, qname);
  if (!z) return errorBody(RCODE.REFUSED);
  const out = new Sections();
  if (dnssecOk) out.sig = dnssecView(z);
  let name = qname;
  for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
    const cut = findCut(name, z.origin, z.cuts);
    // DS at a delegation point belongs to the parent side: answer it here, authoritatively
    if (cut !== null && !(cut === name && qtype === T.DS)) {
      if (hop > 0) return out.body(RCODE.NOERROR, true); // CNAME into a delegation: stop at the cut
      return referral(z, cut, out);
    }
    const node = z.nodes.get(name);
    if (!node) {
      if (z.existing.has(name)) break; // empty non-terminal: NODATA
      negative(z, out, name, true);
      return out.body(RCODE.NXDOMAIN, true);
    }
    if (qtype === T.ANY) {
      for (const s of node.values()) out.answer(s);
      return out.body(RCODE.NOERROR, true);
    }
    const direct = node.get(qtype);
    if (direct) {
      out.answer(direct);
      addAddresses(z, additionalTargets(direct), out);
      return out.body(RCODE.NOERROR, true);
    }
    const cname = node.get(T.CNAME);
    if (!cname) break; // NODATA
    out.answer(cname);
    const target = cname.records[0].data;
    if (findZone(zones, target) !== z) return out.body(RCODE.NOERROR, true); // leaves the zone: client follows
    name = target;
  }
  negative(z, out, name, false);
  return out.body(RCODE.NOERROR, true);
}
