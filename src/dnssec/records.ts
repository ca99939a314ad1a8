// Records for the validator from the zone code's canonical ZoneRecord (what the DNS client and the zone
// file parser give): RDATA encoded to wire form by @leichtgewicht/dns-packet via rdata-codec.ts. The
// canonical text already has every embedded name lower-cased, as RFC 4034 §6.2 asks for the listed types.
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { canonicalizeRdata, recordToPacket } from '../zone/rdata-codec.ts';
import { isTypeToken, typeNumber } from '../zone/rr-types.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';
import { canonicalName, tokenizeLines } from '../zone/presentation-text.ts';
import type { Rr } from './types.ts';

/** One ZoneRecord → Rr (throws PresentationError on RDATA that cannot be encoded). */
export function fromZoneRecord(rec: ZoneRecord): Rr {
  const wire = dnsPacket.answer.encode(recordToPacket(rec) as any);
  // Skip the (uncompressed) owner, type, class and TTL, then read RDLENGTH.
  let o = 0;
  while (wire[o] !== 0) o += wire[o] + 1;
  o += 1 + 8; // root label, type, class, TTL
  const len = (wire[o] << 8) | wire[o + 1];
  return { name: rec.name, type: typeNumber(rec.type), ttl: rec.ttl, rdata: wire.slice(o + 2, o + 2 + len) };
}

export const fromZoneRecords = (records: readonly ZoneRecord[]): Rr[] => records.map(fromZoneRecord);

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
