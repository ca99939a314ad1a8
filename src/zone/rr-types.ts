// RR type mnemonics: canonical names for ZoneRecord.type ("A", "TYPE65534") and the spelling
// @leichtgewicht/dns-packet expects ("UNKNOWN_65534") for types it has no name for.
import { toString as typeName, toType as typeCode } from '@leichtgewicht/dns-packet/types.js';
import { PresentationError } from './presentation-text.ts';

/** Types for which dns-packet decodes RDATA into a structured value; all others come as raw bytes. */
export const STRUCTURED_TYPES: ReadonlySet<string> = new Set([
  'A', 'AAAA', 'CNAME', 'DNAME', 'NS', 'PTR', 'TXT', 'NULL', 'SRV', 'HINFO', 'CAA', 'SOA', 'MX',
  'DNSKEY', 'RRSIG', 'RP', 'NSEC', 'NSEC3', 'DS',
]);

/** Numeric type code for a mnemonic, "TYPEn" or "UNKNOWN_n"; throws on an unknown mnemonic. */
export function typeNumber(type: string): number {
  const upper = type.toUpperCase();
  const m = /^(?:TYPE|UNKNOWN_)(\d+)$/.exec(upper);
  if (m) {
    const n = Number(m[1]);
    if (n > 65535) throw new PresentationError(`type ${type} is out of range`);
    return n;
  }
  const n = typeCode(upper);
  if (n === 0) throw new PresentationError(`unknown record type "${type}"`);
  return n;
}

const canonicalCache = new Map<string, string>();

/** Canonical upper-case mnemonic: the known name, else "TYPEn". */
export function canonicalType(type: string): string {
  const hit = canonicalCache.get(type);
  if (hit) return hit;
  const n = typeNumber(type);
  const name = typeName(n);
  const canonical = name.startsWith('UNKNOWN_') ? `TYPE${n}` : name;
  if (canonicalCache.size < 10000) canonicalCache.set(type, canonical);
  return canonical;
}

/** The type string to give dns-packet when encoding. */
export function packetType(type: string): string {
  const n = typeNumber(type);
  const name = typeName(n);
  return name.startsWith('UNKNOWN_') ? `UNKNOWN_${n}` : name;
}

/** True when the token looks like an RR type (mnemonic known to dns-packet or TYPEn). */
export function isTypeToken(text: string): boolean {
  const upper = text.toUpperCase();
  if (/^TYPE\d+$/.test(upper)) return Number(upper.slice(4)) <= 65535;
  return typeCode(upper) !== 0 && !upper.startsWith('UNKNOWN_');
}
