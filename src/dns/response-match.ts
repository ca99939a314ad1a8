// Pure wire logic of the DNS client: encode a query, and judge a received message against it.
// A message is either ignored (not ours: counted as spoof-like by the transports), 'malformed'
// (it is ours by header, but its body is broken) or a usable answer. Never throws.
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { toType } from '@leichtgewicht/dns-packet/types.js';
import type { DnsQuery } from './dns-client-types.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';
import { walkPacket, type RrSpan } from './packet-guard.ts';
import { recordFromPacket } from '../zone/rdata-codec.ts';
import { fastRecord } from './fast-records.ts';

const EDNS_UDP_SIZE = 1232;
const OPT_TYPE = 41;
const FLAG_QR = 0x80; // in byte 2
const decodeBytes = (dnsPacket.answer.decode as unknown as { bytes: number });

export interface EncodedQuery {
  wire: Uint8Array;       // whole query; bytes 0-1 (ID) are patched per send
  questionEnd: number;    // the question is wire[12, questionEnd)
}

export type IgnoreReason = 'short' | 'id-mismatch' | 'not-response' | 'opcode-mismatch' | 'question-mismatch';

export interface AnswerSections {
  rcode: string;
  aa: boolean;
  tc: boolean;
  ra: boolean;
  answer: ZoneRecord[];
  authority: ZoneRecord[];
  additional: ZoneRecord[];
}

export type Verdict =
  | { kind: 'ignore'; reason: IgnoreReason }
  | { kind: 'malformed'; error: string }
  | { kind: 'answer'; sections: AnswerSections };

const RCODES: Record<number, string> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 6: 'YXDOMAIN',
  7: 'YXRRSET', 8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE', 11: 'DSOTYPENI', 16: 'BADVERS', 17: 'BADKEY',
  18: 'BADTIME', 19: 'BADMODE', 20: 'BADNAME', 21: 'BADALG', 22: 'BADTRUNC', 23: 'BADCOOKIE',
};
export const rcodeName = (n: number): string => RCODES[n] ?? `RCODE${n}`;

const typeCodes = new Map<string, number>();

function queryType(type: string): number {
  const known = typeCodes.get(type);
  if (known !== undefined) return known;
  const m = /^TYPE(\d{1,5})$/i.exec(type);
  const n = m ? Number(m[1]) : toType(type);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`unknown query type ${type}`);
  if (typeCodes.size < 1000) typeCodes.set(type, n);
  return n;
}

function checkName(name: string): void {
  const labels = name.replace(/^\.|\.$/g, '');
  if (labels === '') return;
  let total = 1;
  for (const label of labels.split('.')) {
    const len = Buffer.byteLength(label);
    if (len === 0 || len > 63) throw new Error(`invalid label in query name ${JSON.stringify(name)}`);
    total += len + 1;
  }
  if (total > 255) throw new Error(`query name longer than 255 octets: ${name}`);
}

/**
 * Hand-written encoding of the usual query (printable ASCII name): the same octets dns-packet
 * produces, without its objects and regular expressions. null: use the general encoder.
 */
function encodeQueryFast(q: DnsQuery, qtype: number): EncodedQuery | null {
  const name = q.name;
  let from = name.charCodeAt(0) === 0x2e ? 1 : 0;
  let to = name.length;
  if (to > from && name.charCodeAt(to - 1) === 0x2e) to--;
  if (to - from > 253) return null;
  const nameLength = to > from ? to - from + 2 : 1;
  const questionEnd = 12 + nameLength + 4;
  const wire = new Uint8Array(questionEnd + 11);
  let lengthAt = 12;
  let labelLength = 0;
  for (let i = from; i < to; i++) {
    const c = name.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return null; // spaces, controls, non-ASCII: the general path decides
    if (c === 0x2e) {
      if (labelLength === 0 || labelLength > 63) return null;
      wire[lengthAt] = labelLength;
      lengthAt = 13 + (i - from);
      labelLength = 0;
    } else {
      wire[13 + (i - from)] = c;
      labelLength++;
    }
  }
  if (to > from) {
    if (labelLength === 0 || labelLength > 63) return null;
    wire[lengthAt] = labelLength;
  }
  // wire[questionEnd - 5] is the root label (0); header ID stays 0.
  if (q.recursionDesired) wire[2] = 0x01;
  if (q.checkingDisabled) wire[3] = 0x10;
  wire[5] = 1; // QDCOUNT
  wire[11] = 1; // ARCOUNT: the OPT record
  wire[questionEnd - 4] = qtype >> 8;
  wire[questionEnd - 3] = qtype & 0xff;
  wire[questionEnd - 1] = 1; // class IN
  // OPT: root name, type 41, payload size, extended RCODE 0, version 0, flags (DO), no options.
  wire[questionEnd + 2] = OPT_TYPE;
  wire[questionEnd + 3] = EDNS_UDP_SIZE >> 8;
  wire[questionEnd + 4] = EDNS_UDP_SIZE & 0xff;
  if (q.dnssecOk) wire[questionEnd + 7] = 0x80;
  return { wire, questionEnd };
}

/** Encodes the query with ID 0, EDNS0 OPT (1232, DO when dnssecOk). Throws on a name or type it cannot send. */
export function encodeQuery(q: DnsQuery): EncodedQuery {
  let qtype: number;
  try {
    qtype = queryType(q.type);
  } catch (err) {
    checkName(q.name); // a bad name is reported first, as the general path does
    throw err;
  }
  const fast = encodeQueryFast(q, qtype);
  if (fast) return fast;
  checkName(q.name);
  let flags = 0;
  if (q.recursionDesired) flags |= dnsPacket.RECURSION_DESIRED;
  if (q.checkingDisabled) flags |= dnsPacket.CHECKING_DISABLED;
  const wire = dnsPacket.encode({
    type: 'query', id: 0, flags,
    questions: [{ name: q.name, type: 'A', class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, flags: q.dnssecOk ? dnsPacket.DNSSEC_OK : 0 } as never],
  });
  const questionEnd = 12 + dnsPacket.name.encodingLength(q.name) + 4;
  // the type is written by hand so TYPEnnn mnemonics work too
  wire[questionEnd - 4] = qtype >> 8;
  wire[questionEnd - 3] = qtype & 0xff;
  return { wire, questionEnd };
}

export function setQueryId(wire: Uint8Array, id: number): void {
  wire[0] = id >> 8;
  wire[1] = id & 0xff;
}

const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** Question octets equal, ASCII case-insensitively (length octets are < 0x41 so folding is safe). */
function sameQuestion(buf: Uint8Array, query: EncodedQuery): boolean {
  const q = query.wire;
  for (let i = 12; i < query.questionEnd; i++) if (lower(buf[i]) !== lower(q[i])) return false;
  return true;
}

function decodeSection(buf: Uint8Array, spans: RrSpan[], out: ZoneRecord[], opt: { ext: number; seen: boolean }): void {
  for (const span of spans) {
    if (span.type === OPT_TYPE && span.end === span.rdata) {
      // An OPT without options (the usual one): only its extended RCODE octet matters.
      if (!opt.seen) { opt.seen = true; opt.ext = buf[span.rdata - 6]; }
      continue;
    }
    if (span.type !== OPT_TYPE) {
      const fast = fastRecord(buf, span);
      if (fast) { out.push(fast); continue; }
    }
    const rr = dnsPacket.answer.decode(buf, span.start);
    if (decodeBytes.bytes !== span.end - span.start) {
      throw new Error(`RDATA of ${rr.type} record at ${span.start} does not fill its RDLENGTH`);
    }
    if (span.type === OPT_TYPE) {
      if (!opt.seen) { opt.seen = true; opt.ext = (rr as unknown as { extendedRcode?: number }).extendedRcode ?? 0; }
      continue;
    }
    out.push(recordFromPacket(rr));
  }
}

/** Judges a message received for `query` sent with `id`. */
export function judgeResponse(buf: Uint8Array, query: EncodedQuery, id: number): Verdict {
  if (buf.length < 12) return { kind: 'ignore', reason: 'short' };
  if (((buf[0] << 8) | buf[1]) !== id) return { kind: 'ignore', reason: 'id-mismatch' };
  if ((buf[2] & FLAG_QR) === 0) return { kind: 'ignore', reason: 'not-response' };
  if ((buf[2] & 0x78) !== (query.wire[2] & 0x78)) return { kind: 'ignore', reason: 'opcode-mismatch' };
  const rcode4 = buf[3] & 0x0f;
  const qdcount = (buf[4] << 8) | buf[5];
  if (qdcount === 0) return { kind: 'malformed', error: `response has no question section (rcode ${rcodeName(rcode4)})` };
  if (buf.length < query.questionEnd) return { kind: 'malformed', error: 'response ends inside the question section' };
  if (!sameQuestion(buf, query)) return { kind: 'ignore', reason: 'question-mismatch' };
  if (qdcount !== 1) return { kind: 'malformed', error: `response has ${qdcount} questions` };
  try {
    const layout = walkPacket(buf);
    const sections: AnswerSections = {
      rcode: '', aa: (buf[2] & 0x04) !== 0, tc: (buf[2] & 0x02) !== 0, ra: (buf[3] & 0x80) !== 0,
      answer: [], authority: [], additional: [],
    };
    const opt = { ext: 0, seen: false };
    decodeSection(buf, layout.answers, sections.answer, opt);
    decodeSection(buf, layout.authorities, sections.authority, opt);
    decodeSection(buf, layout.additionals, sections.additional, opt);
    sections.rcode = rcodeName((opt.ext << 4) | rcode4);
    return { kind: 'answer', sections };
  } catch (err) {
    // A truncated answer is only a signal to retry over TCP: some servers cut it mid-record.
    if ((buf[2] & 0x02) !== 0) {
      return { kind: 'answer', sections: { rcode: rcodeName(rcode4), aa: (buf[2] & 0x04) !== 0, tc: true, ra: (buf[3] & 0x80) !== 0, answer: [], authority: [], additional: [] } };
    }
    return { kind: 'malformed', error: err instanceof Error ? err.message : String(err) };
  }
}
