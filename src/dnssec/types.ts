// The validator's data model: resource records with wire-format RDATA (what signatures cover) and the
// verdicts. Everything in src/dnssec except iterate.ts is pure: records in, verdicts out, no I/O.

/** One resource record. name: absolute, lower-case, trailing dot. rdata: canonical wire form (RFC 4034 §6.2). */
export interface Rr {
  name: string;
  type: number;
  ttl: number;
  rdata: Uint8Array;
}

export const TYPE = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, DNAME: 39, DS: 43, RRSIG: 46, NSEC: 47, DNSKEY: 48, NSEC3: 50, NSEC3PARAM: 51,
} as const;

export type BogusReason =
  | 'signature-expired' | 'signature-not-yet-valid' | 'no-matching-ds' | 'missing-signature' | 'bad-signature'
  | 'bad-denial' | 'no-matching-key' | 'missing-dnskey' | 'no-trust-anchor-match';

export type IndeterminateReason = 'no-answer' | 'no-glue' | 'lame' | 'loop' | 'unexpected-answer';

export type Status = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

export interface Verdict {
  status: Status;
  /** Why, for bogus and indeterminate (and for insecure: e.g. 'unsupported-algorithm', 'opt-out', 'no-ds'). */
  reason: string | null;
  /** Human detail: which RRset, which key. */
  detail?: string;
}

export const secure = (): Verdict => ({ status: 'secure', reason: null });
export const insecure = (reason: string, detail?: string): Verdict => ({ status: 'insecure', reason, detail });
export const bogus = (reason: BogusReason, detail?: string): Verdict => ({ status: 'bogus', reason, detail });
export const indeterminate = (reason: string, detail?: string): Verdict => ({ status: 'indeterminate', reason, detail });

/** A DNSKEY the validator trusts for a zone (after DS or anchor matching and a valid self-signature). */
export interface TrustedKey {
  tag: number;
  algorithm: number;
  flags: number;
  rdata: Uint8Array;
}

/** The verified keys of one zone. */
export interface ZoneKeys {
  zone: string;
  keys: TrustedKey[];
}

/** What a validation needs besides records: the time (seconds since the epoch) and an optional cache. */
export interface ValidationContext {
  now: number;
  cache?: import('./validate-rrset.ts').VerifyCache;
}
