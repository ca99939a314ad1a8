// Structural walk of a DNS message before anything decodes it. dns-packet trusts the header counts,
// reads past the end of a buffer without failing (undefined bytes become 0) and lets an RDATA
// decoder consume more or fewer bytes than RDLENGTH says. This walker checks every name (labels,
// compression pointers strictly backwards, <= 255 octets, bounded hops), every fixed field and every
// RDLENGTH against the buffer, so that dns-packet only ever sees a message whose layout is sound.
// It is pure, allocation-light and bounded: each step consumes at least one byte or fails.

export interface RrSpan {
  start: number;   // offset of the owner name
  rdata: number;   // offset of the RDATA
  end: number;     // offset just past the RDATA
  type: number;
}

export interface PacketLayout {
  questionEnd: number;
  answers: RrSpan[];
  authorities: RrSpan[];
  additionals: RrSpan[];
}

export class PacketLayoutError extends Error {}

const MAX_POINTER_HOPS = 127; // a name has at most 127 labels, so more hops than that is a loop

/** Returns the offset just past the name at `offset` (pointers end the name in place). */
export function skipName(buf: Uint8Array, offset: number): number {
  let pos = offset;
  let end = -1;      // where the name ends in the original stream (set at the first pointer)
  let nameLength = 1;
  let hops = 0;
  let floor = offset; // a pointer must point strictly before the start of the labels it follows
  for (;;) {
    if (pos >= buf.length) throw new PacketLayoutError(`name at ${offset} runs past the end`);
    const len = buf[pos];
    if (len === 0) {
      return end === -1 ? pos + 1 : end;
    }
    const kind = len & 0xc0;
    if (kind === 0) {
      if (pos + 1 + len > buf.length) throw new PacketLayoutError(`label at ${pos} runs past the end`);
      nameLength += len + 1;
      if (nameLength > 255) throw new PacketLayoutError(`name at ${offset} is longer than 255 octets`);
      pos += len + 1;
    } else if (kind === 0xc0) {
      if (pos + 1 >= buf.length) throw new PacketLayoutError(`pointer at ${pos} runs past the end`);
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (end === -1) end = pos + 2;
      if (target >= floor) throw new PacketLayoutError(`pointer at ${pos} does not point backwards`);
      if (++hops > MAX_POINTER_HOPS) throw new PacketLayoutError(`name at ${offset} has too many pointers`);
      floor = target;
      pos = target;
    } else {
      throw new PacketLayoutError(`label type 0x${kind.toString(16)} at ${pos} is not supported`);
    }
  }
}

function walkRecords(buf: Uint8Array, offset: number, count: number, out: RrSpan[]): number {
  for (let i = 0; i < count; i++) {
    const start = offset;
    offset = skipName(buf, offset);
    if (offset + 10 > buf.length) throw new PacketLayoutError(`record at ${start} is cut short`);
    const type = (buf[offset] << 8) | buf[offset + 1];
    const rdlength = (buf[offset + 8] << 8) | buf[offset + 9];
    const rdata = offset + 10;
    const end = rdata + rdlength;
    if (end > buf.length) throw new PacketLayoutError(`RDATA of record at ${start} runs past the end`);
    out.push({ start, rdata, end, type });
    offset = end;
  }
  return offset;
}

/** Walks the whole message; throws PacketLayoutError on the first structural lie. */
export function walkPacket(buf: Uint8Array): PacketLayout {
  if (buf.length < 12) throw new PacketLayoutError('shorter than a DNS header');
  const qd = (buf[4] << 8) | buf[5];
  const an = (buf[6] << 8) | buf[7];
  const ns = (buf[8] << 8) | buf[9];
  const ar = (buf[10] << 8) | buf[11];
  // Cheap lie detection before any work: a question takes >= 5 octets, a record >= 11.
  if (12 + qd * 5 + (an + ns + ar) * 11 > buf.length) {
    throw new PacketLayoutError(`header counts (${qd}/${an}/${ns}/${ar}) need more than ${buf.length} octets`);
  }
  let offset = 12;
  for (let i = 0; i < qd; i++) {
    offset = skipName(buf, offset);
    if (offset + 4 > buf.length) throw new PacketLayoutError('question is cut short');
    offset += 4;
  }
  const layout: PacketLayout = { questionEnd: offset, answers: [], authorities: [], additionals: [] };
  offset = walkRecords(buf, offset, an, layout.answers);
  offset = walkRecords(buf, offset, ns, layout.authorities);
  walkRecords(buf, offset, ar, layout.additionals);
  return layout;
}
