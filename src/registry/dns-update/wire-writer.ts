// A small DNS wire writer and reader for RFC 2136 UPDATE messages: names uncompressed (lower-case,
// RFC 4034 canonical form, which TSIG needs anyway), resource records with raw RDATA, and a reader that
// walks a response (compression pointers followed) far enough to find its RCODE and its TSIG record.
// Written here because @leichtgewicht/dns-packet encodes neither TSIG nor RDATA-less UPDATE records.
import { isIP } from 'node:net';
import { ipv6Bytes } from '../../zone/rdata-codec.ts';

export const TYPE: Readonly<Record<string, number>> = { A: 1, NS: 2, SOA: 6, AAAA: 28, DS: 43, TSIG: 250, ANY: 255 };
export const CLASS = { IN: 1, NONE: 254, ANY: 255 } as const;

/** An absolute name's wire form; throws on labels that are empty or longer than 63 octets. */
export function nameWire(name: string): Buffer {
  const lower = name.toLowerCase();
  if (lower === '.' || lower === '') return Buffer.from([0]);
  const labels = (lower.endsWith('.') ? lower.slice(0, -1) : lower).split('.');
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'ascii');
    if (bytes.length === 0 || bytes.length > 63) throw new Error(`bad label in '${name}'`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  const out = Buffer.concat(parts);
  if (out.length > 255) throw new Error(`name too long: '${name}'`);
  return out;
}

/** RDATA of the record types the registry writes: NS (a name), A, AAAA, DS (presentation text). */
export function rdataWire(type: string, data: string): Buffer {
  if (type === 'NS') return nameWire(data);
  if (type === 'A') {
    if (isIP(data) !== 4) throw new Error(`bad A address '${data}'`);
    return Buffer.from(data.split('.').map(Number));
  }
  if (type === 'AAAA') {
    if (isIP(data) !== 6) throw new Error(`bad AAAA address '${data}'`);
    return ipv6Bytes(data);
  }
  if (type === 'DS') {
    const [tag, alg, digestType, ...hex] = data.split(/\s+/);
    return Buffer.concat([Buffer.from([Number(tag) >> 8, Number(tag) & 255, Number(alg), Number(digestType)]), Buffer.from(hex.join(''), 'hex')]);
  }
  throw new Error(`the registry does not write ${type} records`);
}

/** One resource record on the wire. */
export function rrWire(name: string, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(klass, 2);
  fixed.writeUInt32BE(ttl >>> 0, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([nameWire(name), fixed, rdata]);
}

/** Skips a (possibly compressed) name at `off`; returns the offset after it. */
function skipName(buf: Buffer, off: number): number {
  for (let guard = 0; guard < 128; guard++) {
    if (off >= buf.length) throw new Error('name runs past the message');
    const len = buf[off];
    if (len === 0) return off + 1;
    if ((len & 0xc0) === 0xc0) return off + 2;
    off += 1 + len;
  }
  throw new Error('name too long');
}

export interface ParsedResponse {
  id: number;
  opcode: number;
  rcode: number;
  /** The TSIG record's RDATA and where the record starts (the MAC covers the message before it). */
  tsig: { start: number; rdata: Buffer } | null;
}

/** Reads an UPDATE response far enough for the RCODE and the TSIG record (last in the additional section). */
export function parseResponse(buf: Buffer): ParsedResponse {
  if (buf.length < 12) throw new Error('short response');
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((o) => buf.readUInt16BE(o));
  let off = 12;
  for (let i = 0; i < counts[0]; i++) off = skipName(buf, off) + 4;
  const records = counts[1] + counts[2] + counts[3];
  let tsig: ParsedResponse['tsig'] = null;
  for (let i = 0; i < records; i++) {
    const start = off;
    off = skipName(buf, off);
    const type = buf.readUInt16BE(off);
    const rdlen = buf.readUInt16BE(off + 8);
    const rdata = buf.subarray(off + 10, off + 10 + rdlen);
    if (rdata.length !== rdlen) throw new Error('record runs past the message');
    off += 10 + rdlen;
    if (type === TYPE.TSIG && i === records - 1) tsig = { start, rdata };
  }
  return { id, opcode: (flags >> 11) & 15, rcode: flags & 15, tsig };
}
