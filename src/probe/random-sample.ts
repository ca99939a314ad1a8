// Randomness for probing: a seedable generator (tests) and sampling without replacement. Pure.

import type { Rng } from '../core/seeded-random.ts';

export type { Rng };
/** Deterministic for a given seed (tests). */
export { seededRandom as seededRng } from '../core/seeded-random.ts';

/** `count` distinct items of `items` in random order (all of them, unshuffled, for 'all' or count ≥ length). */
export function sampleWithoutReplacement<T>(items: readonly T[], count: number | 'all', rng: Rng): T[] {
  if (count === 'all' || count >= items.length) return [...items];
  if (count <= 0) return [];
  // Floyd's algorithm: O(count) time and memory whatever the size of `items`.
  const chosen = new Set<number>();
  const n = items.length;
  for (let j = n - count; j < n; j++) {
    const t = Math.floor(rng() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].map(i => items[i]);
}

/** A random DNS label that no real zone contains, e.g. "dw-nx-k3j9x0q2ab". */
export function randomLabel(rng: Rng): string {
  let s = 'dw-nx-';
  for (let i = 0; i < 12; i++) s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rng() * 36)];
  return s;
}
