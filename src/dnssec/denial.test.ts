import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateZoneKey, signRRset } from './sign.ts';
import { validateDenial, validateNoDs, validateWildcardAnswer } from './denial.ts';
import { nsec3Hash } from './denial-nsec3.ts';
import { compareNames, nameToWire } from './wire-names.ts';
import type { Rr, ZoneKeys } from './types.ts';

// Zone lab.: a, c, d.e (e is an empty non-terminal), *.w (w is one too); NSEC and NSEC3 chains signed
// with the test signer, windows relative to the test's own now.
const now = Math.floor(Date.now() / 1000);
const k = generateZoneKey(13, 256);
const keys: ZoneKeys = { zone: 'lab.', keys: [{ tag: k.tag, algorithm: 13, flags: 256, rdata: k.rdata }] };
const ctx = { now };
const T = { A: 1, NS: 2, SOA: 6, TXT: 16, AAAA: 28, DS: 43, RRSIG: 46, NSEC: 47, DNSKEY: 48, NSEC3: 50 };

function bitmap(types: number[]): number[] {
  const out: number[] = [];
  for (const w of [...new Set(types.map((t) => t >> 8))].sort((a, b) => a - b)) {
    const bytes: number[] = [];
    for (const t of types.filter((x) => x >> 8 === w)) {
      const i = (t & 255) >> 3;
      while (bytes.length <= i) bytes.push(0);
      bytes[i] |= 0x80 >> (t & 7);
    }
    out.push(w, bytes.length, ...bytes);
  }
  return out;
}
const signed = (r: Rr): Rr[] => [r, signRRset([r], k, { zone: 'lab.', inception: now - 60, expiration: now + 3600 })];

const NAMES: [string, number[]][] = [['lab.', [T.SOA, T.NS, T.DNSKEY]], ['a.lab.', [T.A]], ['c.lab.', [T.A]], ['d.e.lab.', [T.A]], ['*.w.lab.', [T.TXT]]];
const nsec = new Map<string, Rr[]>(NAMES.map(([name, types], i) => [name, signed({ name, type: T.NSEC, ttl: 300,
  rdata: Uint8Array.from([...nameToWire(NAMES[(i + 1) % NAMES.length][0]), ...bitmap([...types, T.RRSIG, T.NSEC])]) })]));
const N = (...names: string[]): Rr[] => names.flatMap((n) => nsec.get(n)!);

test('NSEC: name error needs the name and the wildcard covered', () => {
  assert.equal(validateDenial('b.lab.', T.A, 'nxdomain', N('a.lab.', 'lab.'), keys, ctx).status, 'secure');
  assert.equal(validateDenial('b.lab.', T.A, 'nxdomain', N('a.lab.'), keys, ctx).reason, 'bad-denial');
  assert.equal(validateDenial('a.lab.', T.A, 'nxdomain', N('a.lab.', 'lab.'), keys, ctx).reason, 'bad-denial');
});

test('NSEC: no data, empty non-terminal, wildcard no data, wildcard answer', () => {
  assert.equal(validateDenial('a.lab.', T.TXT, 'nodata', N('a.lab.'), keys, ctx).status, 'secure');
  assert.equal(validateDenial('a.lab.', T.A, 'nodata', N('a.lab.'), keys, ctx).reason, 'bad-denial');
  assert.equal(validateDenial('e.lab.', T.A, 'nodata', N('c.lab.'), keys, ctx).status, 'secure');
  assert.equal(validateDenial('x.w.lab.', T.A, 'nodata', N('*.w.lab.'), keys, ctx).status, 'secure');
  assert.equal(validateDenial('x.w.lab.', T.TXT, 'nodata', N('*.w.lab.'), keys, ctx).reason, 'bad-denial');
  assert.equal(validateWildcardAnswer('x.w.lab.', 2, N('*.w.lab.'), keys, ctx).status, 'secure');
  assert.equal(validateWildcardAnswer('x.w.lab.', 2, N('a.lab.'), keys, ctx).reason, 'bad-denial');
});

test('NSEC: an unsigned or tampered NSEC is not a proof', () => {
  assert.equal(validateDenial('a.lab.', T.TXT, 'nodata', [nsec.get('a.lab.')![0]], keys, ctx).reason, 'missing-signature');
  const [r, sig] = nsec.get('a.lab.')!;
  const forged = { ...r, rdata: Uint8Array.from([...nameToWire('z.lab.'), ...bitmap([T.A, T.RRSIG, T.NSEC])]) };
  assert.equal(validateDenial('b.lab.', T.A, 'nxdomain', [forged, sig, ...N('lab.')], keys, ctx).reason, 'bad-signature');
  assert.equal(validateDenial('b.lab.', T.A, 'nxdomain', [], keys, ctx).reason, 'bad-denial');
});

function nsec3Chain(optOut: boolean): Rr[] {
  const salt = Buffer.from('beef', 'hex');
  const names: [string, number[]][] = [...NAMES, ['e.lab.', []], ['w.lab.', []]];
  const hashed = names.map(([n, types]) => ({ h: nsec3Hash(n, salt, 3), types })).sort((x, y) => Buffer.compare(x.h, y.h));
  const b32 = (b: Buffer): string => {
    let bits = 0, v = 0, out = '';
    for (const byte of b) { v = (v << 8) | byte; bits += 8; while (bits >= 5) { bits -= 5; out += '0123456789abcdefghijklmnopqrstuv'[(v >> bits) & 31]; } }
    return out;
  };
  return hashed.flatMap((x, i) => signed({ name: `${b32(x.h)}.lab.`, type: T.NSEC3, ttl: 300, rdata: Uint8Array.from([
    1, optOut ? 1 : 0, 0, 3, salt.length, ...salt, 20, ...hashed[(i + 1) % hashed.length].h,
    ...bitmap(x.types.length ? [...x.types, T.RRSIG] : []),
  ]) }));
}

test('NSEC3: closest encloser proofs for name error, no data, wildcards', () => {
  const chain = nsec3Chain(false);
  assert.equal(validateDenial('b.lab.', T.A, 'nxdomain', chain, keys, ctx).status, 'secure');
  assert.equal(validateDenial('x.y.b.lab.', T.A, 'nxdomain', chain, keys, ctx).status, 'secure');
  assert.equal(validateDenial('a.lab.', T.TXT, 'nodata', chain, keys, ctx).status, 'secure');
  assert.equal(validateDenial('a.lab.', T.A, 'nodata', chain, keys, ctx).reason, 'bad-denial');
  assert.equal(validateDenial('e.lab.', T.A, 'nodata', chain, keys, ctx).status, 'secure');
  assert.equal(validateDenial('x.w.lab.', T.A, 'nodata', chain, keys, ctx).status, 'secure');
  assert.equal(validateWildcardAnswer('x.w.lab.', 2, chain, keys, ctx).status, 'secure');
  assert.equal(validateDenial('u.lab.', T.DS, 'nodata', chain, keys, ctx).reason, 'bad-denial', 'no opt-out: a missing name is no DS proof');
  assert.equal(validateDenial('c.lab.', T.A, 'nxdomain', chain, keys, ctx).reason, 'bad-denial', 'c exists');
});

test('NSEC3 opt-out: an unsigned delegation inside an opt-out span is insecure', () => {
  const chain = nsec3Chain(true);
  assert.deepEqual([validateNoDs('u.lab.', chain, keys, ctx).status, validateNoDs('u.lab.', chain, keys, ctx).reason], ['insecure', 'opt-out']);
  assert.deepEqual(Object.values(validateDenial('b.lab.', T.A, 'nxdomain', chain, keys, ctx)).slice(0, 2), ['insecure', 'opt-out']);
});

test('sanity: NSEC chain order is canonical', () => {
  const owners = NAMES.map(([n]) => n);
  assert.deepEqual([...owners].sort(compareNames), owners);
});
