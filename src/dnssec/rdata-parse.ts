// Parsing the DNSSEC types' wire RDATA (RFC 4034 §2–§5, RFC 5155 §3). Throws on malformed RDATA; the
// callers turn that into a bogus verdict.
import { readWireName } from './wire-names.ts';

export interface Rrsig {
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  expiration: number;
  inception: number;
  keyTag: number;
  signer: string;
  /** RDATA without the signature field: the start of the signed data (RFC 4034 §3.1.8.1). */
  head: Uint8Array;
  signature: Uint8Array;
}

const u16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];

const rrsigCache = new WeakMap<Uint8Array, Rrsig>();

export function parseRrsig(b: Uint8Array): Rrsig {
  const hit = rrsigCache.get(b);
  if (hit) return hit;
  if (b.length < 19) throw new Error('RRSIG RDATA too short');
  const { name, end } = readWireName(b, 18);
  const sig: Rrsig = {
    typeCovered: u16(b, 0), algorithm: b[2], labels: b[3], originalTtl: u32(b, 4), expiration: u32(b, 8),
    inception: u32(b, 12), keyTag: u16(b, 16), signer: name, head: b.subarray(0, end), signature: b.subarray(end),
  };
  rrsigCache.set(b, sig);
  return sig;
}

export interface Dnskey { flags: number; protocol: number; algorithm: number; key: Uint8Array }

export function parseDnskey(b: Uint8Array): Dnskey {
  if (b.length < 5) throw new Error('DNSKEY RDATA too short');
  return { flags: u16(b, 0), protocol: b[2], algorithm: b[3], key: b.subarray(4) };
}

export interface Ds { keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }

export function parseDs(b: Uint8Array): Ds {
  if (b.length < 5) throw new Error('DS RDATA too short');
  return { keyTag: u16(b, 0), algorithm: b[2], digestType: b[3], digest: b.subarray(4) };
}

/** The type bitmap (RFC 4034 §4.1.2) as a set of type numbers. */
export function parseTypeBitmap(b: Uint8Array, offset: number): Set<number> {
  const types = new Set<number>();
  let o = offset;
  while (o < b.length) {
    if (o + 2 > b.length) throw new Error('type bitmap cut');
    const window = b[o], len = b[o + 1];
    if (len < 1 || len > 32 || o + 2 + len > b.length) throw new Error('bad type bitmap window');
    for (let i = 0; i < len; i++) {
      const byte = b[o + 2 + i];
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) types.add(window * 256 + i * 8 + bit);
    }
    o += 2 + len;
  }
  return types;
}

export interface Nsec { next: string; types: Set<number> }

export function parseNsec(b: Uint8Array): Nsec {
  const { name, end } = readWireName(b, 0);
  return { next: name, types: parseTypeBitmap(b, end) };
}

export interface Nsec3 {
  hashAlgorithm: number;
  optOut: boolean;
  iterations: number;
  salt: Uint8Array;
  nextHash: Uint8Array;
  types: Set<number>;
}

export function parseNsec3(b: Uint8Array): Nsec3 {
  if (b.length < 5) throw new Error('NSEC3 RDATA too short');
  const saltLen = b[4];
  const hashLenAt = 5 + saltLen;
  if (hashLenAt >= b.length) throw new Error('NSEC3 RDATA cut');
  const hashLen = b[hashLenAt];
  const end = hashLenAt + 1 + hashLen;
  if (end > b.length) throw new Error('NSEC3 hash cut');
  return {
    hashAlgorithm: b[0], optOut: (b[1] & 1) === 1, iterations: u16(b, 2), salt: b.subarray(5, hashLenAt),
    nextHash: b.subarray(hashLenAt + 1, end), types: parseTypeBitmap(b, end),
  };
}

/** RRSIG/DNSKEY/DS RDATA-level helpers for tests and the CLI. */
export { u16, u32 };
