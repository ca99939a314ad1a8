// The authoritative truth of one system, turned into probe units: what each query should return.
// Pure: built from the zone records; the loader (truth-provider.ts) handles files and AXFR.
//
// Units are RRsets (name + type), in one of two shapes:
//  - 'answer': in-zone data; the node must answer with AA=1 and exactly these records;
//  - 'referral': the NS RRset at a delegation cut; the node must refer (AA=0, NS in authority) and
//    give the glue addresses the truth has for in-zone name servers (in additional).
// Not units: occluded data below a cut (glue is checked through its referral), RRSIG/NSEC/NSEC3
// (proofs that signers regenerate; DNSSEC checks validate them instead), and DNSKEY/DS/CDS/CDNSKEY/
// NSEC3PARAM when the zone is unsigned (no DNSKEY at the apex).
import type { Zone, ZoneRecord } from '../../zone/zone-types.ts';
import { serialOfSoaData } from '../../zone/serial-arithmetic.ts';
import type { TruthHistory, TruthVersion } from './truth-history.ts';
import { isUnder, parentName } from '../../core/dns-names.ts';

export interface GlueSet { name: string; type: 'A' | 'AAAA'; expected: string[] }

export interface ProbeUnit {
  zone: string;
  name: string;
  type: string;
  shape: 'answer' | 'referral';
  /** Canonical RDATA strings (deduplicated, TTL ignored). */
  expected: string[];
  /** For referrals: glue RRsets of in-zone name servers. */
  glue?: GlueSet[];
}

const NEVER_COMPARED = new Set(['RRSIG', 'NSEC', 'NSEC3']);
const SIGNED_ONLY = new Set(['DNSKEY', 'DS', 'CDS', 'CDNSKEY', 'NSEC3PARAM']);

const lower = (s: string) => s.toLowerCase();

export class TruthIndex implements TruthVersion {
  readonly zones: string[];
  /**
   * SOA serial of the first zone given (the system's first zone stands for the system: nodes are
   * judged by the serial they serve for it); null when that zone has no SOA.
   */
  readonly serial: number | null;
  /** Earlier versions of this truth as differences (set by the provider), or null. */
  history: TruthHistory | null = null;
  /** Every unit except the zones' apex SOA units. */
  readonly units: ProbeUnit[];
  readonly soaUnits: Map<string, ProbeUnit>;
  readonly recordCount: number;
  readonly #rrsets: Map<string, string[]>;
  /** TTL of the first record of each RRset (evidence of key-domain findings). */
  readonly #ttls: Map<string, number>;
  readonly #cuts: Set<string>;
  readonly #wildcardApex: Set<string>;

  constructor(zones: Zone[]) {
    this.zones = [...new Set(zones.map(z => lower(z.origin)))].sort((a, b) => b.length - a.length);
    this.#rrsets = new Map();
    this.#ttls = new Map();
    let count = 0;
    for (const zone of zones) {
      for (const r of zone.records) {
        const key = `${lower(r.name)}|${r.type.toUpperCase()}`;
        if (!this.#ttls.has(key)) this.#ttls.set(key, r.ttl);
        const list = this.#rrsets.get(key) ?? [];
        if (!list.includes(r.data)) { list.push(r.data); count++; }
        this.#rrsets.set(key, list);
      }
    }
    this.recordCount = count;
    const first = zones[0] ? lower(zones[0].origin) : undefined;
    this.serial = first ? serialOfSoaData(this.#rrsets.get(`${first}|SOA`)?.[0]) : null;
    this.#cuts = new Set();
    this.#wildcardApex = new Set();
    for (const key of this.#rrsets.keys()) {
      const [name, type] = key.split('|');
      if (type === 'NS' && !this.zones.includes(name)) this.#cuts.add(name);
      if (name.startsWith('*.') && this.zones.includes(name.slice(2))) this.#wildcardApex.add(name.slice(2));
    }
    this.units = [];
    this.soaUnits = new Map();
    for (const [key, expected] of this.#rrsets) {
      const [name, type] = key.split('|');
      const zone = this.zoneOf(name);
      if (!zone) continue;
      if (NEVER_COMPARED.has(type)) continue;
      if (SIGNED_ONLY.has(type) && !this.isSigned(zone)) continue;
      const cut = this.cutAbove(name, zone);
      if (cut && cut !== name) continue; // occluded: below a delegation
      if (cut === name && type !== 'NS' && type !== 'DS') continue; // occluded at the cut itself
      if (cut === name && type === 'NS') {
        this.units.push({ zone, name, type, shape: 'referral', expected, glue: this.#glueFor(expected) });
      } else if (type === 'SOA' && name === zone) {
        this.soaUnits.set(zone, { zone, name, type, shape: 'answer', expected });
      } else {
        this.units.push({ zone, name, type, shape: 'answer', expected });
      }
    }
  }

  /** The served zone that contains `name` (deepest match), or null. */
  zoneOf(name: string): string | null {
    const n = lower(name);
    for (const z of this.zones) if (isUnder(n, z)) return z;
    return null;
  }

  isSigned(zone: string): boolean { return this.#rrsets.has(`${zone}|DNSKEY`); }
  hasWildcardAtApex(zone: string): boolean { return this.#wildcardApex.has(zone); }

  /** The closest delegation cut at or above `name` inside `zone`, or null. */
  cutAbove(name: string, zone: string): string | null {
    let found: string | null = null;
    for (let n = lower(name); n !== zone && isUnder(n, zone) && n !== '.'; n = parentName(n) ?? '.') {
      if (this.#cuts.has(n)) found = n; // keep climbing: the topmost cut occludes everything below
    }
    return found;
  }

  /** The RRset data for name/type as stored in the truth (no CNAME following), or undefined. */
  rrset(name: string, type: string): string[] | undefined {
    return this.#rrsets.get(`${lower(name)}|${type.toUpperCase()}`);
  }

  /** TTL of the RRset in the truth, or undefined. */
  ttl(name: string, type: string): number | undefined {
    return this.#ttls.get(`${lower(name)}|${type.toUpperCase()}`);
  }

  rrsetEntries(): Iterable<[string, readonly string[]]> { return this.#rrsets.entries(); }
  rrsetByKey(key: string): readonly string[] | undefined { return this.#rrsets.get(key); }

  /** The records back (each RRset with its first record's TTL): the base an IXFR applies to. */
  toRecords(): ZoneRecord[] {
    const out: ZoneRecord[] = [];
    for (const [key, list] of this.#rrsets) {
      const i = key.lastIndexOf('|');
      const name = key.slice(0, i), type = key.slice(i + 1), ttl = this.#ttls.get(key) ?? 0;
      for (const data of list) out.push({ name, type, ttl, data });
    }
    return out;
  }

  /**
   * The RRsets that differ between the version with `serial` and this one, with their data at
   * `serial` (null = absent then); null when the history does not keep that version.
   */
  changesSince(serial: number): Map<string, string[] | null> | null {
    if (this.serial === null) return null;
    if (serial === this.serial) return new Map();
    return this.history?.changesSince(serial, this.serial) ?? null;
  }

  /**
   * What a resolver should finally return for name/type: follows CNAMEs inside the truth (at most 8).
   * undefined when the truth does not cover the final name; [] when the name/type has no data.
   */
  resolve(name: string, type: string): { finalName: string; expected: string[] } | undefined {
    let n = lower(name);
    for (let hop = 0; hop < 9; hop++) {
      const zone = this.zoneOf(n);
      if (!zone || this.cutAbove(n, zone)) return undefined;
      const direct = this.rrset(n, type);
      if (direct) return { finalName: n, expected: direct };
      const cname = type === 'CNAME' ? undefined : this.rrset(n, 'CNAME');
      if (!cname) return { finalName: n, expected: [] };
      n = lower(cname[0]);
    }
    return undefined;
  }

  #glueFor(nsTargets: string[]): GlueSet[] {
    const glue: GlueSet[] = [];
    for (const target of nsTargets.map(lower)) {
      const zone = this.zoneOf(target);
      if (!zone || !this.cutAbove(target, zone)) continue; // only in-zone, occluded addresses are glue
      for (const type of ['A', 'AAAA'] as const) {
        const expected = this.rrset(target, type);
        if (expected) glue.push({ name: target, type, expected });
      }
    }
    return glue;
  }
}
