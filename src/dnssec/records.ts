// Records for the validator (and trust anchors) from the zone code's canonical ZoneRecord (what the DNS client and the zone
// file parser give): RDATA encoded to wire form by @leichtgewicht/dns-packet via rdata-codec.ts. The
// canonical text already has every embedded name lower-cased, as RFC 4034 §6.2 asks for the listed types.
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { canonicalizeRdata, recordToPacket } from '../zone/rdata-codec.ts';
import { isTypeToken, typeNumber } from '../zone/rr-types.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';
import { canonicalName, tokenizeLines } from '../zone/presentation-text.ts';
import type { Rr } from './types.ts';
import { TYPE } from './types.ts';
import type { ZoneAnchor } from './zone-keys.ts';

// RDATA by "type data": a probe sees the same records every cycle, and encoding from text costs ~10 µs.
const rdataMemo = new Map<string, { type: number; rdata: Uint8Array }>();
const MEMO_MAX = 100_000;

/** One ZoneRecord → Rr (throws PresentationError on RDATA that cannot be encoded). RDATA is shared: never mutate it. */
export function fromZoneRecord(rec: ZoneRecord): Rr {
  const key = `${rec.type} ${rec.data}`;
  let hit = rdataMemo.get(key);
  if (!hit) {
    const wire = dnsPacket.answer.encode(recordToPacket(rec) as any);
    // Skip the (uncompressed) owner, type, class and TTL, then read RDLENGTH.
    let o = 0;
    while (wire[o] !== 0) o += wire[o] + 1;
    o += 1 + 8; // root label, type, class, TTL
    const len = (wire[o] << 8) | wire[o + 1];
    hit = { type: typeNumber(rec.type), rdata: wire.slice(o + 2, o + 2 + len) };
    if (rdataMemo.size >= MEMO_MAX) rdataMemo.clear();
    rdataMemo.set(key, hit);
  }
  return { name: rec.name, type: hit.type, ttl: rec.ttl, rdata: hit.rdata };
}

export const fromZoneRecords = (records: readonly ZoneRecord[]): Rr[] => records.map(fromZoneRecord);

/** As fromZoneRecords, leaving out the records whose RDATA cannot be encoded (an answer's unusable records). */
export function encodableRrs(records: readonly ZoneRecord[]): Rr[] {
  const out: Rr[] = [];
  for (const r of records) { try { out.push(fromZoneRecord(r)); } catch { /* unencodable: left out */ } }
  return out;
}

/**
 * Parses presentation-format lines ("owner [ttl] [class] type rdata", comments and parentheses allowed),
 * as in Unbound's trust-anchor-file or a DS/DNSKEY dump; owners must be absolute.
 */
export function parseRecordLines(text: string): ZoneRecord[] {
  const out: ZoneRecord[] = [];
  for (const line of tokenizeLines(text)) {
    const t = line.tokens.map((x) => x.text);
    if (t.length === 0 || t[0].startsWith('$')) continue;
    let i = 1, ttl = 0;
    for (let guard = 0; guard < 2 && i < t.length; guard++) {
      if (/^\d+$/.test(t[i])) { ttl = Number(t[i]); i++; } else if (/^(IN|CH|HS)$/i.test(t[i])) i++;
    }
    if (i >= t.length || !isTypeToken(t[i])) throw new Error(`line ${line.line}: cannot find the record type`);
    const type = t[i].toUpperCase();
    const name = canonicalName(t[0]);
    const rdata = line.tokens.slice(i + 1).map((x) => x.text).join(' ');
    out.push({ name, type, ttl, data: canonicalizeRdata(type, rdata, name) });
  }
  return out;
}

// Trust anchors: a file of DS or DNSKEY records in presentation format (as Unbound's trust-anchor-file),
// or the built-in root anchors (KSK-2017, tag 20326, and KSK-2024, tag 38696, from IANA's root-anchors).
export const ROOT_ANCHOR_TEXT = [
  '. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D',
  '. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16',
].join('\n');

export interface TrustAnchor {
  zone: string;
  anchor: ZoneAnchor;
}

/** Parses anchor text: every DS/DNSKEY record must have the same owner (the anchor's zone). */
export function parseTrustAnchor(text: string): TrustAnchor {
  const records = fromZoneRecords(parseRecordLines(text).filter((r) => r.type === 'DS' || r.type === 'DNSKEY'));
  if (records.length === 0) throw new Error('the trust anchor has no DS or DNSKEY record');
  const zone = records[0].name;
  if (records.some((r) => r.name !== zone)) throw new Error('the trust anchor names more than one zone');
  const ds = records.filter((r: Rr) => r.type === TYPE.DS);
  return { zone, anchor: ds.length ? { ds } : { dnskeys: records.filter((r) => r.type === TYPE.DNSKEY) } };
}

export const rootTrustAnchor = (): TrustAnchor => parseTrustAnchor(ROOT_ANCHOR_TEXT);
