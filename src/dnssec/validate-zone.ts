// validateZone: a whole zone's signatures (what ldns-verify-zone checks, and the probe's `sample: all`):
// the DNSKEY RRset from the anchor, then every authoritative RRset — not the NS set of a delegation, not
// glue below one. Returns the zone verdict (the first failure's reason) and counts.
import type { Rr, ValidationContext, Verdict } from './types.ts';
import { TYPE, bogus } from './types.ts';
import { groupRRsets, validateRRset } from './validate-rrset.ts';
import type { ZoneAnchor } from './zone-keys.ts';
import { verifyZoneKeys } from './zone-keys.ts';
import { isAtOrBelow, parentOf } from './wire-names.ts';

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
