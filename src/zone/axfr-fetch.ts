// Zone transfer client (RFC 5936): AXFR over TCP, any number of messages, complete when the closing SOA
// arrives. Used to take the "authoritative truth" from a primary server.
import { connect } from 'node:net';
import { randomInt } from 'node:crypto';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { Zone, ZoneRecord } from './zone-types.ts';
import { recordFromPacket } from './rdata-codec.ts';
import { absoluteName, packetName } from './presentation-text.ts';
import { TcpFramer, frameTcp } from '../dns/tcp-framing.ts';

export interface AxfrOptions {
  address: string;
  port: number;
  zone: string;
  timeoutMs: number;
  maxRecords?: number; // safety bound, default 5 million
}

export class AxfrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AxfrError';
  }
}

/** Transfers a whole zone; rejects on refusal, malformed data, early close or timeout. */
export function fetchZoneByAxfr(opts: AxfrOptions): Promise<Zone> {
  const origin = absoluteName(opts.zone.endsWith('.') ? opts.zone : opts.zone + '.');
  const maxRecords = opts.maxRecords ?? 5_000_000;
  const id = randomInt(0, 65536);
  // framed by src/dns/tcp-framing.ts: dns-packet 6.0.3's streamEncode writes a zero length prefix
  const msg = dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name: packetName(origin), type: 'AXFR', class: 'IN' }] });
  const query = frameTcp(msg);
  return new Promise<Zone>((resolve, reject) => {
    const records: ZoneRecord[] = [];
    const framer = new TcpFramer();
    let finished = false;
    const socket = connect({ host: opts.address, port: opts.port });
    const finish = (err: Error | null): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve({ origin, records });
    };
    const timer = setTimeout(() => finish(new AxfrError(`AXFR of ${origin} from ${opts.address}:${opts.port} timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    socket.on('connect', () => socket.write(query));
    socket.on('error', (e) => finish(new AxfrError(`AXFR of ${origin}: ${e.message}`)));
    socket.on('close', () => finish(new AxfrError(`AXFR of ${origin}: connection closed before the closing SOA (${records.length} records)`)));
    socket.on('data', (chunk: Buffer) => {
      for (const msg of framer.push(chunk)) {
        if (finished) break;
        try {
          if (handleMessage(msg)) finish(null);
        } catch (e) {
          finish(e instanceof AxfrError ? e : new AxfrError(`AXFR of ${origin}: malformed message: ${(e as Error).message}`));
        }
      }
    });

    /** Returns true when the transfer is complete. */
    function handleMessage(msg: Buffer): boolean {
      const p = dnsPacket.decode(msg);
      if (p.id !== id) throw new AxfrError(`AXFR of ${origin}: message with wrong id ${p.id}`);
      if (p.rcode !== 'NOERROR') throw new AxfrError(`AXFR of ${origin} refused: ${p.rcode}`);
      for (const a of p.answers ?? []) {
        if (a.type === 'OPT' || a.type === 'TSIG') continue;
        const r = recordFromPacket(a as any);
        if (records.length === 0) {
          if (r.type !== 'SOA' || r.name !== origin) throw new AxfrError(`AXFR of ${origin}: first record is ${r.name} ${r.type}, not the SOA`);
        } else if (r.type === 'SOA' && r.name === origin) {
          if (r.data !== records[0].data) throw new AxfrError(`AXFR of ${origin}: closing SOA differs from the opening one`);
          return true;
        }
        records.push(r);
        if (records.length > maxRecords) throw new AxfrError(`AXFR of ${origin}: more than ${maxRecords} records`);
      }
      if (records.length === 0) throw new AxfrError(`AXFR of ${origin}: empty answer`);
      return false;
    }
  });
}
