// DNSKEY → node:crypto public key, signature verification per algorithm, key tags and DS digests.
// Algorithms: 8 RSASHA256, 10 RSASHA512 (RFC 5702), 13/14 ECDSA P-256/P-384 (RFC 6605), 15 Ed25519,
// 16 Ed448 (RFC 8080). Key objects are cached by key bytes: importing a key costs more than a verify.
import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export const SUPPORTED_ALGORITHMS: ReadonlySet<number> = new Set([8, 10, 13, 14, 15, 16]);
export const SUPPORTED_DIGESTS: ReadonlySet<number> = new Set([1, 2, 4]);

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

function importKey(algorithm: number, key: Uint8Array): KeyObject {
  switch (algorithm) {
    case 8: case 10: {
      // RFC 3110: exponent length (1 octet, or 0 then 2 octets), exponent, modulus.
      let o = 1, elen = key[0];
      if (elen === 0) { elen = (key[1] << 8) | key[2]; o = 3; }
      const e = key.subarray(o, o + elen), n = key.subarray(o + elen);
      if (e.length === 0 || n.length === 0) throw new Error('bad RSA key');
      return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
    }
    case 13: case 14: {
      const half = algorithm === 13 ? 32 : 48;
      if (key.length !== 2 * half) throw new Error('bad ECDSA key length');
      return createPublicKey({
        key: { kty: 'EC', crv: algorithm === 13 ? 'P-256' : 'P-384', x: b64url(key.subarray(0, half)), y: b64url(key.subarray(half)) },
        format: 'jwk',
      });
    }
    case 15: case 16:
      if (key.length !== (algorithm === 15 ? 32 : 57)) throw new Error('bad EdDSA key length');
      return createPublicKey({ key: { kty: 'OKP', crv: algorithm === 15 ? 'Ed25519' : 'Ed448', x: b64url(key) }, format: 'jwk' });
  }
  throw new Error(`unsupported algorithm ${algorithm}`);
}

const keyCache = new Map<string, KeyObject | null>();

/** The public key of a DNSKEY's key field, or null if it cannot be imported. */
export function publicKey(algorithm: number, key: Uint8Array): KeyObject | null {
  const id = `${algorithm}/${Buffer.from(key).toString('base64')}`;
  const hit = keyCache.get(id);
  if (hit !== undefined) return hit;
  let k: KeyObject | null;
  try { k = importKey(algorithm, key); } catch { k = null; }
  if (keyCache.size > 10_000) keyCache.clear();
  keyCache.set(id, k);
  return k;
}

/** Verifies a DNSSEC signature over data (the RFC 4034 §3.1.8.1 signed data). */
export function verifySignature(algorithm: number, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    switch (algorithm) {
      case 8: return verify('sha256', data, key, signature);
      case 10: return verify('sha512', data, key, signature);
      case 13: return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 14: return verify('sha384', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 15: case 16: return verify(null, data, key, signature);
    }
  } catch {
    return false;
  }
  return false;
}

/** Key tag of a DNSKEY RDATA (RFC 4034 Appendix B). */
export function keyTag(rdata: Uint8Array): number {
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** DS digest of a DNSKEY: hash(owner wire | DNSKEY RDATA), digest types 1 (SHA-1), 2 (SHA-256), 4 (SHA-384). */
export function dsDigest(ownerWire: Uint8Array, rdata: Uint8Array, digestType: number): Uint8Array | null {
  const alg = digestType === 1 ? 'sha1' : digestType === 2 ? 'sha256' : digestType === 4 ? 'sha384' : null;
  if (!alg) return null;
  return createHash(alg).update(ownerWire).update(rdata).digest();
}
