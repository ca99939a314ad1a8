// Incremental zone transfer client (RFC 1995) over TCP: asks the primary for the changes since the
// serial we hold (our SOA in the authority section). The answer is one of
//  - 'current': a single SOA whose serial is not newer than ours (nothing to fetch);
//  - 'full': an AXFR-style answer (RFC 1995 §4 lets a server send the whole zone), as a Zone;
//  - 'incremental': SOA(new), then per step SOA(old) + deleted records, SOA(next) + added records,
//    ending with SOA(new) again; returned as the list of steps.
// A server that refuses IXFR (REFUSED, NOTIMP, FORMERR) rejects with IxfrError; callers fall back to AXFR.
import { randomInt } from 'node:crypto';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { Zone, ZoneRecord } from './zone-types.ts';
import { recordFromPacket, recordToPacket } from './rdata-codec.ts';
import { absoluteName, packetName } from './presentation-text.ts';
import { tcpTransfer } from './tcp-transfer.ts';
import { compareSerials, serialOfSoaData } from './serial-arithmetic.ts';

export interface IxfrOptions {
  address: string;
  port: number;
  zone: string;
  /** The SOA record of the version we hold (its serial is what the server diffs from). */
  haveSoa: ZoneRecord;
  timeoutMs: number;
  maxRecords?: number; // safety bound, default 5 million
}

export interface IxfrStep { from: number; to: number; deleted: ZoneRecord[]; added: ZoneRecord[] }

export type IxfrResult =
  | { kind: 'current'; serial: number }
  | { kind: 'full'; zone: Zone }
  | { kind: 'incremental'; serial: number; soa: ZoneRecord; steps: IxfrStep[] };

export class IxfrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IxfrError';
  }
}

const serialOf = (soa: ZoneRecord): number => serialOfSoaData(soa.data) ?? NaN;

export function fetchZoneChangesByIxfr(opts: IxfrOptions): Promise<IxfrResult> {
  const origin = absoluteName(opts.zone.endsWith('.') ? opts.zone : opts.zone + '.');
  const maxRecords = opts.maxRecords ?? 5_000_000;
  const id = randomInt(0, 65536);
  const msg = dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name: packetName(origin), type: 'IXFR', class: 'IN' }],
    authorities: [recordToPacket(opts.haveSoa)] });
  const what = `IXFR of ${origin} from ${opts.address}:${opts.port}`;
  const records: ZoneRecord[] = [];
  return tcpTransfer<IxfrResult>({
    address: opts.address, port: opts.port, timeoutMs: opts.timeoutMs, query: msg, what, Failure: IxfrError,
    onMessage: handleMessage,
    // A lone SOA (we are current) may come as the whole answer before the server closes.
    onClose: () => (records.length === 1 ? { kind: 'current', serial: serialOf(records[0]) } : null),
    closedDetail: () => `(${records.length} records)`,
  });

  function handleMessage(body: Buffer): IxfrResult | null {
    const p = dnsPacket.decode(body);
    if (p.id !== id) throw new IxfrError(`${what}: message with wrong id ${p.id}`);
    if (p.rcode !== 'NOERROR') throw new IxfrError(`${what} refused: ${p.rcode}`);
    for (const a of p.answers ?? []) {
      if (a.type === 'OPT' || a.type === 'TSIG') continue;
      records.push(recordFromPacket(a as any));
      if (records.length > maxRecords) throw new IxfrError(`${what}: more than ${maxRecords} records`);
    }
    if (records.length === 0) throw new IxfrError(`${what}: empty answer`);
    const first = records[0];
    if (first.type !== 'SOA' || first.name !== origin) throw new IxfrError(`${what}: first record is ${first.name} ${first.type}, not the SOA`);
    const newest = serialOf(first);
    // A single SOA in a complete message whose serial is not newer than ours: nothing to fetch.
    if (records.length === 1 && compareSerials(newest, serialOf(opts.haveSoa)) !== 'newer') return { kind: 'current', serial: newest };
    return complete(newest);
  }

  /** The result when the records so far end with the closing SOA, else null. */
  function complete(newest: number): IxfrResult | null {
    const last = records.at(-1)!;
    if (records.length < 2 || last.type !== 'SOA' || last.name !== origin || serialOf(last) !== newest) return null;
    if (records[1].type !== 'SOA' || records[1].name !== origin) {
      return { kind: 'full', zone: { origin, records: records.slice(0, -1) } }; // AXFR-style
    }
    // Incremental: walk SOA(old) deleted… SOA(new) added… pairs; the final SOA(newest) closes it.
    const steps: IxfrStep[] = [];
    let i = 1;
    while (i < records.length - 1) {
      const fromSoa = records[i++];
      const deleted: ZoneRecord[] = [];
      while (i < records.length && !(records[i].type === 'SOA' && records[i].name === origin)) deleted.push(records[i++]);
      if (i >= records.length - 1 && i !== records.length - 1) return null;
      const toSoa = records[i++];
      const added: ZoneRecord[] = [];
      while (i < records.length && !(records[i].type === 'SOA' && records[i].name === origin)) added.push(records[i++]);
      if (i >= records.length) return null; // not closed yet
      steps.push({ from: serialOf(fromSoa), to: serialOf(toSoa), deleted, added });
      if (serialOf(toSoa) === newest && i === records.length - 1) return { kind: 'incremental', serial: newest, soa: records[0], steps };
    }
    return null;
  }
}
