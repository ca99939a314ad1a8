import { seededRandom } from '../core/seeded-random.ts';
// Fault knobs of the lab server and the seeded PRNG behind the "random" ones.

export interface Faults {
  stopped?: boolean;    // answer nothing (sockets stay open, every query is dropped)
  dropRate?: number;    // fraction of queries dropped at random, 0..1
  dropSeed?: number;    // makes drop decisions reproducible (otherwise Math.random)
  delayMs?: number;     // answer after this delay
  servfail?: boolean;   // answer SERVFAIL to everything
  tamperRate?: number;  // fraction of eligible records (A, AAAA, TXT, MX) served with altered data, 0..1
  tamperSeed?: number;  // which records are altered (default 1)
}

export class FaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultError';
  }
}

/** Validates and copies faults; throws FaultError on out-of-range values. */
export function normalizeFaults(f: Faults): Faults {
  const rate = (v: number | undefined, what: string): void => {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0 && v <= 1)) throw new FaultError(`${what} must be within 0..1, got ${v}`);
  };
  rate(f.dropRate, 'dropRate');
  rate(f.tamperRate, 'tamperRate');
  if (f.delayMs !== undefined && !(Number.isFinite(f.delayMs) && f.delayMs >= 0 && f.delayMs <= 600_000)) {
    throw new FaultError(`delayMs must be within 0..600000, got ${f.delayMs}`);
  }
  for (const k of ['dropSeed', 'tamperSeed'] as const) {
    if (f[k] !== undefined && !Number.isInteger(f[k])) throw new FaultError(`${k} must be an integer`);
  }
  const out: Faults = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export { seededRandom } from '../core/seeded-random.ts';
