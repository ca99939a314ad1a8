// A small seedable generator (mulberry32) for everything that must be reproducible: fault
// injection, sampling in tests, fuzz mutations. Not for anything security-relevant (query IDs
// use node:crypto). Returns values in [0, 1).
export type Rng = () => number;

export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
