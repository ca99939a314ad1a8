// Trust anchors: a file of DS or DNSKEY records in presentation format (as Unbound's trust-anchor-file),
// or the built-in root anchors (KSK-2017, tag 20326, and KSK-2024, tag 38696, from IANA's root-anchors).
import type { Rr } from './types.ts';
import { TYPE } from './types.ts';
import type { ZoneAnchor } from './zone-keys.ts';
import { fromZoneRecords, parseRecordLines } from './records.ts';

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
