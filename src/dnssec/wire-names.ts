// Names in wire form and in canonical DNSSEC order (RFC 4034 §6.1). Names arrive as the zone code's
// canonical text (absolute, lower-case, `\.` for a dot inside a label); labels are compared as
// lower-cased octet strings from the rightmost label.

const wireCache = new Map<string, Uint8Array>();
const labelCache = new Map<string, Uint8Array[]>();
const CACHE_MAX = 200_000;

/** Labels of a name, leftmost first, each as octets (lower-cased ASCII). Root has none. */
export function nameLabels(name: string): Uint8Array[] {
  const hit = labelCache.get(name);
  if (hit) return hit;
  const out: Uint8Array[] = [];
  if (name !== '.' && name !== '') {
    const body = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
    for (const raw of body.split(/(?<!\\)\./)) {
      const text = raw.replace(/\\(\d{3})/g, (_m, d: string) => String.fromCharCode(Number(d))).replace(/\\(.)/g, '$1');
      out.push(new Uint8Array(Buffer.from(text.toLowerCase(), 'latin1')));
    }
  }
  if (labelCache.size >= CACHE_MAX) labelCache.clear();
  labelCache.set(name, out);
  return out;
}

/** Uncompressed, lower-cased wire form of a name. */
export function nameToWire(name: string): Uint8Array {
  const hit = wireCache.get(name);
  if (hit) return hit;
  const labels = nameLabels(name);
  let len = 1;
  for (const l of labels) len += l.length + 1;
  const out = new Uint8Array(len);
  let o = 0;
  for (const l of labels) { out[o++] = l.length; out.set(l, o); o += l.length; }
  out[o] = 0;
  if (wireCache.size >= CACHE_MAX) wireCache.clear();
  wireCache.set(name, out);
  return out;
}

/** Reads an uncompressed wire name at offset: the text and the offset after it. */
export function readWireName(b: Uint8Array, offset: number): { name: string; end: number } {
  const parts: string[] = [];
  let o = offset;
  for (let guard = 0; guard < 128; guard++) {
    if (o >= b.length) throw new Error('name runs past RDATA');
    const len = b[o++];
    if (len === 0) return { name: parts.length ? parts.join('.') + '.' : '.', end: o };
    if (len > 63 || o + len > b.length) throw new Error('bad label in RDATA name');
    let s = '';
    for (let i = 0; i < len; i++) {
      const c = b[o + i];
      if (c === 0x2e || c === 0x5c) s += '\\' + String.fromCharCode(c);
      else if (c < 0x21 || c > 0x7e) s += '\\' + String(c).padStart(3, '0');
      else s += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
    }
    parts.push(s);
    o += len;
  }
  throw new Error('too many labels');
}

export const labelCount = (name: string): number => nameLabels(name).length;

function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Canonical order of two names: < 0, 0, > 0 (RFC 4034 §6.1). */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const la = nameLabels(a), lb = nameLabels(b);
  for (let i = la.length - 1, j = lb.length - 1; i >= 0 && j >= 0; i--, j--) {
    const c = compareOctets(la[i], lb[j]);
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}

/** True when name is at or below zone. */
export function isAtOrBelow(name: string, zone: string): boolean {
  const ln = nameLabels(name), lz = nameLabels(zone);
  if (lz.length > ln.length) return false;
  for (let i = 1; i <= lz.length; i++) if (compareOctets(ln[ln.length - i], lz[lz.length - i]) !== 0) return false;
  return true;
}

/** The last `count` labels of a name as a name ("a.b.c.", 2 → "b.c."). */
export function suffixName(name: string, count: number): string {
  if (count <= 0) return '.';
  const body = name.slice(0, -1).split(/(?<!\\)\./);
  return body.slice(body.length - count).join('.') + '.';
}

/** The parent of a name, or null for the root. */
export const parentOf = (name: string): string | null => (name === '.' ? null : suffixName(name, labelCount(name) - 1));

/** True when `next` in an NSEC with owner `owner` covers `name`: owner < name < next, the last NSEC wrapping. */
export function nsecCovers(owner: string, next: string, name: string): boolean {
  const afterOwner = compareNames(owner, name) < 0;
  const beforeNext = compareNames(name, next) < 0;
  return compareNames(owner, next) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
}
