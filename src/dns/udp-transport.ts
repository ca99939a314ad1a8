// UDP side of the DNS client. Sockets live in a small pool per address family; each query picks a
// random socket and a random free ID on it, and a socket is retired (closed once idle) and replaced
// by a fresh one on a new random port after `queriesPerSocket` queries. queriesPerSocket = 1 gives
// a brand-new socket (and source port) per query. Replies are demultiplexed by ID per socket, then
// checked for source address/port and judged by response-match.ts; everything else is counted.
import dgram from 'node:dgram';
import { SocketAddress, isIPv6 } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CryptoRandom16 } from './crypto-random.ts';
import type { Deadline, DeadlineQueue } from './deadline-queue.ts';
import { judgeResponse, setQueryId, type EncodedQuery } from './response-match.ts';
import { errorText, type DnsClientStats, type TransportResult } from './transport-types.ts';

export interface UdpTransportOptions {
  poolSize: number;          // sockets kept open per address family
  queriesPerSocket: number;  // queries sent on a socket before it is replaced (port rotation)
  recvBufferSize: number;
}

/** Called once with the result of a transport attempt; must not throw. */
export type TransportCallback = (r: TransportResult) => void;

// One query in flight; it is also its own deadline entry, so a query costs one object.
class Pending implements Deadline {
  at = 0;
  done = false;
  readonly id: number;
  readonly query: EncodedQuery;
  readonly address: string;
  readonly port: number;
  t0 = 0;
  readonly slot: Slot;
  readonly callback: TransportCallback;
  readonly transport: UdpTransport;

  constructor(transport: UdpTransport, slot: Slot, id: number, query: EncodedQuery, address: string, port: number, callback: TransportCallback) {
    this.transport = transport;
    this.slot = slot;
    this.id = id;
    this.query = query;
    this.address = address;
    this.port = port;
    this.callback = callback;
  }

  fire(): void {
    this.transport.finish(this, TIMEOUT);
  }
}

interface Slot {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
  /** Queries whose send() has not called back yet, in send order (libuv completes a socket's sends in order). */
  sending: Pending[];
  sendingHead: number;
  onSent: (err: Error | null) => void;
  uses: number;
  retired: boolean;
}

const TIMEOUT: TransportResult = Object.freeze({ outcome: 'timeout', latencyMs: null }) as TransportResult;

const MAX_ID_TRIES = 64;

const canonicalCache = new Map<string, string>();

/** The address as rinfo reports it (IPv6 compressed, lower case); memoised, servers repeat. */
function canonicalAddress(address: string): string {
  let canonical = canonicalCache.get(address);
  if (canonical === undefined) {
    try {
      canonical = new SocketAddress({ address, family: isIPv6(address) ? 'ipv6' : 'ipv4' }).address;
    } catch {
      canonical = address;
    }
    if (canonicalCache.size > 10_000) canonicalCache.clear();
    canonicalCache.set(address, canonical);
  }
  return canonical;
}

// Destinations are always IP literals (checked by the client), so resolve them synchronously:
// Node's default lookup defers every send() by a process.nextTick.
const literalLookup = (address: string, family: unknown, callback: (err: Error | null, address: string, family: number) => void): void => {
  callback(null, address, family === 6 || family === 'udp6' ? 6 : 4);
};

export class UdpTransport {
  readonly #opts: UdpTransportOptions;
  readonly #deadlines: DeadlineQueue;
  readonly #random: CryptoRandom16;
  readonly #stats: DnsClientStats;
  readonly #pools = { udp4: [] as (Slot | undefined)[], udp6: [] as (Slot | undefined)[] };
  readonly #all = new Set<Slot>();

  constructor(opts: UdpTransportOptions, deadlines: DeadlineQueue, random: CryptoRandom16, stats: DnsClientStats) {
    this.#opts = opts;
    this.#deadlines = deadlines;
    this.#random = random;
    this.#stats = stats;
  }

  query(address: string, port: number, timeoutMs: number, query: EncodedQuery): Promise<TransportResult> {
    return new Promise((resolve) => this.send(address, port, timeoutMs, query, resolve));
  }

  /**
   * Sends the query; `callback` gets the result exactly once. The query's wire is patched with the ID in
   * place: it belongs to this attempt until the callback (encodeQuery makes a fresh one per query).
   */
  send(address: string, port: number, timeoutMs: number, query: EncodedQuery, callback: TransportCallback): void {
    const canonical = canonicalAddress(address);
    const family = canonical.includes(':') ? 'udp6' : 'udp4';
    const slot = this.#pickSlot(family);
    let id = -1;
    for (let i = 0; i < MAX_ID_TRIES && id < 0; i++) {
      const candidate = this.#random.next();
      if (!slot.pending.has(candidate)) id = candidate;
    }
    if (id < 0) {
      callback({ outcome: 'network-error', latencyMs: null, error: 'no free query ID on socket' });
      return;
    }
    const p = new Pending(this, slot, id, query, canonical, port, callback);
    this.#deadlines.schedule(p, timeoutMs);
    slot.pending.set(id, p);
    slot.uses++;
    setQueryId(query.wire, id);
    this.#stats.sent.udp++;
    slot.sending.push(p);
    p.t0 = performance.now();
    try {
      slot.socket.send(query.wire, port, canonical, slot.onSent);
    } catch (err) {
      slot.sending.pop();
      this.finish(p, { outcome: 'network-error', latencyMs: null, error: errorText(err) });
    }
    if (slot.uses >= this.#opts.queriesPerSocket) this.#retire(slot, family);
  }

  #pickSlot(family: 'udp4' | 'udp6'): Slot {
    const pool = this.#pools[family];
    const index = this.#random.below(this.#opts.poolSize);
    const existing = pool[index];
    if (existing && !existing.retired) return existing;
    const slot = this.#openSlot(family);
    pool[index] = slot;
    return slot;
  }

  #openSlot(family: 'udp4' | 'udp6'): Slot {
    const socket = dgram.createSocket({ type: family, recvBufferSize: this.#opts.recvBufferSize, lookup: literalLookup as never });
    const slot: Slot = { socket, pending: new Map(), sending: [], sendingHead: 0, onSent: () => {}, uses: 0, retired: false };
    slot.onSent = (err) => {
      const p = slot.sending[slot.sendingHead];
      slot.sending[slot.sendingHead++] = undefined as unknown as Pending;
      if (slot.sendingHead === slot.sending.length) {
        slot.sending.length = 0;
        slot.sendingHead = 0;
      }
      if (err && p) this.finish(p, { outcome: 'network-error', latencyMs: null, error: errorText(err) });
    };
    socket.on('message', (msg, rinfo) => this.#onMessage(slot, msg, rinfo));
    socket.on('error', (err) => {
      this.#retire(slot, family);
      for (const p of [...slot.pending.values()]) {
        this.finish(p, { outcome: 'network-error', latencyMs: null, error: errorText(err) });
      }
    });
    socket.bind(0);
    this.#all.add(slot);
    this.#stats.socketsOpened++;
    return slot;
  }

  #onMessage(slot: Slot, msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (msg.length < 12) {
      this.#stats.ignored.short++;
      return;
    }
    const p = slot.pending.get((msg[0] << 8) | msg[1]);
    if (!p) {
      this.#stats.ignored.unsolicited++;
      return;
    }
    if (rinfo.port !== p.port || rinfo.address !== p.address) {
      this.#stats.ignored['wrong-source']++;
      return;
    }
    const verdict = judgeResponse(msg, p.query, p.id);
    if (verdict.kind === 'ignore') {
      this.#stats.ignored[verdict.reason]++;
    } else if (verdict.kind === 'malformed') {
      this.finish(p, { outcome: 'malformed', latencyMs: null, error: verdict.error });
    } else {
      this.finish(p, { outcome: 'answer', latencyMs: performance.now() - p.t0, sections: verdict.sections });
    }
  }

  /** Ends a pending query (answer, timeout, error); later calls for the same query do nothing. */
  finish(p: Pending, result: TransportResult): void {
    const slot = p.slot;
    if (slot.pending.get(p.id) !== p) return; // already finished
    slot.pending.delete(p.id);
    this.#deadlines.cancel(p);
    if (slot.retired && slot.pending.size === 0) this.#closeSlot(slot);
    p.callback(result);
  }

  #retire(slot: Slot, family: 'udp4' | 'udp6'): void {
    if (slot.retired) return;
    slot.retired = true;
    const pool = this.#pools[family];
    const index = pool.indexOf(slot);
    if (index >= 0) pool[index] = undefined;
    if (slot.pending.size === 0) this.#closeSlot(slot);
  }

  #closeSlot(slot: Slot): void {
    if (!this.#all.delete(slot)) return;
    try {
      slot.socket.close();
    } catch {
      // already closed after an error
    }
  }

  /** Ends every pending query with network-error and closes all sockets. */
  close(): void {
    for (const slot of [...this.#all]) {
      slot.retired = true;
      for (const p of [...slot.pending.values()]) {
        this.finish(p, { outcome: 'network-error', latencyMs: null, error: 'client closed' });
      }
      this.#closeSlot(slot);
    }
    this.#pools.udp4.length = 0;
    this.#pools.udp6.length = 0;
  }
}
