// The lab resolver's hijack fault (`dnswarden lab fault resolver hijack <name> [<address>]`): the
// resolver answers A (an IPv4 address) or AAAA (an IPv6 address) queries for a name with the given
// address instead of the real data — what a hijacked or poisoned resolver does to a key domain.
// The built-in forwarder answers from `hijackAnswer`; Unbound gets `local-data` lines. Pure.
import { isIP } from 'node:net';
import { ipv6Bytes } from '../zone/rdata-codec.ts';

export const DEFAULT_HIJACK_ADDRESS = '203.0.113.66';
const HIJACK_TTL = 60;

/** name (absolute, lower-case) → address. */
export type Hijacks = Record<string, string>;

/** The record type an address answers (A or AAAA); throws for anything else. */
function hijackType(address: string): 'A' | 'AAAA' {
  const v = isIP(address);
  if (v === 4) return 'A';
  if (v === 6) return 'AAAA';
  throw new Error(`not an IPv4 or IPv6 address: '${address}'`);
}

/**
 * Unbound lines for the hijacks (inside `server:`): a `typetransparent` local zone per name, so that
 * the other types of the name still resolve normally, and its forged `local-data`.
 */
export function unboundLocalData(h: Hijacks): string[] {
  return Object.entries(h).flatMap(([name, addr]) => [
    `  local-zone: "${name}" typetransparent`, `  local-data: "${name} ${HIJACK_TTL} IN ${hijackType(addr)} ${addr}"`]);
}

/** Offset just past the question (name + type + class) of a query, or undefined. */
function questionEnd(msg: Buffer): number | undefined {
  let i = 12;
  for (let guard = 0; guard < 128 && i < msg.length; guard++) {
    const len = msg[i];
    if (len === 0) return i + 5 <= msg.length ? i + 5 : undefined;
    if (len > 63) return undefined;
    i += 1 + len;
  }
  return undefined;
}

/**
 * The forged answer to `query` when its name is hijacked and its type is the address's type
 * (QR, RD as asked, RA; one answer record; no authority, no additional), else undefined.
 */
export function hijackAnswer(query: Buffer, qname: string, h: Hijacks): Buffer | undefined {
  const addr = h[qname];
  const end = questionEnd(query);
  if (!addr || end === undefined) return undefined;
  const type = hijackType(addr);
  const qtype = query.readUInt16BE(end - 4);
  if (qtype !== (type === 'A' ? 1 : 28)) return undefined;
  const rdata = type === 'A' ? Buffer.from(addr.split('.').map(Number)) : ipv6Bytes(addr);
  const rr = Buffer.alloc(12);
  rr.writeUInt16BE(0xc00c, 0); // the question's name
  rr.writeUInt16BE(qtype, 2);
  rr.writeUInt16BE(1, 4); // IN
  rr.writeUInt32BE(HIJACK_TTL, 6);
  rr.writeUInt16BE(rdata.length, 10);
  const head = Buffer.from(query.subarray(0, end));
  head[2] = (head[2] | 0x80) & ~0x04; // QR=1, AA=0, RD kept
  head[3] = 0x80; // RA=1, RCODE NOERROR
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(1, 6);
  head.writeUInt16BE(0, 8);
  head.writeUInt16BE(0, 10);
  return Buffer.concat([head, rr, rdata]);
}
