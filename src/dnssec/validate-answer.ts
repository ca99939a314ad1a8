// validateAnswer: one authoritative answer as the probe sees it (the DNS client's ZoneRecords or Rrs),
// judged against the zone's trusted keys: every answer RRset signed (wildcard expansions with their
// proof), or — no answer records — the NXDOMAIN / NODATA denial. Pure; the probe's `check.dnssec` calls it
// per answer with the keys from verifyZoneKeys (once per zone and cycle) and one VerifyCache per cycle.
import type { ZoneRecord } from '../zone/zone-types.ts';
import { typeNumber } from '../zone/rr-types.ts';
import type { Rr, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { secure } from './types.ts';
import { fromZoneRecord } from './records.ts';
import { groupRRsets, validateRRset } from './validate-rrset.ts';
import { validateDenial, validateWildcardAnswer } from './denial.ts';
import { parseRrsig } from './rdata-parse.ts';
import { isAtOrBelow } from './wire-names.ts';

export interface AnswerToCheck {
  qname: string;                 // absolute, lower-case
  qtype: string | number;
  rcode: string;                 // 'NOERROR' | 'NXDOMAIN' (others are not DNSSEC's business)
  answer: readonly (ZoneRecord | Rr)[];
  authority: readonly (ZoneRecord | Rr)[];
}

export interface AnswerVerdict extends Verdict {
  /** Per answer RRset: owner, type and its verdict (the first failure ends the check). */
  rrsets: { name: string; type: number; status: string; reason: string | null }[];
  /** Earliest expiry among the validated signatures (seconds), or null. */
  expiresAt: number | null;
  /**
   * Owners of answer RRsets left unjudged because another zone signs them (a CNAME target that the server
   * also serves): follow the alias to validate them with that zone's keys.
   */
  otherZone: string[];
}

const asRr = (r: ZoneRecord | Rr): Rr | null => {
  if (typeof r.type === 'number') return r as Rr;
  try { return fromZoneRecord(r as ZoneRecord); } catch { return null; }
};
const toRrs = (list: readonly (ZoneRecord | Rr)[]): Rr[] => list.map(asRr).filter((r): r is Rr => r !== null);

function signerOf(r: Rr): string | null {
  try { return parseRrsig(r.rdata).signer; } catch { return null; }
}

export function validateAnswer(a: AnswerToCheck, keys: ZoneKeys, ctx: ValidationContext): AnswerVerdict {
  const qtype = typeof a.qtype === 'number' ? a.qtype : typeNumber(a.qtype);
  const authority = toRrs(a.authority);
  const { rrsets, rrsigs } = groupRRsets(toRrs(a.answer));
  const out: AnswerVerdict = { ...secure(), rrsets: [], expiresAt: null, otherZone: [] };
  if (rrsets.length === 0) {
    const v = validateDenial(a.qname, qtype, a.rcode === 'NXDOMAIN' ? 'nxdomain' : 'nodata', authority, keys, ctx);
    return { ...out, ...v };
  }
  for (const set of rrsets) {
    const { name, type } = set[0];
    const signers = (rrsigs.get(name) ?? []).map(signerOf).filter((x) => x !== null);
    if (!isAtOrBelow(name, keys.zone) || (signers.length > 0 && !signers.includes(keys.zone) && name !== a.qname)) {
      if (!out.otherZone.includes(name)) out.otherZone.push(name);
      continue;
    }
    let v: Verdict = validateRRset(set, rrsigs.get(name) ?? [], keys, ctx);
    const exp = (v as { expiresAt?: number }).expiresAt;
    if (exp !== undefined && (out.expiresAt === null || exp < out.expiresAt)) out.expiresAt = exp;
    const wildcard = (v as { wildcardLabels?: number }).wildcardLabels;
    if (v.status === 'secure' && wildcard !== undefined) v = validateWildcardAnswer(name, wildcard, authority, keys, ctx);
    out.rrsets.push({ name, type, status: v.status, reason: v.reason });
    if (v.status !== 'secure') return { ...out, status: v.status, reason: v.reason, detail: v.detail };
  }
  return out;
}
