// Conversion between @leichtgewicht/dns-packet RDATA values and the canonical presentation text of
// zone-types.ts (names absolute and lower-cased, single spaces, TXT quoted with escapes, unknown types in
// RFC 3597 "\# len HEX"). Two records are equal exactly when their canonical texts are equal.
import { isIPv4, isIPv6 } from 'node:net';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { ZoneRecord } from './zone-types.ts';
import {
  PresentationError, absoluteName, canonicalName, fromHex, packetName, parseTtl, parseUint, quoteBytes, toHex,
  tokenizeRdata, unescapeToBytes,
} from './presentation-text.ts';
import type { Token } from './presentation-text.ts';
import { STRUCTURED_TYPES, canonicalType, packetType } from './rr-types.ts';
import { dnssecFromTokens, dnssecToText, rawFromTokens, rawToText, withLength } from './rdata-dnssec.ts';

export { canonicalType, packetType, typeNumber } from './rr-types.ts';
export { PresentationError } from './presentation-text.ts';

type Obj = Record<string, any>;

const asBytes = (v: unknown): Uint8Array =>
  typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'utf8')) : (v as Uint8Array);

/** RFC 5952 form of an IPv6 address (lower case, longest zero run compressed). */
export function canonicalIPv6(addr: string): string {
  if (!isIPv6(addr)) throw new PresentationError(`bad IPv6 address "${addr}"`);
  return new URL(`http://[${addr}]/`).hostname.slice(1, -1);
}

/** The 16 octets of an IPv6 address (any text form, an IPv4 tail included: the URL parser writes it as hex groups). */
export function ipv6Bytes(addr: string): Buffer {
  const [left, right] = canonicalIPv6(addr).split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function txtToText(data: unknown): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => quoteBytes(asBytes(p))).join(' ');
}

/** Splits raw TXT RDATA (length-prefixed strings) into its strings. */
function txtFromRaw(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length;) {
    const len = b[i];
    if (i + 1 + len > b.length) throw new PresentationError('TXT: string overruns RDATA');
    out.push(b.subarray(i + 1, i + 1 + len));
    i += 1 + len;
  }
  return out;
}

const unknownText = (b: Uint8Array): string => (b.length ? `\\# ${b.length} ${toHex(b)}` : '\\# 0');

/** Canonical presentation text of RDATA as dns-packet decodes it (type: mnemonic, TYPEn or UNKNOWN_n). */
export function toPresentation(type: string, data: unknown): string {
  const t = canonicalType(type);
  const d = data as Obj;
  switch (t) {
    case 'A': return String(data);
    case 'AAAA': return canonicalIPv6(String(data));
    case 'NS': case 'CNAME': case 'PTR': case 'DNAME': return canonicalName(String(data));
    case 'MX': return `${d.preference ?? 0} ${canonicalName(d.exchange)}`;
    case 'SOA':
      return `${canonicalName(d.mname)} ${canonicalName(d.rname)} ${d.serial ?? 0} ${d.refresh ?? 0} ` +
        `${d.retry ?? 0} ${d.expire ?? 0} ${d.minimum ?? 0}`;
    case 'TXT': return txtToText(data);
    case 'SRV': return `${d.priority ?? 0} ${d.weight ?? 0} ${d.port ?? 0} ${canonicalName(d.target)}`;
    case 'CAA': return `${d.flags ?? 0} ${d.tag} ${quoteBytes(asBytes(d.value))}`;
    case 'HINFO': return `${quoteBytes(asBytes(d.cpu))} ${quoteBytes(asBytes(d.os))}`;
    case 'RP': return `${canonicalName(d.mbox ?? '.')} ${canonicalName(d.txt ?? '.')}`;
    case 'NULL': return unknownText(asBytes(data ?? new Uint8Array(0)));
  }
  if (STRUCTURED_TYPES.has(t)) {
    const text = dnssecToText(t, d);
    if (text !== undefined) return text;
  }
  const bytes = asBytes(data);
  if (t === 'SPF') {
    try { return txtToText(txtFromRaw(bytes)); } catch { return unknownText(bytes); }
  }
  return rawToText(t, bytes) ?? unknownText(bytes);
}

function need(tokens: Token[], count: number, type: string): void {
  if (tokens.length !== count) throw new PresentationError(`${type}: expected ${count} fields, got ${tokens.length}`);
}

/** RFC 3597 "\# len hex…" → bytes. */
function genericBytes(tokens: Token[]): Uint8Array {
  if (tokens.length < 2) throw new PresentationError('\\# needs a length');
  const len = parseUint(tokens[1].text, 65535, 'RDATA length');
  const bytes = fromHex(tokens.slice(2).map((t) => t.text).join(''));
  if (bytes.length !== len) throw new PresentationError(`\\# length ${len} but ${bytes.length} bytes of data`);
  return bytes;
}

function characterStrings(tokens: Token[], type: string): Uint8Array[] {
  if (tokens.length === 0) throw new PresentationError(`${type}: needs at least one string`);
  return tokens.map((t) => {
    const b = unescapeToBytes(t.text);
    if (b.length > 255) throw new PresentationError(`${type}: string longer than 255 bytes`);
    return b;
  });
}

const timer = (text: string, what: string): number => {
  const v = parseTtl(text);
  if (v === null) throw new PresentationError(`SOA ${what}: "${text}" is not a number`);
  return v;
};

/** dns-packet data value from already tokenized RDATA (used by the master-file parser). */
export function fromTokens(type: string, tokens: Token[], origin?: string): unknown {
  const t = canonicalType(type);
  const name = (i: number): string => packetName(absoluteName(tokens[i].text, origin));
  if (tokens.length > 0 && !tokens[0].quoted && tokens[0].text === '\\#') {
    const bytes = genericBytes(tokens);
    if (!STRUCTURED_TYPES.has(t)) return bytes;
    return dnsPacket.enc(packetType(t) as any).decode(withLength(bytes), 0);
  }
  switch (t) {
    case 'A':
      need(tokens, 1, t);
      if (!isIPv4(tokens[0].text)) throw new PresentationError(`bad IPv4 address "${tokens[0].text}"`);
      return tokens[0].text;
    case 'AAAA': need(tokens, 1, t); return canonicalIPv6(tokens[0].text);
    case 'NS': case 'CNAME': case 'PTR': case 'DNAME': need(tokens, 1, t); return name(0);
    case 'MX':
      need(tokens, 2, t);
      return { preference: parseUint(tokens[0].text, 65535, 'MX preference'), exchange: name(1) };
    case 'SOA':
      need(tokens, 7, t);
      return {
        mname: name(0), rname: name(1), serial: parseUint(tokens[2].text, 0xffffffff, 'SOA serial'),
        refresh: timer(tokens[3].text, 'refresh'), retry: timer(tokens[4].text, 'retry'),
        expire: timer(tokens[5].text, 'expire'), minimum: timer(tokens[6].text, 'minimum'),
      };
    case 'TXT': return characterStrings(tokens, t);
    case 'SPF': {
      const parts = characterStrings(tokens, t);
      return Uint8Array.from(parts.flatMap((p) => [p.length, ...p]));
    }
    case 'SRV':
      need(tokens, 4, t);
      return {
        priority: parseUint(tokens[0].text, 65535, 'SRV priority'), weight: parseUint(tokens[1].text, 65535, 'SRV weight'),
        port: parseUint(tokens[2].text, 65535, 'SRV port'), target: name(3),
      };
    case 'CAA': {
      need(tokens, 3, t);
      if (!/^[A-Za-z0-9]+$/.test(tokens[1].text)) throw new PresentationError(`CAA: bad tag "${tokens[1].text}"`);
      const value = Buffer.from(unescapeToBytes(tokens[2].text)).toString('utf8');
      return { flags: parseUint(tokens[0].text, 255, 'CAA flags'), tag: tokens[1].text, value };
    }
    case 'HINFO': {
      need(tokens, 2, t);
      const [cpu, os] = characterStrings(tokens, t).map((b) => Buffer.from(b).toString('utf8'));
      return { cpu, os };
    }
    case 'RP': need(tokens, 2, t); return { mbox: name(0), txt: name(1) };
  }
  const structured = dnssecFromTokens(t, tokens, origin);
  if (structured !== undefined) return structured;
  const raw = rawFromTokens(t, tokens);
  if (raw !== undefined) return raw;
  throw new PresentationError(`${t}: no presentation format known, write it as \\# <length> <hex>`);
}

/** dns-packet data value to encode for RDATA given as presentation text; relative names use origin. */
export function fromPresentation(type: string, text: string, origin?: string): unknown {
  return fromTokens(type, tokenizeRdata(text), origin);
}

/** Canonical text of RDATA given as presentation text (parse, then print). */
export function canonicalizeRdata(type: string, text: string, origin?: string): string {
  return toPresentation(type, fromPresentation(type, text, origin));
}

/** A dns-packet answer (as decoded) → ZoneRecord in canonical form. */
export function recordFromPacket(answer: { name: string; type: string; ttl?: number; data?: unknown }): ZoneRecord {
  return {
    name: canonicalName(answer.name),
    type: canonicalType(answer.type),
    ttl: answer.ttl ?? 0,
    data: toPresentation(answer.type, answer.data),
  };
}

/** A ZoneRecord → a dns-packet answer object ready for encoding. */
export function recordToPacket(record: ZoneRecord): { name: string; type: any; ttl: number; class: 'IN'; data: any } {
  return {
    name: packetName(record.name),
    type: packetType(record.type),
    ttl: record.ttl,
    class: 'IN',
    data: fromPresentation(record.type, record.data, record.name) as any,
  };
}
