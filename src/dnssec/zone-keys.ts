// verifyZoneKeys: from a zone's DS set at the parent (or a trust anchor's DS/DNSKEY records) to the
// zone's trusted DNSKEYs. A DNSKEY matching a DS (digest types 1, 2, 4) must sign the DNSKEY RRset;
// then every zone key of the set is trusted for the zone's data (RFC 4035 §5.2).
import type { Rr, TrustedKey, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { bogus, insecure } from './types.ts';
import { parseDnskey, parseDs } from './rdata-parse.ts';
import { SUPPORTED_ALGORITHMS, SUPPORTED_DIGESTS, dsDigest, keyTag } from './crypto-keys.ts';
import { nameToWire } from './wire-names.ts';
import { validateRRset } from './validate-rrset.ts';

export interface ZoneKeysVerdict extends Verdict {
  keys?: ZoneKeys;
  /** Algorithms of the zone's keys and the DNSKEY RRset's signature expiry (seconds), when secure. */
  algorithms?: number[];
  expiresAt?: number;
}

/** What a zone is anchored by: its DS RRset from the validated parent, or trust-anchor DNSKEYs. */
export type ZoneAnchor = { ds: readonly Rr[] } | { dnskeys: readonly Rr[] };

const ZONE_KEY = 0x0100;
const REVOKE = 0x0080;

function toTrusted(r: Rr): TrustedKey | null {
  try {
    const k = parseDnskey(r.rdata);
    if (k.protocol !== 3 || !(k.flags & ZONE_KEY)) return null;
    return { tag: keyTag(r.rdata), algorithm: k.algorithm, flags: k.flags, rdata: r.rdata };
  } catch {
    return null;
  }
}

const usable = (k: TrustedKey): boolean => SUPPORTED_ALGORITHMS.has(k.algorithm) && !(k.flags & REVOKE);

/** The zone keys of a DNSKEY RRset that can verify the zone's data: a supported algorithm, not revoked. */
export function usableZoneKeys(dnskeys: readonly Rr[]): TrustedKey[] {
  return dnskeys.map(toTrusted).filter((k): k is TrustedKey => k !== null && usable(k));
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(b);

/** Validates `dnskeys` (the zone's DNSKEY RRset) with its RRSIGs against the anchor. */
export function verifyZoneKeys(zone: string, dnskeys: readonly Rr[], rrsigs: readonly Rr[], anchor: ZoneAnchor,
  ctx: ValidationContext): ZoneKeysVerdict {
  const all = dnskeys.map(toTrusted).filter((k): k is TrustedKey => k !== null);
  let entry: TrustedKey[];
  if ('ds' in anchor) {
    let ds = anchor.ds.flatMap((r) => { try { return [parseDs(r.rdata)]; } catch { return []; } })
      .filter((d) => SUPPORTED_ALGORITHMS.has(d.algorithm) && SUPPORTED_DIGESTS.has(d.digestType));
    // RFC 4509 §3: with a SHA-256 (or stronger) DS present, SHA-1 DS records are ignored.
    if (ds.some((d) => d.digestType !== 1)) ds = ds.filter((d) => d.digestType !== 1);
    if (ds.length === 0) return insecure('unsupported-algorithm', `${zone}: no DS with a supported algorithm and digest`);
    if (dnskeys.length === 0) return bogus('missing-dnskey', `${zone}: no DNSKEY RRset`);
    const owner = nameToWire(zone);
    entry = all.filter((k) => ds.some((d) => d.keyTag === k.tag && d.algorithm === k.algorithm &&
      sameBytes(dsDigest(owner, k.rdata, d.digestType) ?? new Uint8Array(0), d.digest)));
    if (entry.length === 0) return bogus('no-matching-ds', `${zone}: no DNSKEY matches the DS set (${ds.map((d) => d.keyTag).join(', ')})`);
  } else {
    const anchors = anchor.dnskeys.map((r) => r.rdata);
    if (!anchor.dnskeys.some((r) => { try { return SUPPORTED_ALGORITHMS.has(parseDnskey(r.rdata).algorithm); } catch { return false; } })) {
      return insecure('unsupported-algorithm', `${zone}: no trust-anchor key with a supported algorithm`);
    }
    if (dnskeys.length === 0) return bogus('missing-dnskey', `${zone}: no DNSKEY RRset`);
    entry = all.filter((k) => anchors.some((a) => sameBytes(a, k.rdata)));
    if (entry.length === 0) return bogus('no-trust-anchor-match', `${zone}: no DNSKEY equals a trust-anchor key`);
  }
  const v = validateRRset(dnskeys, rrsigs, { zone, keys: entry }, ctx);
  if (v.status !== 'secure') return v;
  const keys = all.filter(usable);
  const algorithms = [...new Set(keys.map((k) => k.algorithm))].sort((a, b) => a - b);
  return { status: 'secure', reason: null, keys: { zone, keys }, algorithms, expiresAt: v.expiresAt };
}
