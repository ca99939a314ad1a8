// A small signer on node:crypto for unit tests and benchmarks (the lab signs with ldns-signzone; see
// src/lab/dnssec-signer.ts): zone keys in DNSKEY form and RRSIGs over RRsets, so tests can build
// secure, expired, wildcard or broken data relative to their own `now` without any tool.
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Rr } from './types.ts';
import { TYPE } from './types.ts';
import { keyTag } from './crypto-keys.ts';
import { signedData } from './validate-rrset.ts';
import { parseRrsig } from './rdata-parse.ts';
import { labelCount, nameToWire } from './wire-names.ts';

export interface ZoneSigningKey { algorithm: number; flags: number; tag: number; rdata: Uint8Array; privateKey: KeyObject }

function keyPair(algorithm: number): { publicKey: KeyObject; privateKey: KeyObject } {
  switch (algorithm) {
    case 8: case 10: return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    case 13: return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 14: return generateKeyPairSync('ec', { namedCurve: 'P-384' });
    case 15: return generateKeyPairSync('ed25519');
    case 16: return generateKeyPairSync('ed448');
  }
  throw new Error(`unsupported algorithm ${algorithm}`);
}

function keyField(algorithm: number, publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const b = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');
  if (algorithm === 8 || algorithm === 10) {
    const e = b(jwk.e);
    return Buffer.concat([e.length < 256 ? Buffer.from([e.length]) : Buffer.from([0, e.length >> 8, e.length & 0xff]), e, b(jwk.n)]);
  }
  if (algorithm === 13 || algorithm === 14) return Buffer.concat([b(jwk.x), b(jwk.y)]);
  return b(jwk.x);
}

/** A new zone key (flags 257 for a KSK, 256 for a ZSK). */
export function generateZoneKey(algorithm: number, flags = 257): ZoneSigningKey {
  const { publicKey, privateKey } = keyPair(algorithm);
  const rdata = new Uint8Array(Buffer.concat([Buffer.from([flags >> 8, flags & 0xff, 3, algorithm]), keyField(algorithm, publicKey)]));
  return { algorithm, flags, tag: keyTag(rdata), rdata, privateKey };
}

export const dnskeyRr = (zone: string, k: ZoneSigningKey, ttl = 300): Rr => ({ name: zone, type: TYPE.DNSKEY, ttl, rdata: k.rdata });

export interface SignOptions { zone: string; inception: number; expiration: number; ttl?: number; labels?: number }

/** An RRSIG over rrset by key k. `labels` below the owner's count signs as a wildcard expansion. */
export function signRRset(rrset: readonly Rr[], k: ZoneSigningKey, o: SignOptions): Rr {
  const owner = rrset[0].name, ttl = o.ttl ?? rrset[0].ttl;
  const signer = nameToWire(o.zone);
  const head = new Uint8Array(18 + signer.length);
  const dv = new DataView(head.buffer);
  dv.setUint16(0, rrset[0].type); head[2] = k.algorithm; head[3] = o.labels ?? labelCount(owner);
  dv.setUint32(4, ttl); dv.setUint32(8, o.expiration >>> 0); dv.setUint32(12, o.inception >>> 0); dv.setUint16(16, k.tag);
  head.set(signer, 18);
  const data = signedData(parseRrsig(head), rrset);
  const digest = k.algorithm === 8 || k.algorithm === 13 ? 'sha256' : k.algorithm === 10 ? 'sha512' : k.algorithm === 14 ? 'sha384' : null;
  const sig = sign(digest, data, k.algorithm === 13 || k.algorithm === 14 ? { key: k.privateKey, dsaEncoding: 'ieee-p1363' } : k.privateKey);
  const rdata = new Uint8Array(head.length + sig.length);
  rdata.set(head); rdata.set(sig, head.length);
  return { name: owner, type: TYPE.RRSIG, ttl, rdata };
}
