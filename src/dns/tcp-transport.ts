// TCP side of the DNS client: one connection per query, 2-byte length prefix (RFC 1035 §4.2.2 /
// RFC 7766). The reply may arrive in pieces or coalesced with others; messages that are not ours
// are counted and skipped, and we keep reading until the deadline, which covers connecting too.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CryptoRandom16 } from './crypto-random.ts';
import type { DeadlineQueue } from './deadline-queue.ts';
import { judgeResponse, setQueryId, type EncodedQuery } from './response-match.ts';
import { errorText, type DnsClientStats, type TransportResult } from './transport-types.ts';
import { TcpFramer, frameTcp } from './tcp-framing.ts';

export class TcpTransport {
  readonly #deadlines: DeadlineQueue;
  readonly #random: CryptoRandom16;
  readonly #stats: DnsClientStats;
  readonly #open = new Set<() => void>(); // abort functions of the connections in flight

  constructor(deadlines: DeadlineQueue, random: CryptoRandom16, stats: DnsClientStats) {
    this.#deadlines = deadlines;
    this.#random = random;
    this.#stats = stats;
  }

  query(address: string, port: number, timeoutMs: number, query: EncodedQuery): Promise<TransportResult> {
    return new Promise((resolve) => {
      const id = this.#random.next();
      const framed = frameTcp(query.wire);
      setQueryId(framed.subarray(2), id);
      const framer = new TcpFramer();
      const t0 = performance.now();
      let done = false;
      const socket = net.connect({ host: address, port, noDelay: true });
      const finish = (result: TransportResult): void => {
        if (done) return;
        done = true;
        this.#deadlines.cancel(deadline);
        this.#open.delete(abort);
        socket.destroy();
        resolve(result);
      };
      const abort = (): void => finish({ outcome: 'network-error', latencyMs: null, error: 'client closed' });
      const deadline = this.#deadlines.add(timeoutMs, () => finish({ outcome: 'timeout', latencyMs: null }));
      this.#open.add(abort);
      this.#stats.sent.tcp++;
      socket.on('connect', () => socket.write(framed));
      socket.on('data', (chunk: Buffer) => {
        for (const msg of framer.push(chunk)) {
          const verdict = judgeResponse(msg, query, id);
          if (verdict.kind === 'ignore') {
            this.#stats.ignored[verdict.reason]++;
          } else if (verdict.kind === 'malformed') {
            return finish({ outcome: 'malformed', latencyMs: null, error: verdict.error });
          } else {
            return finish({ outcome: 'answer', latencyMs: performance.now() - t0, sections: verdict.sections });
          }
        }
      });
      socket.on('error', (err) => finish({ outcome: 'network-error', latencyMs: null, error: errorText(err) }));
      socket.on('close', () => finish({ outcome: 'network-error', latencyMs: null, error: 'connection closed before an answer' }));
    });
  }

  close(): void {
    for (const abort of [...this.#open]) abort();
  }
}
