// Record-by-record comparison of an answer with the truth. Pure.
// Unit: one RRset. Errors in an RRset = max(|expected \ got|, |got \ expected|) over canonical RDATA
// strings (TTL ignored), so one changed record counts once, one missing or one extra record counts once.
import type { ZoneRecord } from '../zone/zone-types.ts';

export interface RRsetComparison {
  errors: number;
  missing: string[];
  extra: string[];
}

export function compareRRset(expected: readonly string[], got: readonly string[]): RRsetComparison {
  const want = new Set(expected);
  const have = new Set(got);
  const missing = [...want].filter(d => !have.has(d));
  const extra = [...have].filter(d => !want.has(d));
  return { errors: Math.max(missing.length, extra.length), missing, extra };
}

/** Data strings of the records in `section` with this owner name and type (case-insensitive). */
export function pickRRset(section: readonly ZoneRecord[], name: string, type: string): string[] {
  const n = name.toLowerCase();
  const t = type.toUpperCase();
  const out: string[] = [];
  for (const r of section) {
    // Records from the DNS client are canonical already: try the exact match before folding case.
    if ((r.type === t || r.type.toUpperCase() === t) && (r.name === n || r.name.toLowerCase() === n)) out.push(r.data);
  }
  return out;
}

/**
 * True when `got` holds exactly the (distinct) strings of `expected`, in any order: the common case,
 * decided without building sets. False also when `expected` has duplicates or is large (the general
 * comparison then decides).
 */
export function sameRRset(expected: readonly string[], got: readonly string[]): boolean {
  const n = expected.length;
  if (got.length !== n || n > 16) return false;
  if (n === 1) return expected[0] === got[0];
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    if (!got.includes(e)) return false;
    for (let j = i + 1; j < n; j++) if (expected[j] === e) return false;
  }
  return true; // n distinct expected strings, all in got, |got| = n: got is a permutation
}

/**
 * The final RRset of an answer to name/type, following a CNAME chain inside the answer section
 * (at most 8 hops): what a resolver's client ends up using.
 */
export function finalRRset(answer: readonly ZoneRecord[], name: string, type: string): { finalName: string; data: string[] } {
  let n = name.toLowerCase();
  for (let hop = 0; hop < 9; hop++) {
    const direct = pickRRset(answer, n, type);
    if (direct.length > 0 || type.toUpperCase() === 'CNAME') return { finalName: n, data: direct };
    const cname = pickRRset(answer, n, 'CNAME');
    if (cname.length === 0) return { finalName: n, data: [] };
    n = cname[0].toLowerCase();
  }
  return { finalName: n, data: [] };
}

export type DataErrorSample = {
  name: string;
  type: string;
  problem: 'missing' | 'different' | 'extra';
  expected?: string[];
  got?: string[];
  /** Why the RRset is wrong when its data is equal: a DNSSEC verdict ("dnssec signature-expired"). */
  reason?: string;
};

export function describeMismatch(name: string, type: string, expected: readonly string[], got: readonly string[]): DataErrorSample {
  const problem = got.length === 0 ? 'missing' : expected.length === 0 ? 'extra' : 'different';
  return { name, type, problem, expected: [...expected], got: [...got] };
}
