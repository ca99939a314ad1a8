// TSIG (RFC 8945): HMAC over the message and the TSIG variables, with node:crypto. `signMessage`
// appends the TSIG record to a request; `verifyResponse` checks the answer's MAC against the request's
// MAC (digest = request MAC length + MAC, the response without its TSIG record and with ARCOUNT one
// less, then the TSIG variables). Time is passed in (seconds since the epoch) so tests need no clock.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CLASS, TYPE, nameWire, rrWire } from './wire-writer.ts';

export const TSIG_ALGORITHMS = ['hmac-sha256', 'hmac-sha384', 'hmac-sha512', 'hmac-sha224', 'hmac-sha1', 'hmac-md5'] as const;
export type TsigAlgorithm = (typeof TSIG_ALGORITHMS)[number];

export interface TsigKey { name: string; algorithm: TsigAlgorithm; secret: string /* base64 */ }

const algName = (a: TsigAlgorithm): string => (a === 'hmac-md5' ? 'hmac-md5.sig-alg.reg.int.' : `${a}.`);
const hash = (a: TsigAlgorithm): string => a.slice('hmac-'.length);
const FUDGE = 300;

function u48(n: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUInt16BE(Math.floor(n / 2 ** 32), 0);
  b.writeUInt32BE(n % 2 ** 32, 2);
  return b;
}

/** The TSIG variables that the MAC covers (RFC 8945 §4.3.3). */
function variables(key: TsigKey, timeSigned: number, error = 0, other = Buffer.alloc(0)): Buffer {
  const cls = Buffer.alloc(6);
  cls.writeUInt16BE(CLASS.ANY, 0); // class ANY, TTL 0
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(FUDGE, 0);
  tail.writeUInt16BE(error, 2);
  tail.writeUInt16BE(other.length, 4);
  return Buffer.concat([nameWire(key.name), cls, nameWire(algName(key.algorithm)), u48(timeSigned), tail, other]);
}

const mac = (key: TsigKey, parts: Buffer[]): Buffer => {
  const h = createHmac(hash(key.algorithm), Buffer.from(key.secret, 'base64'));
  for (const p of parts) h.update(p);
  return h.digest();
};

/** The request with its TSIG record appended (ARCOUNT + 1) and the MAC, which the response's MAC covers. */
export function signMessage(message: Buffer, key: TsigKey, timeSigned: number): { wire: Buffer; mac: Buffer } {
  const digest = mac(key, [message, variables(key, timeSigned)]);
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16BE(FUDGE, 0);
  fixed.writeUInt16BE(digest.length, 2);
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(message.readUInt16BE(0), 0); // original ID
  const rdata = Buffer.concat([nameWire(algName(key.algorithm)), u48(timeSigned), fixed.subarray(0, 4), digest, tail]);
  const wire = Buffer.concat([message, rrWire(key.name, TYPE.TSIG, CLASS.ANY, 0, rdata)]);
  wire.writeUInt16BE(wire.readUInt16BE(10) + 1, 10);
  return { wire, mac: digest };
}

const TSIG_ERRORS: Record<number, string> = { 16: 'BADSIG', 17: 'BADKEY', 18: 'BADTIME', 22: 'BADTRUNC' };

/** null when the response's TSIG verifies; otherwise what is wrong. */
export function verifyResponse(response: Buffer, tsig: { start: number; rdata: Buffer } | null, key: TsigKey, requestMac: Buffer): string | null {
  if (!tsig) return 'the response is not signed';
  const r = tsig.rdata;
  let off = 0;
  while (r[off] !== 0 && off < r.length) off += r[off] + 1; // algorithm name (uncompressed)
  off += 1;
  const timeSigned = r.readUInt16BE(off) * 2 ** 32 + r.readUInt32BE(off + 2);
  const macSize = r.readUInt16BE(off + 8);
  const got = r.subarray(off + 10, off + 10 + macSize);
  const p = off + 10 + macSize;
  const originalId = r.readUInt16BE(p);
  const error = r.readUInt16BE(p + 2);
  const other = r.subarray(p + 6, p + 6 + r.readUInt16BE(p + 4));
  if (error !== 0) return `TSIG error ${TSIG_ERRORS[error] ?? error}`;
  const body = Buffer.from(response.subarray(0, tsig.start));
  body.writeUInt16BE(originalId, 0);
  body.writeUInt16BE(body.readUInt16BE(10) - 1, 10);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(requestMac.length, 0);
  const want = mac(key, [len, requestMac, body, variables(key, timeSigned, error, Buffer.from(other))]);
  return want.length === got.length && timingSafeEqual(want, got) ? null : 'the response MAC does not verify (BADSIG)';
}
