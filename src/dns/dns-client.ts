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

export type { DnsClientStats } from './transport-types.ts';

export interface DnsClientOptions {
  maxInFlight?: number;       // queries sent and not yet finished (default 1000); more wait in a queue
  udpSockets?: number;        // UDP sockets per address family (default 64)
  queriesPerSocket?: number;  // queries per UDP socket before it is replaced on a new port (default 32)
  recvBufferSize?: number;    // SO_RCVBUF asked for each UDP socket (default 1 MiB, capped by the kernel)
  timerTickMs?: number;       // resolution of timeouts (default 5 ms)
}

export interface InstrumentedDnsClient extends DnsClient {
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
  const waiting: (() => void)[] = [];
  let waitingHead = 0;
  let inFlight = 0;
  let closed = false;

  const acquire = (): Promise<void> | null => {
    if (inFlight < maxInFlight) {
      inFlight++;
      return null;
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    if (waitingHead < waiting.length) {
      const next = waiting[waitingHead];
      waiting[waitingHead++] = undefined as unknown as () => void;
      if (waitingHead > 1024 && waitingHead * 2 > waiting.length) {
        waiting.splice(0, waitingHead);
        waitingHead = 0;
      }
      next(); // the slot passes straight to the next waiter
    } else {
      inFlight--;
    }
  };

  async function run(q: DnsQuery, encoded: EncodedQuery): Promise<DnsAnswer> {
    const start = performance.now();
    if (q.transport === 'tcp') return toAnswer(await tcp.query(q.address, q.port, q.timeoutMs, encoded), 'tcp');
    const first = await udp.query(q.address, q.port, q.timeoutMs, encoded);
    if (first.outcome !== 'answer' || !first.sections.tc || closed) return toAnswer(first, 'udp');
    // Truncated: ask again over TCP within what is left of the query's time budget.
    stats.tcpFallbacks++;
    const left = Math.max(1, q.timeoutMs - (performance.now() - start));
    return toAnswer(await tcp.query(q.address, q.port, left, encoded), 'tcp');
  }

  async function query(q: DnsQuery): Promise<DnsAnswer> {
    const transport: Transport = q.transport ?? 'udp';
    if (closed) return failed(transport, 'client closed');
    if (!isIP(q.address)) return failed(transport, `not an IP address: ${q.address}`);
    if (!Number.isInteger(q.port) || q.port < 1 || q.port > 65535) return failed(transport, `bad port ${q.port}`);
    let encoded: EncodedQuery;
    try {
      encoded = encodeQuery(q);
    } catch (err) {
      return failed(transport, `cannot encode query: ${errorText(err)}`);
    }
    const wait = acquire();
    if (wait) await wait;
    try {
      const answer = closed ? failed(transport, 'client closed') : await run(q, encoded);
      stats.outcomes[answer.outcome]++;
      return answer;
    } catch (err) {
      // Transports resolve rather than reject; this is only a last line of defence.
      stats.outcomes['network-error']++;
      return failed(transport, errorText(err));
    } finally {
      release();
    }
  }

  async function close(): Promise<void> {
    closed = true;
    udp.close();
    tcp.close();
    deadlines.flush();
    deadlines.stop();
    // Let queued queries run through: they see `closed` and end at once.
    while (waitingHead < waiting.length) release();
  }

  return { query, close, stats: () => structuredClone(stats) };
}
