// The DNS client the probe engine uses: UDP with automatic TCP fallback on TC=1, TCP on request,
// a bound on queries in flight, one shared deadline timer, and counters of everything it ignored.
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DnsAnswer, DnsClient, DnsQuery, Transport } from './dns-client-types.ts';
import { CryptoRandom16 } from './crypto-random.ts';
import { DeadlineQueue } from './deadline-queue.ts';
import { encodeQuery, type EncodedQuery } from './response-match.ts';
import { TcpTransport } from './tcp-transport.ts';
import { errorText, newStats, type DnsClientStats, type TransportResult } from './transport-types.ts';
import { UdpTransport } from './udp-transport.ts';
import type { AnswerCallback, CallbackDnsClient } from './callback-client.ts';

export type { DnsClientStats } from './transport-types.ts';
export type { AnswerCallback, CallbackDnsClient } from './callback-client.ts';

export interface DnsClientOptions {
  maxInFlight?: number;       // queries sent and not yet finished (default 1000); more wait in a queue
  udpSockets?: number;        // UDP sockets per address family (default 64)
  queriesPerSocket?: number;  // queries per UDP socket before it is replaced on a new port (default 32)
  recvBufferSize?: number;    // SO_RCVBUF asked for each UDP socket (default 1 MiB, capped by the kernel)
  timerTickMs?: number;       // resolution of timeouts (default 5 ms)
}

export interface InstrumentedDnsClient extends DnsClient, CallbackDnsClient {
  stats(): DnsClientStats;
}

function toAnswer(result: TransportResult, transport: Transport): DnsAnswer {
  if (result.outcome === 'answer') {
    const s = result.sections;
    return { outcome: 'answer', transport, latencyMs: result.latencyMs, rcode: s.rcode, aa: s.aa, tc: s.tc, ra: s.ra,
      answer: s.answer, authority: s.authority, additional: s.additional };
  }
  const answer: DnsAnswer = { outcome: result.outcome, transport, latencyMs: null, answer: [], authority: [], additional: [] };
  if (result.error !== undefined) answer.error = result.error;
  return answer;
}

const failed = (transport: Transport, error: string): DnsAnswer =>
  ({ outcome: 'network-error', transport, latencyMs: null, answer: [], authority: [], additional: [], error });

interface Queued { q: DnsQuery; encoded: EncodedQuery; done: AnswerCallback }

export function createDnsClient(opts: DnsClientOptions = {}): InstrumentedDnsClient {
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 1000);
  const stats = newStats();
  const random = new CryptoRandom16();
  const deadlines = new DeadlineQueue(opts.timerTickMs ?? 5);
  const udp = new UdpTransport({
    poolSize: Math.max(1, Math.min(opts.udpSockets ?? 64, 65536)),
    queriesPerSocket: Math.max(1, opts.queriesPerSocket ?? 32),
    recvBufferSize: opts.recvBufferSize ?? 1 << 20,
  }, deadlines, random, stats);
  const tcp = new TcpTransport(deadlines, random, stats);
  const waiting: (Queued | undefined)[] = [];
  let waitingHead = 0;
  let inFlight = 0;
  let closed = false;

  /** Ends a query that held a slot: count it, hand the slot to the next waiter, then report. */
  const complete = (answer: DnsAnswer, done: AnswerCallback): void => {
    stats.outcomes[answer.outcome]++;
    release();
    done(answer);
  };

  const release = (): void => {
    if (waitingHead < waiting.length) {
      const next = waiting[waitingHead]!;
      waiting[waitingHead++] = undefined;
      if (waitingHead === waiting.length) {
        waiting.length = 0;
        waitingHead = 0;
      } else if (waitingHead > 1024 && waitingHead * 2 > waiting.length) {
        waiting.splice(0, waitingHead);
        waitingHead = 0;
      }
      start(next.q, next.encoded, next.done); // the slot passes straight to the next waiter
    } else {
      inFlight--;
    }
  };

  function start(q: DnsQuery, encoded: EncodedQuery, done: AnswerCallback): void {
    if (closed) return complete(failed(q.transport ?? 'udp', 'client closed'), done);
    try {
      if (q.transport === 'tcp') {
        tcp.query(q.address, q.port, q.timeoutMs, encoded).then((r) => complete(toAnswer(r, 'tcp'), done),
          (err) => complete(failed('tcp', errorText(err)), done));
        return;
      }
      const t0 = performance.now();
      udp.send(q.address, q.port, q.timeoutMs, encoded, (first) => {
        if (first.outcome !== 'answer' || !first.sections.tc || closed) return complete(toAnswer(first, 'udp'), done);
        // Truncated: ask again over TCP within what is left of the query's time budget.
        stats.tcpFallbacks++;
        const left = Math.max(1, q.timeoutMs - (performance.now() - t0));
        tcp.query(q.address, q.port, left, encoded).then((r) => complete(toAnswer(r, 'tcp'), done),
          (err) => complete(failed('tcp', errorText(err)), done));
      });
    } catch (err) {
      // Transports report rather than throw; this is only a last line of defence.
      complete(failed(q.transport ?? 'udp', errorText(err)), done);
    }
  }

  function queryCallback(q: DnsQuery, done: AnswerCallback): void {
    const transport: Transport = q.transport ?? 'udp';
    if (closed) return done(failed(transport, 'client closed'));
    if (!isIP(q.address)) return done(failed(transport, `not an IP address: ${q.address}`));
    if (!Number.isInteger(q.port) || q.port < 1 || q.port > 65535) return done(failed(transport, `bad port ${q.port}`));
    let encoded: EncodedQuery;
    try {
      encoded = encodeQuery(q);
    } catch (err) {
      return done(failed(transport, `cannot encode query: ${errorText(err)}`));
    }
    if (inFlight < maxInFlight) {
      inFlight++;
      start(q, encoded, done);
    } else {
      waiting.push({ q, encoded, done });
    }
  }

  const query = (q: DnsQuery): Promise<DnsAnswer> => new Promise((resolve) => queryCallback(q, resolve));

  async function close(): Promise<void> {
    closed = true;
    udp.close();
    tcp.close();
    deadlines.flush();
    deadlines.stop();
    // Queued queries end at once (iteratively: a long queue must not recurse through release()).
    const queued = waiting.slice(waitingHead);
    waiting.length = 0;
    waitingHead = 0;
    for (const w of queued) {
      stats.outcomes['network-error']++;
      w!.done(failed(w!.q.transport ?? 'udp', 'client closed'));
    }
  }

  return { query, queryCallback, close, stats: () => structuredClone(stats) };
}
