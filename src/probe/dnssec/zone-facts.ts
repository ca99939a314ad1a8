// Facts of a signed zone read from the truth, pure: the earliest RRSIG expiration (kept per truth
// object, so a big zone is read once per version, not every cycle) and whether a DS (presentation
// RDATA) matches one of the zone's DNSKEYs.
import { dsDigest, keyTag } from '../../dnssec/crypto-keys.ts';
import { fromZoneRecord } from '../../dnssec/records.ts';
import { parseDs } from '../../dnssec/rdata-parse.ts';
import type { Rr } from '../../dnssec/types.ts';
import { nameToWire } from '../../dnssec/wire-names.ts';
import type { TruthIndex } from '../truth/truth-index.ts';

const expiryCache = new WeakMap<TruthIndex, Map<string, number | null>>();

/** RRSIG expiration field: YYYYMMDDHHmmSS (UTC) or seconds (RFC 4034 §3.2), as seconds since the epoch. */
export function rrsigTime(field: string): number | null {
  if (/^\d{14}$/.test(field)) {
    const t = Date.UTC(+field.slice(0, 4), +field.slice(4, 6) - 1, +field.slice(6, 8), +field.slice(8, 10), +field.slice(10, 12), +field.slice(12, 14));
    return Math.floor(t / 1000);
  }
  return /^\d{1,10}$/.test(field) ? Number(field) : null;
}

/** The earliest RRSIG expiration among the truth's signatures of `zone` (seconds), or null. */
export function earliestExpiry(truth: TruthIndex, zone: string): number | null {
  let perZone = expiryCache.get(truth);
  if (!perZone) { perZone = new Map(); expiryCache.set(truth, perZone); }
  if (perZone.has(zone)) return perZone.get(zone)!;
  let earliest: number | null = null;
  for (const [key, list] of truth.rrsetEntries()) {
    if (!key.endsWith('|RRSIG')) continue;
    const owner = key.slice(0, key.lastIndexOf('|'));
    if (truth.zoneOf(owner) !== zone) continue;
    for (const data of list) {
      const t = rrsigTime(data.split(' ', 5)[4] ?? '');
      if (t !== null && (earliest === null || t < earliest)) earliest = t;
    }
  }
  perZone.set(zone, earliest);
  return earliest;
}

/** True when the DS (RDATA in presentation form) names one of `dnskeys` by tag, algorithm and digest. */
export function dsMatchesKeys(zone: string, dsData: string, dnskeys: readonly Rr[]): boolean {
  let ds;
  try { ds = parseDs(fromZoneRecord({ name: zone, type: 'DS', ttl: 0, data: dsData }).rdata); } catch { return false; }
  const owner = nameToWire(zone);
  return dnskeys.some((k) => {
    if (keyTag(k.rdata) !== ds.keyTag || k.rdata[3] !== ds.algorithm) return false;
    const digest = dsDigest(owner, k.rdata, ds.digestType);
    return !!digest && Buffer.from(digest).equals(ds.digest);
  });
}
