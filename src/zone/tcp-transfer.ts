// One zone transfer exchange over TCP (AXFR, IXFR): connect, send the framed query, feed each answer
// message to the caller until it has a result, and fail on a socket error, an early close or the
// deadline. What the messages mean is the caller's (axfr-fetch.ts, ixfr-fetch.ts).
import { connect } from 'node:net';
import { TcpFramer, frameTcp } from '../dns/tcp-framing.ts';

export interface TcpTransferOptions<T> {
  address: string;
  port: number;
  timeoutMs: number;
  /** The query message, unframed. */
  query: Uint8Array;
  /** How errors begin, e.g. "AXFR of lab. from 127.0.0.1:53". */
  what: string;
  /** The caller's error class: what the transfer rejects with (an error of it thrown by onMessage passes as is). */
  Failure: new (message: string) => Error;
  /** One answer message: the result when the transfer is complete, else null; throws to fail. */
  onMessage: (message: Buffer) => T | null;
  /** The server closed before a result: the result after all (e.g. a lone SOA), or null to fail. */
  onClose?: () => T | null;
  /** Appended to the early-close error, e.g. "(12 records)". */
  closedDetail?: () => string;
}

export function tcpTransfer<T>(o: TcpTransferOptions<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const framer = new TcpFramer();
    let finished = false;
    const socket = connect({ host: o.address, port: o.port });
    const finish = (err: Error | null, result?: T): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err); else resolve(result as T);
    };
    const timer = setTimeout(() => finish(new o.Failure(`${o.what} timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
    socket.on('connect', () => socket.write(frameTcp(o.query)));
    socket.on('error', (e) => finish(new o.Failure(`${o.what}: ${e.message}`)));
    socket.on('close', () => {
      const result = o.onClose?.() ?? null;
      if (result !== null) finish(null, result);
      else finish(new o.Failure(`${o.what}: connection closed before the closing SOA ${o.closedDetail?.() ?? ''}`.trimEnd()));
    });
    socket.on('data', (chunk: Buffer) => {
      for (const message of framer.push(chunk)) {
        if (finished) break;
        try {
          const result = o.onMessage(message);
          if (result !== null) finish(null, result);
        } catch (e) {
          finish(e instanceof o.Failure ? e : new o.Failure(`${o.what}: malformed message: ${(e as Error).message}`));
        }
      }
    });
  });
}
