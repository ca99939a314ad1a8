// RFC 5734 §4 framing: every EPP data unit on the TCP/TLS stream is a 32-bit big-endian total length
// (the 4 header octets included) followed by that many octets of XML. The reader is bounded: a length
// below 5 or above `maxFrameBytes` is a protocol error, never an allocation.

export const HEADER_BYTES = 4;
/** Largest frame accepted by default (1 MiB): EPP responses are small; a lying header must not cost memory. */
export const DEFAULT_MAX_FRAME_BYTES = 1 << 20;

export class EppFramingError extends Error {
  override name = 'EppFramingError';
}

/** One data unit: the length header, then the XML in UTF-8. */
export function encodeFrame(xml: string): Buffer {
  const body = Buffer.from(xml, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(HEADER_BYTES + body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/** Accumulates stream chunks and yields whole frames (their XML text) as they complete. */
export class FrameReader {
  readonly #max: number;
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
    this.#max = maxFrameBytes;
  }

  /** Bytes received but not yet part of a returned frame. */
  get pending(): number {
    return this.#buffered;
  }

  /** Adds a chunk; returns every frame it completes (possibly none). Throws EppFramingError on a bad header. */
  push(chunk: Buffer): string[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: string[] = [];
    // Bounded: each turn consumes at least HEADER_BYTES + 1 bytes of the buffer or stops.
    while (this.#buffered >= HEADER_BYTES) {
      const all = this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks);
      this.#chunks = [all];
      const total = all.readUInt32BE(0);
      if (total <= HEADER_BYTES) throw new EppFramingError(`frame length ${total} is not above the ${HEADER_BYTES}-byte header`);
      if (total > this.#max) throw new EppFramingError(`frame length ${total} exceeds the limit of ${this.#max} bytes`);
      if (all.length < total) break;
      frames.push(all.subarray(HEADER_BYTES, total).toString('utf8'));
      const rest = all.subarray(total);
      this.#chunks = rest.length > 0 ? [rest] : [];
      this.#buffered = rest.length;
    }
    return frames;
  }
}
