// NSEC3 denial from a pre-signed zone (ldns-signzone -n, with or without opt-out) for the built-in
// server's DO answers (RFC 5155 §7.2): the NSEC3 matching a name, the one covering a hashed name, and the
// closest encloser proof (matching closest encloser + covering next closer). Pure; built once per zone
// index from the zone's NSEC3 RRsets (their parameters: those of the first one, as validators do).
import { nsec3Hash } from '../dnssec/denial-nsec3.ts';
import { labelCount, suffixName } from '../dnssec/wire-names.ts';
import { toBase32Hex } from '../zone/presentation-text.ts';
import type { RRset, ZoneIndex } from './zone-index.ts';

const NSEC3 = 50;

export interface Nsec3Chain {
  origin: string;
  salt: Buffer;
  iterations: number;
  /** NSEC3 RRsets in hash order: owner's first label (base32hex, lower-case), next hash, set. */
  list: Array<{ hash: string; next: string; set: RRset }>;
}

/** The zone's NSEC3 chain, or null when it has none. */
export function nsec3Chain(z: ZoneIndex): Nsec3Chain | null {
  const list: Nsec3Chain['list'] = [];
  let params: { salt: Buffer; iterations: number } | null = null;
  for (const [owner, node] of z.nodes) {
    const set = node.get(NSEC3);
    if (!set) continue;
    // presentation: hash-algorithm flags iterations salt next-hash types…
    const [alg, , iterations, salt, next] = set.records[0].data.split(' ');
    if (alg !== '1') continue;
    params ??= { salt: salt === '-' ? Buffer.alloc(0) : Buffer.from(salt, 'hex'), iterations: Number(iterations) };
    list.push({ hash: owner.slice(0, owner.indexOf('.')).toLowerCase(), next: next.toLowerCase(), set });
  }
  if (!params || list.length === 0) return null;
  list.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return { origin: z.origin, ...params, list };
}

const hashOf = (c: Nsec3Chain, name: string): string => toBase32Hex(nsec3Hash(name, c.salt, c.iterations)).toLowerCase();

/** The NSEC3 whose owner is the hash of `name`, or undefined. */
export function matchingNsec3(c: Nsec3Chain, name: string): RRset | undefined {
  const h = hashOf(c, name);
  let lo = 0, hi = c.list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c.list[mid].hash === h) return c.list[mid].set;
    if (c.list[mid].hash < h) lo = mid + 1; else hi = mid - 1;
  }
  return undefined;
}

/** The NSEC3 whose span covers the hash of `name` (owner < hash < next, the last one wrapping), or undefined. */
export function coveringNsec3(c: Nsec3Chain, name: string): RRset | undefined {
  const h = hashOf(c, name);
  let lo = 0, hi = c.list.length - 1, best = c.list.length - 1; // below the first owner: the last wraps around
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c.list[mid].hash < h) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const e = c.list[best];
  const covers = e.hash < e.next ? e.hash < h && h < e.next : h > e.hash || h < e.next;
  return covers ? e.set : undefined;
}

/**
 * The closest encloser proof for `name` (RFC 5155 §7.2.1): the NSEC3 matching its closest provable
 * encloser and the one covering the next closer name; `wildcard` adds the one covering *.<encloser>
 * (NXDOMAIN). Returns the RRsets to put in the authority section.
 */
export function closestEncloserProof(c: Nsec3Chain, name: string, wildcard: boolean): RRset[] {
  const total = labelCount(name);
  for (let n = total - 1; n >= labelCount(c.origin); n--) {
    const encloser = suffixName(name, n);
    const match = matchingNsec3(c, encloser);
    if (!match) continue;
    const out = [match];
    const nextCloser = coveringNsec3(c, suffixName(name, n + 1));
    if (nextCloser) out.push(nextCloser);
    if (wildcard) {
      const star = coveringNsec3(c, `*.${encloser === '.' ? '' : encloser}`);
      if (star) out.push(star);
    }
    return out;
  }
  return [];
}
