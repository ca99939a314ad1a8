// NSEC proofs (RFC 4035 §5.4, RFC 4034 §4): name error (an NSEC covers the name and one covers the
// wildcard at the closest encloser), no data (the name's NSEC lacks the type and CNAME; an empty
// non-terminal; a wildcard's NSEC lacks the type) and wildcard expansion (the query name is covered).
// The NSEC RRsets given here have already been validated.
import type { Rr } from './types.ts';
import { TYPE } from './types.ts';
import { parseNsec } from './rdata-parse.ts';
import type { Nsec } from './rdata-parse.ts';
import { compareNames, isAtOrBelow, labelCount, nameLabels, nsecCovers, suffixName } from './wire-names.ts';

export interface NsecRecord { owner: string; nsec: Nsec }

export function nsecRecords(records: readonly Rr[]): NsecRecord[] {
  const out: NsecRecord[] = [];
  for (const r of records) {
    if (r.type !== TYPE.NSEC) continue;
    try { out.push({ owner: r.name, nsec: parseNsec(r.rdata) }); } catch { /* malformed: ignored, proof may fail */ }
  }
  return out;
}

/** Number of rightmost labels two names share. */
export function commonLabels(a: string, b: string): number {
  const la = nameLabels(a), lb = nameLabels(b);
  let n = 0;
  for (let i = la.length - 1, j = lb.length - 1; i >= 0 && j >= 0; i--, j--) {
    if (Buffer.compare(la[i], lb[j]) !== 0) break;
    n++;
  }
  return n;
}

const covering = (list: NsecRecord[], name: string): NsecRecord | undefined =>
  list.find((n) => compareNames(n.owner, name) !== 0 && nsecCovers(n.owner, n.nsec.next, name));

/** Closest encloser implied by the NSEC covering qname (the longer shared suffix of its owner and next). */
function closestEncloser(cover: NsecRecord, qname: string): string {
  return suffixName(qname, Math.max(commonLabels(qname, cover.owner), commonLabels(qname, cover.nsec.next)));
}

/** The types an NSEC's bitmap must lack for a no-data proof of qtype at its owner. */
function provesNoType(n: Nsec, qtype: number, owner: string, zone: string): boolean {
  if (n.types.has(qtype) || n.types.has(TYPE.CNAME)) return false;
  // A delegation point's NSEC is the parent's: it proves nothing about the child's data, only no DS.
  if (qtype !== TYPE.DS && n.types.has(TYPE.NS) && !n.types.has(TYPE.SOA)) return false;
  // The child apex's NSEC cannot deny a DS, which lives at the parent.
  if (qtype === TYPE.DS && n.types.has(TYPE.SOA) && owner !== zone) return false;
  return true;
}

export function nsecNameError(list: NsecRecord[], qname: string): boolean {
  const cover = covering(list, qname);
  if (!cover) return false;
  const ce = closestEncloser(cover, qname);
  const wildcard = ce === '.' ? '*.' : `*.${ce}`;
  return covering(list, wildcard) !== undefined;
}

export function nsecNoData(list: NsecRecord[], qname: string, qtype: number, zone: string): boolean {
  const exact = list.find((n) => n.owner === qname);
  if (exact) return provesNoType(exact.nsec, qtype, exact.owner, zone);
  const cover = covering(list, qname);
  if (!cover) return false;
  // Empty non-terminal: the next name after it is below it.
  if (isAtOrBelow(cover.nsec.next, qname) && compareNames(cover.nsec.next, qname) !== 0) return true;
  const ce = closestEncloser(cover, qname);
  const wildcard = ce === '.' ? '*.' : `*.${ce}`;
  const w = list.find((n) => n.owner === wildcard);
  return w !== undefined && provesNoType(w.nsec, qtype, w.owner, zone);
}

/** A wildcard-expanded answer: qname must not exist (an NSEC covers it) below the source of synthesis. */
export function nsecWildcardAnswer(list: NsecRecord[], qname: string, wildcardLabels: number): boolean {
  if (wildcardLabels >= labelCount(qname)) return false;
  return covering(list, qname) !== undefined;
}
