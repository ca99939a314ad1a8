// Lookup structures built once per zone set: nodes by name, RRsets by type code with their wire form
// already encoded, delegation points and empty non-terminals. Queries then only concatenate buffers.
import * as dnsPacket from '@leichtgewicht/dns-packet';
import type { Zone, ZoneRecord } from '../zone/zone-types.ts';
import { recordToPacket, typeNumber } from '../zone/rdata-codec.ts';
import { parentName } from '../core/dns-names.ts';

export interface RRset {
  name: string;
  typeCode: number;
  records: ZoneRecord[]; // as served (tampered data included)
  wire: Buffer;          // all RRs encoded back to back, owner names uncompressed
  count: number;
}

export interface ZoneIndex {
  origin: string;
  nodes: Map<string, Map<number, RRset>>; // owner → type code → RRset
  existing: Set<string>;                  // owners plus empty non-terminals
  cuts: Set<string>;                      // delegation points (NS below the apex)
  soa: RRset;
  negativeSoa: Buffer;                    // SOA with TTL = min(TTL, MINIMUM) for negative answers (RFC 2308)
  served: ZoneRecord[];                   // all records as served, SOA first (for AXFR)
  axfrMessages?: { body: Buffer; count: number }[]; // built on first AXFR
}

export const T = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, AAAA: 28, SRV: 33, DS: 43, NSEC: 47, ANY: 255, AXFR: 252, IXFR: 251 } as const;

function encodeRecord(r: ZoneRecord): Buffer {
  return Buffer.from(dnsPacket.answer.encode(recordToPacket(r) as any));
}

/** The highest delegation point at or above name (below the apex), or null. */
export function findCut(name: string, origin: string, cuts: Set<string>): string | null {
  if (cuts.size === 0) return null;
  let found: string | null = null;
  for (let n: string | null = name; n !== null && n !== origin; n = parentName(n)) {
    if (cuts.has(n)) found = n;
  }
  return found;
}

/** Names at which an NS RRset makes a delegation (any NS owner except the apex). */
export function delegationPoints(zone: Zone): Set<string> {
  const cuts = new Set<string>();
  for (const r of zone.records) if (r.type === 'NS' && r.name !== zone.origin) cuts.add(r.name);
  return cuts;
}

/** Builds the index of one zone; served(r) gives the data to serve for record r (tampering hook). */
export function buildZoneIndex(zone: Zone, served: (r: ZoneRecord) => string = (r) => r.data): ZoneIndex {
  const origin = zone.origin;
  const byKey = new Map<string, ZoneRecord[]>();
  const servedRecords: ZoneRecord[] = [];
  let soaRecord: ZoneRecord | undefined;
  for (const r of zone.records) {
    const s = { ...r, data: served(r) };
    if (r.type === 'SOA') {
      if (r.name === origin && !soaRecord) soaRecord = s;
      continue;
    }
    servedRecords.push(s);
  }
  if (!soaRecord) throw new Error(`zone ${origin} has no SOA at its apex`);
  servedRecords.unshift(soaRecord);
  const nodes = new Map<string, Map<number, RRset>>();
  const existing = new Set<string>();
  for (const r of servedRecords) {
    const code = typeNumber(r.type);
    let node = nodes.get(r.name);
    if (!node) {
      node = new Map();
      nodes.set(r.name, node);
      for (let n: string | null = r.name; n !== null && !existing.has(n); n = n === origin ? null : parentName(n)) existing.add(n);
    }
    const key = `${r.name}|${code}`;
    const list = byKey.get(key) ?? [];
    byKey.set(key, list);
    list.push(r);
    if (!node.has(code)) node.set(code, { name: r.name, typeCode: code, records: list, wire: Buffer.alloc(0), count: 0 });
  }
  for (const node of nodes.values()) {
    for (const rrset of node.values()) {
      rrset.wire = Buffer.concat(rrset.records.map(encodeRecord));
      rrset.count = rrset.records.length;
    }
  }
  const soa = nodes.get(origin)!.get(T.SOA)!;
  const minimum = Number(soaRecord.data.split(' ')[6]);
  const negativeSoa = encodeRecord({ ...soaRecord, ttl: Math.min(soaRecord.ttl, minimum) });
  return { origin, nodes, existing, cuts: delegationPoints(zone), soa, negativeSoa, served: servedRecords };
}

/** AXFR payload: SOA, every other record, SOA, cut into messages of at most maxBytes of RRs. */
export function axfrMessages(index: ZoneIndex, maxBytes = 16000): { body: Buffer; count: number }[] {
  if (index.axfrMessages) return index.axfrMessages;
  const out: { body: Buffer; count: number }[] = [];
  let parts: Buffer[] = [];
  let size = 0;
  const push = (w: Buffer): void => {
    if (size + w.length > maxBytes && parts.length > 0) {
      out.push({ body: Buffer.concat(parts), count: parts.length });
      parts = [];
      size = 0;
    }
    parts.push(w);
    size += w.length;
  };
  for (const r of index.served) push(encodeRecord(r));
  push(index.soa.wire);
  out.push({ body: Buffer.concat(parts), count: parts.length });
  index.axfrMessages = out;
  return out;
}
