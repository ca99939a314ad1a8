// The lab's authoritative DNS server: UDP and TCP on one address/port, answers from precomputed indexes,
// AXFR over TCP, and fault knobs (stop, drop, delay, SERVFAIL, tamper) that apply to both transports.
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket, RemoteInfo } from 'node:dgram';
import { createServer, isIPv6 } from 'node:net';
import type { Server as TcpServer, Socket as TcpSocket } from 'node:net';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { Zone, ZoneRecord } from '../zone/zone-types.ts';
import { TcpFramer, frameTcp } from '../dns/tcp-framing.ts';
import { loadZoneFile } from '../zone/zonefile.ts';
import { resolve } from './answer.ts';
import { findZone } from './answer.ts';
import { normalizeFaults, seededRandom } from './faults.ts';
import type { Faults } from './faults.ts';
import { chooseTampering } from './tamper.ts';
import { RCODE, SERVER_UDP_SIZE, buildResponse, errorBody, parseQuery } from './wire.ts';
import type { Body, OptOut, ParsedQuery } from './wire.ts';
import { T, axfrMessages, buildZoneIndex } from './zone-index.ts';
import type { ZoneIndex } from './zone-index.ts';

export type { Faults } from './faults.ts';

export interface AuthServerOptions {
  zones: Zone[];
  address: string;      // e.g. 127.0.0.1 or ::1
  port: number;         // 0 picks a free port (same number for UDP and TCP)
  nodeId?: string;      // returned for NSID and CH TXT id.server / hostname.bind
  tcpIdleMs?: number;   // idle TCP connections are closed after this (default 10 s)
}

export interface AuthServerStats { queries: number; answered: number; dropped: number }

export interface AuthServer {
  readonly address: string;
  readonly port: number;
  setFaults(f: Faults): void;
  getFaults(): Faults;
  /** The original records currently served with altered data. */
  tamperedRecords(): ZoneRecord[];
  /** Replaces the zones served (tampering is chosen again on the new data). */
  setZones(zones: Zone[]): void;
  stats(): AuthServerStats;
  close(): Promise<void>;
}

const CACHE_LIMIT = 100_000;
const CLASS_IN = 1;
const CLASS_CH = 3;
const CLASS_ANY = 255;

export async function startAuthServer(opts: AuthServerOptions): Promise<AuthServer> {
  let zones = opts.zones;
  let faults: Faults = {};
  let tampered = new Map<ZoneRecord, string>();
  let index = new Map<string, ZoneIndex>();
  let cache = new Map<string, Body>();
  let dropRandom: () => number = Math.random;
  const counters: AuthServerStats = { queries: 0, answered: 0, dropped: 0 };
  const nodeId = opts.nodeId ?? '';
  const nsid = nodeId ? Buffer.from(nodeId, 'utf8') : undefined;
  const idleMs = opts.tcpIdleMs ?? 10_000;

  const rebuild = (): void => {
    tampered = chooseTampering(zones, faults.tamperRate ?? 0, faults.tamperSeed ?? 1);
    const next = new Map<string, ZoneIndex>();
    for (const z of zones) next.set(z.origin, buildZoneIndex(z, (r) => tampered.get(r) ?? r.data));
    index = next;
    cache = new Map();
  };
  rebuild();

  const chaosBody = (q: ParsedQuery): Body => {
    const known = q.qname === 'id.server.' || q.qname === 'hostname.bind.' ? nodeId
      : q.qname === 'version.bind.' || q.qname === 'version.server.' ? 'dnswarden' : null;
    if (known === null || (q.qtype !== T.TXT && q.qtype !== T.ANY) || known === '') return errorBody(RCODE.REFUSED);
    const an = Buffer.from(dnsPacket.answer.encode({ name: q.qname.slice(0, -1), type: 'TXT', class: 'CH', ttl: 0, data: [known] } as any));
    return { ...errorBody(RCODE.NOERROR), aa: true, an, anCount: 1 };
  };

  const bodyFor = (q: ParsedQuery): Body => {
    if (q.qclass === CLASS_CH) return chaosBody(q);
    if (q.qclass !== CLASS_IN && q.qclass !== CLASS_ANY) return errorBody(RCODE.REFUSED);
    const key = q.qname + '|' + q.qtype + (q.dnssecOk ? '|do' : '');
    let body = cache.get(key);
    if (!body) {
      body = resolve(index, q.qname, q.qtype, q.dnssecOk);
      if (cache.size >= CACHE_LIMIT) cache = new Map();
      cache.set(key, body);
    }
    return body;
  };

  const optFor = (q: ParsedQuery, extendedRcode = 0): OptOut | null =>
    q.edns ? { dnssecOk: q.dnssecOk, extendedRcode, nsid: q.nsid ? nsid : undefined } : null;

  /** Handles one message; send gets zero or more responses (several for AXFR). */
  const handle = (msg: Buffer, tcp: boolean, send: (out: Buffer) => void): void => {
    counters.queries++;
    try {
      handleCounted(msg, tcp, send);
    } catch {
      counters.dropped++; // a bug must cost one answer, never the server
    }
  };

  const handleCounted = (msg: Buffer, tcp: boolean, send: (out: Buffer) => void): void => {
    if (faults.stopped || (faults.dropRate !== undefined && faults.dropRate > 0 && dropRandom() < faults.dropRate)) {
      counters.dropped++;
      return;
    }
    let parsed;
    try {
      parsed = parseQuery(msg);
    } catch {
      parsed = null;
    }
    if (parsed === null) { counters.dropped++; return; }
    const limit = tcp ? 65535 : 512;
    const out: Buffer[] = [];
    if (!parsed.ok) {
      out.push(buildResponse(parsed.id, parsed.flags, parsed.question, errorBody(parsed.rcode), null, limit));
    } else {
      const q = parsed.q;
      const udpLimit = tcp ? 65535 : q.edns ? Math.min(q.udpSize, SERVER_UDP_SIZE) : 512;
      if (q.edns && q.ednsVersion !== 0) {
        out.push(buildResponse(q.id, q.flags, q.question, errorBody(0), optFor(q, 1), udpLimit)); // BADVERS
      } else if (faults.servfail) {
        out.push(buildResponse(q.id, q.flags, q.question, errorBody(RCODE.SERVFAIL), optFor(q), udpLimit));
      } else if (q.qtype === T.AXFR || q.qtype === T.IXFR) {
        transfer(q, tcp, out);
      } else {
        out.push(buildResponse(q.id, q.flags, q.question, bodyFor(q), optFor(q), udpLimit));
      }
    }
    const deliver = (): void => {
      for (const b of out) send(b);
      counters.answered++;
    };
    if (faults.delayMs) setTimeout(deliver, faults.delayMs);
    else deliver();
  };

  /** AXFR (IXFR is answered with a full transfer, RFC 1995 §4). TCP only. */
  const transfer = (q: ParsedQuery, tcp: boolean, out: Buffer[]): void => {
    const z = findZone(index, q.qname);
    if (!tcp) {
      out.push(buildResponse(q.id, q.flags, q.question, errorBody(RCODE.NOTIMP), optFor(q), 512));
    } else if (!z || z.origin !== q.qname || q.qclass !== CLASS_IN) {
      out.push(buildResponse(q.id, q.flags, q.question, errorBody(z ? RCODE.NOTAUTH : RCODE.REFUSED), optFor(q), 65535));
    } else {
      axfrMessages(z).forEach((m, i) => {
        const body: Body = { ...errorBody(RCODE.NOERROR), aa: true, an: m.body, anCount: m.count };
        out.push(buildResponse(q.id, q.flags, i === 0 ? q.question : undefined, body, i === 0 ? optFor(q) : null, 65535));
      });
    }
  };

  // --- sockets ---------------------------------------------------------------------------------
  const family = isIPv6(opts.address) ? 'udp6' : 'udp4';
  const tcpSockets = new Set<TcpSocket>();
  let udp: UdpSocket;
  let tcpServer: TcpServer;
  let port = opts.port;

  const onUdp = (msg: Buffer, rinfo: RemoteInfo): void => {
    handle(msg, false, (b) => udp.send(b, rinfo.port, rinfo.address));
  };
  const onTcp = (sock: TcpSocket): void => {
    tcpSockets.add(sock);
    sock.setNoDelay(true);
    sock.setTimeout(idleMs, () => sock.destroy());
    const framer = new TcpFramer();
    sock.on('data', (chunk: Buffer) => {
      for (const msg of framer.push(chunk)) {
        handle(msg, true, (b) => { if (!sock.destroyed) sock.write(frameTcp(b)); });
      }
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => tcpSockets.delete(sock));
  };

  const bindBoth = async (p: number): Promise<void> => {
    udp = createSocket({ type: family, reuseAddr: false });
    udp.on('message', onUdp);
    udp.on('error', () => { /* send errors (e.g. ICMP unreachable) must not kill the server */ });
    await new Promise<void>((res, rej) => {
      udp.once('error', rej);
      udp.bind(p, opts.address, () => { udp.off('error', rej); res(); });
    });
    const bound = udp.address().port;
    tcpServer = createServer(onTcp);
    try {
      await new Promise<void>((res, rej) => {
        tcpServer.once('error', rej);
        tcpServer.listen(bound, opts.address, () => { tcpServer.off('error', rej); res(); });
      });
    } catch (e) {
      udp.close();
      throw e;
    }
    port = bound;
  };
  if (opts.port === 0) {
    let lastError: unknown;
    for (let attempt = 0; attempt < 20; attempt++) {
      try { await bindBoth(0); lastError = undefined; break; } catch (e) { lastError = e; }
    }
    if (lastError) throw lastError;
  } else {
    await bindBoth(opts.port);
  }
  udp!.setRecvBufferSize?.(8 * 1024 * 1024);
  udp!.setSendBufferSize?.(8 * 1024 * 1024);

  return {
    address: opts.address,
    get port() { return port; },
    setFaults(f: Faults): void {
      const next = normalizeFaults(f);
      const retamper = (next.tamperRate ?? 0) !== (faults.tamperRate ?? 0) || (next.tamperSeed ?? 1) !== (faults.tamperSeed ?? 1);
      dropRandom = next.dropSeed !== undefined ? seededRandom(next.dropSeed) : Math.random;
      faults = next;
      if (retamper) rebuild();
    },
    getFaults: () => ({ ...faults }),
    tamperedRecords: () => [...tampered.keys()],
    setZones(z: Zone[]): void { zones = z; rebuild(); },
    stats: () => ({ ...counters }),
    async close(): Promise<void> {
      for (const s of tcpSockets) s.destroy();
      await Promise.all([
        new Promise<void>((res) => udp.close(() => res())),
        new Promise<void>((res) => tcpServer.close(() => res())),
      ]);
    },
  };
}

/** Loads zone files ({ origin, file }) and serves them. */
export async function startAuthServerFromFiles(
  opts: Omit<AuthServerOptions, 'zones'> & { zoneFiles: { origin: string; file: string }[] },
): Promise<AuthServer> {
  const zones = await Promise.all(opts.zoneFiles.map((z) => loadZoneFile(z.file, z.origin)));
  const { zoneFiles: _files, ...rest } = opts;
  return startAuthServer({ ...rest, zones });
}
