// Presentation text of the key/signature-shaped types: DS, CDS, DNSKEY, CDNSKEY, RRSIG, NSEC, NSEC3,
// NSEC3PARAM, TLSA, SSHFP. dns-packet decodes DS/DNSKEY/RRSIG/NSEC/NSEC3 into objects; the others arrive
// as raw RDATA bytes and are converted here.
import * as dnsPacket from '@leichtgewicht/dns-packet';
import {
  PresentationError, absoluteName, canonicalName, fromBase32Hex, fromBase64, fromHex, packetName, parseUint,
  toBase32Hex, toBase64, toHex,
} from './presentation-text.ts';
import type { Token } from './presentation-text.ts';
import { canonicalType, packetType } from './rr-types.ts';

type Obj = Record<string, any>;

const withLength = (rdata: Uint8Array): Uint8Array => {
  const out = new Uint8Array(rdata.length + 2);
  out[0] = rdata.length >> 8;
  out[1] = rdata.length & 0xff;
  out.set(rdata, 2);
  return out;
};
const withoutLength = (encoded: Uint8Array): Uint8Array => encoded.slice(2);

function need(tokens: Token[], count: number, type: string): void {
  if (tokens.length < count) throw new PresentationError(`${type}: expected at least ${count} fields, got ${tokens.length}`);
}
const rest = (tokens: Token[], from: number): string => tokens.slice(from).map((t) => t.text).join('');

/** RRSIG times: YYYYMMDDHHmmSS (as printed) or plain seconds. */
function formatTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
function parseTime(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  return parseUint(text, 0xffffffff, 'RRSIG time');
}

const typeList = (types: string[]): string => types.map((t) => canonicalType(t)).join(' ');
const parseTypeList = (tokens: Token[]): string[] => tokens.map((t) => packetType(t.text));

const dsText = (d: Obj): string => `${d.keyTag} ${d.algorithm} ${d.digestType} ${toHex(d.digest)}`;
const DIGEST_LENGTH: Record<number, number> = { 1: 20, 2: 32, 4: 48 }; // SHA-1, SHA-256, SHA-384

function dsParse(tokens: Token[], type: string): Obj {
  need(tokens, 4, type);
  const digestType = parseUint(tokens[2].text, 255, 'digest type');
  const digest = fromHex(rest(tokens, 3));
  const expected = DIGEST_LENGTH[digestType];
  if (expected !== undefined && digest.length !== expected) {
    throw new PresentationError(`${type}: digest type ${digestType} needs ${expected} bytes, got ${digest.length}`);
  }
  return { keyTag: parseUint(tokens[0].text, 65535, 'key tag'), algorithm: parseUint(tokens[1].text, 255, 'algorithm'), digestType, digest };
}
const dnskeyText = (d: Obj): string => `${d.flags} 3 ${d.algorithm} ${toBase64(d.key)}`;
function dnskeyParse(tokens: Token[], type: string): Obj {
  need(tokens, 4, type);
  if (tokens[1].text !== '3') throw new PresentationError(`${type}: protocol must be 3`);
  return {
    flags: parseUint(tokens[0].text, 65535, 'flags'),
    algorithm: parseUint(tokens[2].text, 255, 'algorithm'),
    key: fromBase64(rest(tokens, 3)),
  };
}

/** Text of a structured (dns-packet-decoded) DNSSEC type, or undefined if the type is not one of them. */
export function dnssecToText(type: string, d: Obj): string | undefined {
  switch (type) {
    case 'DS': return dsText(d);
    case 'DNSKEY': return dnskeyText(d);
    case 'RRSIG':
      return `${canonicalType(d.typeCovered)} ${d.algorithm} ${d.labels} ${d.originalTTL} ${formatTime(d.expiration)} ` +
        `${formatTime(d.inception)} ${d.keyTag} ${canonicalName(d.signersName)} ${toBase64(d.signature)}`;
    case 'NSEC': return `${canonicalName(d.nextDomain)}${d.rrtypes.length ? ' ' + typeList(d.rrtypes) : ''}`;
    case 'NSEC3':
      return `${d.algorithm} ${d.flags} ${d.iterations} ${d.salt.length ? toHex(d.salt) : '-'} ` +
        `${toBase32Hex(d.nextDomain)}${d.rrtypes.length ? ' ' + typeList(d.rrtypes) : ''}`;
  }
  return undefined;
}

/** dns-packet data object for a structured DNSSEC type, or undefined if the type is not one of them. */
export function dnssecFromTokens(type: string, tokens: Token[], origin?: string): Obj | undefined {
  switch (type) {
    case 'DS': return dsParse(tokens, type);
    case 'DNSKEY': return dnskeyParse(tokens, type);
    case 'RRSIG':
      need(tokens, 9, type);
      return {
        typeCovered: packetType(tokens[0].text),
        algorithm: parseUint(tokens[1].text, 255, 'algorithm'),
        labels: parseUint(tokens[2].text, 255, 'labels'),
        originalTTL: parseUint(tokens[3].text, 0xffffffff, 'original TTL'),
        expiration: parseTime(tokens[4].text),
        inception: parseTime(tokens[5].text),
        keyTag: parseUint(tokens[6].text, 65535, 'key tag'),
        signersName: packetName(absoluteName(tokens[7].text, origin)),
        signature: fromBase64(rest(tokens, 8)),
      };
    case 'NSEC':
      need(tokens, 1, type);
      return { nextDomain: packetName(absoluteName(tokens[0].text, origin)), rrtypes: parseTypeList(tokens.slice(1)) };
    case 'NSEC3':
      need(tokens, 5, type);
      return {
        algorithm: parseUint(tokens[0].text, 255, 'algorithm'),
        flags: parseUint(tokens[1].text, 255, 'flags'),
        iterations: parseUint(tokens[2].text, 65535, 'iterations'),
        salt: tokens[3].text === '-' ? new Uint8Array(0) : fromHex(tokens[3].text),
        nextDomain: fromBase32Hex(tokens[4].text),
        rrtypes: parseTypeList(tokens.slice(5)),
      };
  }
  return undefined;
}

/** Text of a raw-bytes type handled here, or undefined (caller falls back to RFC 3597). */
export function rawToText(type: string, b: Uint8Array): string | undefined {
  try {
    switch (type) {
      case 'CDS': return dsText(dnsPacket.ds.decode(withLength(b)));
      case 'CDNSKEY': return dnskeyText(dnsPacket.dnskey.decode(withLength(b)));
      case 'TLSA': if (b.length >= 3) return `${b[0]} ${b[1]} ${b[2]} ${toHex(b.subarray(3))}`; break;
      case 'SSHFP': if (b.length >= 2) return `${b[0]} ${b[1]} ${toHex(b.subarray(2))}`; break;
      case 'NSEC3PARAM':
        if (b.length >= 5 && b.length === 5 + b[4]) {
          return `${b[0]} ${b[1]} ${(b[2] << 8) | b[3]} ${b[4] ? toHex(b.subarray(5)) : '-'}`;
        }
        break;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Raw RDATA bytes of a type handled here from its native text, or undefined. */
export function rawFromTokens(type: string, tokens: Token[]): Uint8Array | undefined {
  const u8 = (i: number, what: string): number => parseUint(tokens[i].text, 255, what);
  switch (type) {
    case 'CDS': return withoutLength(dnsPacket.ds.encode(dsParse(tokens, type) as any));
    case 'CDNSKEY': return withoutLength(dnsPacket.dnskey.encode(dnskeyParse(tokens, type) as any));
    case 'TLSA': {
      need(tokens, 4, type);
      const data = fromHex(rest(tokens, 3));
      return Uint8Array.from([u8(0, 'usage'), u8(1, 'selector'), u8(2, 'matching type'), ...data]);
    }
    case 'SSHFP': {
      need(tokens, 3, type);
      return Uint8Array.from([u8(0, 'algorithm'), u8(1, 'fingerprint type'), ...fromHex(rest(tokens, 2))]);
    }
    case 'NSEC3PARAM': {
      need(tokens, 4, type);
      const it = parseUint(tokens[2].text, 65535, 'iterations');
      const salt = tokens[3].text === '-' ? new Uint8Array(0) : fromHex(tokens[3].text);
      return Uint8Array.from([u8(0, 'algorithm'), u8(1, 'flags'), it >> 8, it & 0xff, salt.length, ...salt]);
    }
  }
  return undefined;
}

export { withLength };
