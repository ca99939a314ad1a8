// Deterministic data tampering: pick exactly round(rate × N) of the N eligible records (A, AAAA, TXT,
// MX outside delegations: changing them affects no other record) and give each a different value.
import type { Zone, ZoneRecord } from '../zone/zone-types.ts';
import { seededRandom } from './faults.ts';
import { delegationPoints, findCut } from './zone-index.ts';

const ELIGIBLE = new Set(['A', 'AAAA', 'TXT', 'MX']);

/** Records whose change affects no other record, in zone order. */
export function eligibleRecords(zones: Zone[]): ZoneRecord[] {
  const out: ZoneRecord[] = [];
  for (const z of zones) {
    const cuts = delegationPoints(z);
    for (const r of z.records) {
      if (ELIGIBLE.has(r.type) && findCut(r.name, z.origin, cuts) === null) out.push(r);
    }
  }
  return out;
}

function alteredValue(r: ZoneRecord, j: number, taken: Set<string>): string {
  for (let k = 0; k < 100_000; k++) {
    const n = j + k;
    let v: string;
    switch (r.type) {
      case 'A': v = `198.51.${100 + ((n >> 8) % 16)}.${n & 0xff}`; break;
      case 'AAAA': v = `2001:db8:bad::${(n + 1).toString(16)}`; break;
      case 'TXT': v = `"tampered-${n}"`; break;
      default: v = `${r.data.split(' ')[0]} tampered-${n}.invalid.`; break; // MX keeps its preference
    }
    if (v !== r.data && !taken.has(v)) return v;
  }
  throw new Error('no free tamper value');
}

/**
 * Chooses the tampered records and their new data. Same zones, rate and seed give the same choice.
 * The map is keyed by the original record objects of the zones.
 */
export function chooseTampering(zones: Zone[], rate: number, seed = 1): Map<ZoneRecord, string> {
  const result = new Map<ZoneRecord, string>();
  if (!(rate > 0)) return result;
  const eligible = eligibleRecords(zones);
  const k = Math.min(eligible.length, Math.round(rate * eligible.length));
  // partial Fisher-Yates over indices with a seeded generator
  const idx = eligible.map((_r, i) => i);
  const rnd = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rnd() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  // values taken per RRset, so a tampered record never duplicates another record of its RRset
  const taken = new Map<string, Set<string>>();
  const rrsetOf = (r: ZoneRecord): Set<string> => {
    const key = `${r.name}|${r.type}`;
    let s = taken.get(key);
    if (!s) {
      s = new Set();
      taken.set(key, s);
    }
    return s;
  };
  for (const r of eligible) rrsetOf(r).add(r.data);
  const chosen = idx.slice(0, k).sort((a, b) => a - b);
  for (const i of chosen) {
    const r = eligible[i];
    const set = rrsetOf(r);
    const v = alteredValue(r, i, set);
    set.add(v);
    result.set(r, v);
  }
  return result;
}
