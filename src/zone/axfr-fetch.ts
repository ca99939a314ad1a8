// Zone transfer client (RFC 5936): AXFR over TCP, any number of messages, complete when the closing SOA
// arrives. Used to take the "authoritative truth" from a primary server.
import { randomInt } from 'node:crypto';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { Zone, ZoneRecord } from './zone-types.ts';
import { recordFromPacket } from './rdata-codec.ts';
import { absoluteName, packetName } from './presentation-text.ts';
import { tcpTransfer } from './tcp-transfer.ts';

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
  const msg = dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name: packetName(origin), type: 'AXFR', class: 'IN' }] });
  const what = `AXFR of ${origin} from ${opts.address}:${opts.port}`;
  const records: ZoneRecord[] = [];
  return tcpTransfer<Zone>({
    address: opts.address, port: opts.port, timeoutMs: opts.timeoutMs, query: msg, what, Failure: AxfrError,
    onMessage: (message) => (handleMessage(message) ? { origin, records } : null),
    closedDetail: () => `(${records.length} records)`,
  });

  /** Returns true when the transfer is complete. */
  function handleMessage(msg: Buffer): boolean {
    const p = dnsPacket.decode(msg);
    if (p.id !== id) throw new AxfrError(`${what}: message with wrong id ${p.id}`);
    if (p.rcode !== 'NOERROR') throw new AxfrError(`${what} refused: ${p.rcode}`);
    for (const a of p.answers ?? []) {
      if (a.type === 'OPT' || a.type === 'TSIG') continue;
      const r = recordFromPacket(a as any);
      if (records.length === 0) {
        if (r.type !== 'SOA' || r.name !== origin) throw new AxfrError(`${what}: first record is ${r.name} ${r.type}, not the SOA`);
      } else if (r.type === 'SOA' && r.name === origin) {
        if (r.data !== records[0].data) throw new AxfrError(`${what}: closing SOA differs from the opening one`);
        return true;
      }
      records.push(r);
      if (records.length > maxRecords) throw new AxfrError(`${what}: more than ${maxRecords} records`);
    }
    if (records.length === 0) throw new AxfrError(`${what}: empty answer`);
    return false;
  }
}
