// validateAnswer: one authoritative answer as the probe sees it (the DNS client's ZoneRecords or Rrs),
// judged against the zone's trusted keys: every answer RRset signed (wildcard expansions with their
// proof), or — no answer records — the NXDOMAIN / NODATA denial. Pure; the probe's `check.dnssec` calls it
// per answer with the keys from verifyZoneKeys (once per zone and cycle) and one VerifyCache per cycle.
import type { ZoneRecord } from '../zone/zone-types.ts';
import { typeNumber } from '../zone/rr-types.ts';
import type { Rr, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { TYPE, bogus, secure } from './types.ts';
import type { ZoneAnchor } from './zone-keys.ts';
import { verifyZoneKeys } from './zone-keys.ts';
import { fromZoneRecord } from './records.ts';
import { groupRRsets, validateRRset } from './validate-rrset.ts';
import { validateDenial, validateWildcardAnswer } from './denial.ts';
import { parseRrsig } from './rdata-parse.ts';
import { isAtOrBelow, parentOf } from './wire-names.ts';

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

// validateZone: a whole zone's signatures (what ldns-verify-zone checks, and the probe's `sample: all`):
// the DNSKEY RRset from the anchor, then every authoritative RRset — not the NS set of a delegation, not
// glue below one. Returns the zone verdict (the first failure's reason) and counts.
export interface ZoneReport extends Verdict {
  rrsets: number;
  failures: { name: string; type: number; reason: string | null }[];
  algorithms: number[];
  /** Earliest signature expiry among the RRsets validated (seconds), or null. */
  earliestExpiry: number | null;
}

export function validateZone(zone: string, records: readonly Rr[], anchor: ZoneAnchor, ctx: ValidationContext,
  maxFailures = 100): ZoneReport {
  const { rrsets, rrsigs } = groupRRsets(records);
  const apexKeys = rrsets.find((s) => s[0].name === zone && s[0].type === TYPE.DNSKEY) ?? [];
  const kv = verifyZoneKeys(zone, apexKeys, rrsigs.get(zone) ?? [], anchor, ctx);
  const report: ZoneReport = { ...kv, rrsets: 0, failures: [], algorithms: kv.algorithms ?? [], earliestExpiry: kv.expiresAt ?? null };
  delete (report as { keys?: unknown }).keys;
  if (kv.status !== 'secure' || !kv.keys) return report;
  const cuts = rrsets.filter((s) => s[0].type === TYPE.NS && s[0].name !== zone).map((s) => s[0].name);
  const cutSet = new Set(cuts);
  // Below a cut when a proper ancestor (down to the apex) is one: O(labels) per RRset.
  const below = (name: string): boolean => {
    for (let p = parentOf(name); p !== null && p !== zone; p = parentOf(p)) if (cutSet.has(p)) return true;
    return false;
  };
  for (const set of rrsets) {
    const { name, type } = set[0];
    if (!isAtOrBelow(name, zone) || below(name)) continue;
    if (cutSet.has(name) && type !== TYPE.DS && type !== TYPE.NSEC) continue;
    report.rrsets++;
    const v = validateRRset(set, rrsigs.get(name) ?? [], kv.keys, ctx);
    if (v.status === 'secure') {
      if (v.expiresAt !== undefined && (report.earliestExpiry === null || v.expiresAt < report.earliestExpiry)) report.earliestExpiry = v.expiresAt;
      continue;
    }
    if (report.failures.length < maxFailures) report.failures.push({ name, type, reason: v.reason });
  }
  if (report.failures.length) {
    const f = report.failures[0];
    return { ...report, ...bogus(f.reason as 'bad-signature', `${report.failures.length} RRset(s) fail, first ${f.name} type ${f.type}`) };
  }
  return report;
}
