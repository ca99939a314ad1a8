// Fast path of response decoding: the record types probes see most (A, AAAA, NS, CNAME, PTR, DNAME,
// MX, SOA, TXT) go straight from the wire to canonical ZoneRecords, without dns-packet's per-record
// objects. It returns null for anything it does not handle exactly like dns-packet +
// recordFromPacket would (non-ASCII or '.'/'\' octets in a label, a forward pointer, RDATA not
// exactly filled, another type): the caller then decodes that record the slow, general way, so
// results and error messages stay identical. Runs only on spans packet-guard.ts has checked.
import type { ZoneRecord } from '../zone/zone-types.ts';
import type { RrSpan } from './packet-guard.ts';

const scratch = new Uint16Array(256);
let nameEnd = 0; // set by readName: offset just past the name in the original stream

/**
 * Canonical text of the name at `offset` (lower case, absolute), as dns-packet's name decoder followed by
 * canonicalName would give it; null where the slow path must decide. Sets `nameEnd`.
 */
function readName(buf: Uint8Array, offset: number): string | null {
  let pos = offset;
  let floor = offset;
  let end = -1;
  let n = 0;
  let total = 0;
  for (let hops = 0; hops < 128;) {
    if (pos >= buf.length) return null;
    const len = buf[pos];
    if (len === 0) {
      nameEnd = end === -1 ? pos + 1 : end;
      if (n === 0) return '.';
      scratch[n++] = 0x2e;
      return String.fromCharCode.apply(null, scratch.subarray(0, n) as unknown as number[]);
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) return null;
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (target >= floor) return null;
      if (end === -1) end = pos + 2;
      floor = target;
      pos = target;
      hops++;
      continue;
    }
    if ((len & 0xc0) !== 0 || pos + 1 + len > buf.length) return null;
    total += len + 1;
    if (total > 254) return null;
    if (n > 0) scratch[n++] = 0x2e;
    for (let i = pos + 1; i <= pos + len; i++) {
      const c = buf[i];
      if (c >= 0x80 || c === 0x2e || c === 0x5c) return null;
      scratch[n++] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    }
    pos += len + 1;
  }
  return null;
}

const u16 = (buf: Uint8Array, o: number): number => (buf[o] << 8) | buf[o + 1];
const u32 = (buf: Uint8Array, o: number): number => ((buf[o] << 24) | (buf[o + 1] << 16) | (buf[o + 2] << 8) | buf[o + 3]) >>> 0;

/** RFC 5952 text of 16 address octets, as WHATWG URL serialises IPv6 (what canonicalIPv6 gives). */
export function ipv6Text(buf: Uint8Array, o: number): string {
  let bestStart = -1, bestLen = 1, runStart = -1;
  for (let i = 0; i < 8; i++) {
    const zero = buf[o + 2 * i] === 0 && buf[o + 2 * i + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLen) { bestLen = i - runStart + 1; bestStart = runStart; }
    } else {
      runStart = -1;
    }
  }
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    s += u16(buf, o + 2 * i).toString(16);
    if (i !== 7) s += ':';
  }
  return s;
}

/** TXT strings quoted as quoteBytes does, joined by spaces; null unless they exactly fill the RDATA. */
function txtText(buf: Uint8Array, start: number, end: number): string | null {
  let s = '';
  for (let i = start; i < end;) {
    const len = buf[i];
    if (i + 1 + len > end) return null;
    if (i > start) s += ' ';
    s += '"';
    for (let j = i + 1; j <= i + len; j++) {
      const b = buf[j];
      if (b === 0x22 || b === 0x5c) s += '\\' + String.fromCharCode(b);
      else if (b < 0x20 || b > 0x7e) s += '\\' + (b < 10 ? '00' : b < 100 ? '0' : '') + b;
      else s += String.fromCharCode(b);
    }
    s += '"';
    i += 1 + len;
  }
  return s;
}

function rdataText(buf: Uint8Array, type: number, start: number, end: number): string | null {
  switch (type) {
    case 1: // A
      return end - start === 4 ? `${buf[start]}.${buf[start + 1]}.${buf[start + 2]}.${buf[start + 3]}` : null;
    case 28: // AAAA
      return end - start === 16 ? ipv6Text(buf, start) : null;
    case 2: case 5: case 12: case 39: { // NS CNAME PTR DNAME
      const target = readName(buf, start);
      return target !== null && nameEnd === end ? target : null;
    }
    case 15: { // MX
      if (end - start < 3) return null;
      const exchange = readName(buf, start + 2);
      return exchange !== null && nameEnd === end ? `${u16(buf, start)} ${exchange}` : null;
    }
    case 6: { // SOA
      const mname = readName(buf, start);
      if (mname === null) return null;
      const rname = readName(buf, nameEnd);
      if (rname === null) return null;
      const o = nameEnd;
      if (o + 20 !== end) return null;
      return `${mname} ${rname} ${u32(buf, o)} ${u32(buf, o + 4)} ${u32(buf, o + 8)} ${u32(buf, o + 12)} ${u32(buf, o + 16)}`;
    }
    case 16: // TXT
      return txtText(buf, start, end);
  }
  return null;
}

const TYPE_NAMES: Record<number, string> = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 39: 'DNAME' };

/** The record at `span` in canonical form, or null when the general decoder must handle it. */
export function fastRecord(buf: Uint8Array, span: RrSpan): ZoneRecord | null {
  const type = TYPE_NAMES[span.type];
  if (type === undefined) return null;
  const name = readName(buf, span.start);
  if (name === null || nameEnd !== span.rdata - 10) return null;
  const data = rdataText(buf, span.type, span.rdata, span.end);
  if (data === null) return null;
  return { name, type, ttl: u32(buf, span.rdata - 6), data };
}
