// Hand-written wire handling for the hot path: parse a query (header, one question, EDNS0 OPT) without
// building objects for every field, and assemble responses from precomputed RR bytes.

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9 } as const;
const OPT_TYPE = 41;
const NSID_CODE = 3;
export const SERVER_UDP_SIZE = 1232;

export interface ParsedQuery {
  id: number;
  flags: number;        // raw header flags of the query
  opcode: number;
  qname: string;        // lower-case, absolute ("www.lab.")
  question: Buffer;     // the question section as received (echoed verbatim)
  qtype: number;
  qclass: number;
  edns: boolean;
  udpSize: number;      // requester's UDP payload size (512 without EDNS)
  dnssecOk: boolean;
  ednsVersion: number;
  nsid: boolean;        // NSID option present
}

/** Result of parsing: a query, an error to answer (header was readable), or null to drop silently. */
export type ParseResult = { ok: true; q: ParsedQuery } | { ok: false; id: number; flags: number; rcode: number; question?: Buffer } | null;

/** Offset just past a (possibly compressed) name, or -1 if malformed. */
function skipName(buf: Buffer, off: number): number {
  for (let hops = 0; hops < 128; hops++) {
    if (off >= buf.length) return -1;
    const len = buf[off];
    if (len === 0) return off + 1;
    if ((len & 0xc0) === 0xc0) return off + 2 <= buf.length ? off + 2 : -1;
    if ((len & 0xc0) !== 0) return -1;
    off += 1 + len;
  }
  return -1;
}

export function parseQuery(buf: Buffer): ParseResult {
  if (buf.length < 12) return null;
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response: never answer it (no reflection loops)
  const opcode = (flags >> 11) & 0xf;
  const qd = buf.readUInt16BE(4);
  const an = buf.readUInt16BE(6);
  const ns = buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  if (opcode !== 0) return { ok: false, id, flags, rcode: RCODE.NOTIMP };
  if (qd !== 1) return { ok: false, id, flags, rcode: RCODE.FORMERR };
  // question name: plain labels only (compression in a lone question is meaningless)
  let off = 12;
  let qname = '';
  let wireLen = 1;
  for (;;) {
    if (off >= buf.length) return { ok: false, id, flags, rcode: RCODE.FORMERR };
    const len = buf[off];
    if (len === 0) { off++; break; }
    if (len > 63 || off + 1 + len > buf.length) return { ok: false, id, flags, rcode: RCODE.FORMERR };
    wireLen += len + 1;
    if (wireLen > 255) return { ok: false, id, flags, rcode: RCODE.FORMERR };
    qname += buf.toString('utf8', off + 1, off + 1 + len) + '.';
    off += 1 + len;
  }
  if (off + 4 > buf.length) return { ok: false, id, flags, rcode: RCODE.FORMERR };
  const qtype = buf.readUInt16BE(off);
  const qclass = buf.readUInt16BE(off + 2);
  off += 4;
  const question = buf.subarray(12, off);
  const fail = (rcode: number): ParseResult => ({ ok: false, id, flags, rcode, question });
  // skip answer and authority RRs, look for OPT in the additional section
  let edns = false;
  let udpSize = 512;
  let dnssecOk = false;
  let ednsVersion = 0;
  let nsid = false;
  const total = an + ns + ar;
  for (let i = 0; i < total; i++) {
    off = skipName(buf, off);
    if (off < 0 || off + 10 > buf.length) return fail(RCODE.FORMERR);
    const type = buf.readUInt16BE(off);
    const rdlen = buf.readUInt16BE(off + 8);
    if (off + 10 + rdlen > buf.length) return fail(RCODE.FORMERR);
    if (type === OPT_TYPE) {
      if (i < an + ns || edns || buf[off - 1] !== 0) return fail(RCODE.FORMERR);
      edns = true;
      udpSize = Math.max(512, buf.readUInt16BE(off + 2));
      ednsVersion = buf[off + 5];
      dnssecOk = (buf[off + 6] & 0x80) !== 0;
      for (let o = off + 10; o + 4 <= off + 10 + rdlen;) {
        if (buf.readUInt16BE(o) === NSID_CODE) nsid = true;
        o += 4 + buf.readUInt16BE(o + 2);
      }
    }
    off += 10 + rdlen;
  }
  return {
    ok: true,
    q: {
      id, flags, opcode, qname: qname === '' ? '.' : qname.toLowerCase(), question, qtype, qclass, edns, udpSize,
      dnssecOk, ednsVersion, nsid,
    },
  };
}

/** Sections of an answer, already encoded. */
export interface Body {
  rcode: number;
  aa: boolean;
  an: Buffer; anCount: number;
  ns: Buffer; nsCount: number;
  ar: Buffer; arCount: number;
  additionalRequired: boolean; // referral glue: if it does not fit, set TC
}

export interface OptOut {
  dnssecOk: boolean;
  extendedRcode: number; // upper 8 bits of a 12-bit RCODE (BADVERS = 1)
  nsid?: Buffer;
}

function optRecord(o: OptOut): Buffer {
  const optLen = o.nsid ? 4 + o.nsid.length : 0;
  const b = Buffer.alloc(11 + optLen);
  b[0] = 0;
  b.writeUInt16BE(OPT_TYPE, 1);
  b.writeUInt16BE(SERVER_UDP_SIZE, 3);
  b[5] = o.extendedRcode;
  b[6] = 0; // EDNS version 0
  b[7] = o.dnssecOk ? 0x80 : 0;
  b[8] = 0;
  b.writeUInt16BE(optLen, 9);
  if (o.nsid) {
    b.writeUInt16BE(NSID_CODE, 11);
    b.writeUInt16BE(o.nsid.length, 13);
    o.nsid.copy(b, 15);
  }
  return b;
}

/**
 * Assembles a response within limit bytes. If the full answer does not fit, the additional section is
 * dropped first (unless required), then everything but the question with TC=1.
 */
export function buildResponse(
  id: number, queryFlags: number, question: Buffer | undefined, body: Body, opt: OptOut | null, limit: number,
): Buffer {
  const optBuf = opt ? optRecord(opt) : null;
  const q = question ?? Buffer.alloc(0);
  const base = 12 + q.length + (optBuf ? optBuf.length : 0);
  let an = body.an, ns = body.ns, ar = body.ar;
  let anCount = body.anCount, nsCount = body.nsCount, arCount = body.arCount;
  let tc = false;
  if (base + an.length + ns.length + ar.length > limit) {
    if (!body.additionalRequired && base + an.length + ns.length <= limit) {
      ar = EMPTY; arCount = 0;
    } else {
      an = ns = ar = EMPTY; anCount = nsCount = arCount = 0; tc = true;
    }
  }
  const out = Buffer.allocUnsafe(base + an.length + ns.length + ar.length);
  // QR, opcode copied, AA, TC, RD copied, CD copied, RCODE low bits
  const flags = 0x8000 | (queryFlags & 0x7800) | (body.aa ? 0x0400 : 0) | (tc ? 0x0200 : 0) |
    (queryFlags & 0x0100) | (queryFlags & 0x0010) | (body.rcode & 0xf);
  out.writeUInt16BE(id, 0);
  out.writeUInt16BE(flags, 2);
  out.writeUInt16BE(question ? 1 : 0, 4);
  out.writeUInt16BE(anCount, 6);
  out.writeUInt16BE(nsCount, 8);
  out.writeUInt16BE(arCount + (optBuf ? 1 : 0), 10);
  let off = 12;
  off += q.copy(out, off);
  off += an.copy(out, off);
  off += ns.copy(out, off);
  off += ar.copy(out, off);
  if (optBuf) optBuf.copy(out, off);
  return out;
}

export const EMPTY = Buffer.alloc(0);

export const errorBody = (rcode: number): Body => ({
  rcode, aa: false, an: EMPTY, anCount: 0, ns: EMPTY, nsCount: 0, ar: EMPTY, arCount: 0, additionalRequired: false,
});
