// DNS over TCP frames every message with a 2-byte length (RFC 1035 §4.2.2, RFC 7766). The one place
// that writes and reads the prefix: the client's TCP transport, the AXFR and IXFR fetches and the
// built-in authoritative server all use it. Pure.

/** A message with its 2-byte length prefix, ready to write to a TCP socket. */
export function frameTcp(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(2 + message.length);
  framed.writeUInt16BE(message.length, 0);
  framed.set(message, 2);
  return framed;
}

/** Splits a TCP byte stream into length-prefixed DNS messages. Pure; bounded by the input size. */
export class TcpFramer {
  #buffer: Buffer = Buffer.alloc(0);

  /** Adds what arrived; returns the messages now complete, in order (a partial tail is kept). */
  push(chunk: Buffer): Buffer[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const messages: Buffer[] = [];
    let offset = 0;
    while (this.#buffer.length - offset >= 2) {
      const len = this.#buffer.readUInt16BE(offset);
      if (this.#buffer.length - offset - 2 < len) break;
      messages.push(this.#buffer.subarray(offset + 2, offset + 2 + len));
      offset += 2 + len;
    }
    this.#buffer = this.#buffer.subarray(offset);
    return messages;
  }
}
