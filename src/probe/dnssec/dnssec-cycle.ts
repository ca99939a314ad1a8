// One cycle's DNSSEC state for `check.dnssec` systems: the time of the cycle (seconds, injected), one
// VerifyCache for every validation of the cycle, and each signed zone's keys, verified once per cycle
// from the truth's DNSKEY RRset against the zone's anchor (check.ds, else the truth's own SEP keys).
// When the DNSKEY RRset does not validate (expired, wrong DS), its zone keys are still used to judge
// every other RRset — each RRset's own signature then says what is wrong with it — and the key
// verdict itself is reported on the zone (dnssec-findings.ts).
import type { ResolvedSystem } from '../../config/config-types.ts';
import { fromZoneRecord, parseRecordLines } from '../../dnssec/records.ts';
import { dsDigest, keyTag } from '../../dnssec/crypto-keys.ts';
import { parseDnskey, parseDs } from '../../dnssec/rdata-parse.ts';
import { nameToWire } from '../../dnssec/wire-names.ts';
import type { Rr, ValidationContext, ZoneKeys } from '../../dnssec/types.ts';
import { VerifyCache } from '../../dnssec/validate-rrset.ts';
import { usableZoneKeys, verifyZoneKeys, type ZoneAnchor } from '../../dnssec/zone-keys.ts';
import type { TruthIndex } from '../truth/truth-index.ts';

export interface ZoneKeyState {
  zone: string;
  keys: ZoneKeys;
  /** The DNSKEY RRset's verdict against the anchor: 'secure', or why not. */
  status: 'secure' | 'insecure' | 'bogus' | 'indeterminate';
  reason: string | null;
  detail?: string;
  algorithms: number[];
  /** Where the anchor came from. */
  anchor: 'config-ds' | 'truth-dnskey';
}

const SEP = 0x0001;

function toRr(name: string, type: string, ttl: number, data: string): Rr | null {
  try { return fromZoneRecord({ name, type, ttl, data }); } catch { return null; }
}

/** The truth's records of one RRset as Rrs (RRSIGs: only those covering `covered`). */
export function truthRrs(truth: TruthIndex, name: string, type: string, covered?: string): Rr[] {
  const data = truth.rrset(name, type) ?? [];
  const ttl = truth.ttl(name, type) ?? 0;
  const out: Rr[] = [];
  for (const d of data) {
    if (covered && d.split(' ', 1)[0].toUpperCase() !== covered) continue;
    const rr = toRr(name, type, ttl, d);
    if (rr) out.push(rr);
  }
  return out;
}

/** The anchor of a zone: the configured DS lines for it, else the truth's SEP keys (all keys when none is SEP). */
export function anchorOf(system: ResolvedSystem, zone: string, dnskeys: readonly Rr[]): { anchor: ZoneAnchor; source: ZoneKeyState['anchor'] } {
  const lines = system.check?.ds ?? [];
  if (lines.length) {
    const ds = parseRecordLines(lines.join('\n')).filter(r => r.type === 'DS' && r.name === zone)
      .map(r => toRr(r.name, r.type, r.ttl, r.data)).filter((r): r is Rr => r !== null);
    if (ds.length) return { anchor: { ds }, source: 'config-ds' };
  }
  const sep = dnskeys.filter(r => { try { return (parseDnskey(r.rdata).flags & SEP) !== 0; } catch { return false; } });
  return { anchor: { dnskeys: sep.length ? sep : dnskeys }, source: 'truth-dnskey' };
}

export class DnssecCycle {
  readonly ctx: ValidationContext;
  readonly #zones = new Map<string, ZoneKeyState | null>();

  /** `now`: the cycle's time in seconds since the epoch (signature windows are judged against it). */
  constructor(now: number, cache: VerifyCache = new VerifyCache()) {
    this.ctx = { now, cache };
  }

  /** The keys of `zone` of a signed truth (null: the zone is not signed in the truth), once per cycle. */
  keysFor(system: ResolvedSystem, truth: TruthIndex, zone: string): ZoneKeyState | null {
    const id = `${system.id}|${zone}`;
    if (this.#zones.has(id)) return this.#zones.get(id)!;
    let state: ZoneKeyState | null = null;
    if (truth.isSigned(zone)) {
      const dnskeys = truthRrs(truth, zone, 'DNSKEY');
      const sigs = truthRrs(truth, zone, 'RRSIG', 'DNSKEY');
      const { anchor, source } = anchorOf(system, zone, dnskeys);
      const v = verifyZoneKeys(zone, dnskeys, sigs, anchor, this.ctx);
      const keys = v.keys ?? { zone, keys: usableZoneKeys(dnskeys) };
      const algorithms = v.algorithms ?? [...new Set(keys.keys.map(k => k.algorithm))].sort((a, b) => a - b);
      state = { zone, keys, status: v.status, reason: v.reason, ...(v.detail ? { detail: v.detail } : {}), algorithms, anchor: source };
    }
    this.#zones.set(id, state);
    return state;
  }

  /** Every zone state computed this cycle for one system. */
  zonesOf(systemId: string): ZoneKeyState[] {
    const out: ZoneKeyState[] = [];
    for (const [id, s] of this.#zones) if (s && id.startsWith(`${systemId}|`)) out.push(s);
    return out;
  }
}

// Facts of a signed zone read from the truth, pure: the earliest RRSIG expiration (kept per truth
// object, so a big zone is read once per version, not every cycle) and whether a DS (presentation
// RDATA) matches one of the zone's DNSKEYs.
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
