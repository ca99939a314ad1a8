// Signatures as data (SPEC §3): one authoritative answer's RRsets judged with the zone's keys. Pure.
// Every answer RRset of a signed zone of the truth is validated on its own (validateAnswer with that
// RRset, its RRSIGs and the authority section, so a wildcard expansion brings its proof); an expected
// NXDOMAIN is judged by its NSEC/NSEC3 proof, and a referral without DS by the proof that there is none
// (a referral's DS RRset is judged by its own DS query). A bogus verdict is a problem of that RRset
// (missing, expired, not-yet-valid or failing RRSIG; broken denial); insecure (opt-out, unsupported
// algorithm) is not. RRsets of zones the truth does not sign are left alone.
import type { DnsAnswer } from '../../dns/dns-client-types.ts';
import { fromZoneRecord } from '../../dnssec/records.ts';
import type { Rr, ValidationContext, ZoneKeys } from '../../dnssec/types.ts';
import { validateAnswer } from '../../dnssec/validate-answer.ts';
import { groupRRsets } from '../../dnssec/validate-rrset.ts';
import { validateNoDs } from '../../dnssec/denial.ts';
import { canonicalType } from '../../zone/rr-types.ts';

const typeName = (n: number): string => canonicalType(`TYPE${n}`);

export interface SignatureProblem { name: string; type: string; reason: string; detail?: string }

export interface SignatureCheck {
  /** RRsets (and denial proofs) judged. */
  checked: number;
  /** Of them, denial proofs (NXDOMAIN, no DS at a referral): the data comparison does not count these. */
  proofs: number;
  problems: SignatureProblem[];
  /** Earliest signature expiry seen (seconds), or null. */
  expiresAt: number | null;
}

const toRrs = (list: DnsAnswer['answer']): Rr[] => {
  const out: Rr[] = [];
  for (const r of list) { try { out.push(fromZoneRecord(r)); } catch { /* unparsable: the data comparison sees it */ } }
  return out;
};

/**
 * Judges the signatures of one answer. `keysOf(owner)` gives the keys of the signed zone holding the
 * owner (null: not a signed zone of the truth). `nxdomain`: the query expected a name that does not exist.
 */
export function checkAnswerSignatures(qname: string, qtype: string, answer: DnsAnswer, nxdomain: boolean,
  keysOf: (owner: string) => ZoneKeys | null, ctx: ValidationContext): SignatureCheck {
  const out: SignatureCheck = { checked: 0, proofs: 0, problems: [], expiresAt: null };
  if (answer.outcome !== 'answer') return out;
  if (!answer.aa) return referralProof(answer, keysOf, ctx, out);
  const authority = toRrs(answer.authority);
  const { rrsets, rrsigs } = groupRRsets(toRrs(answer.answer));
  if (rrsets.length === 0) {
    if (!nxdomain || answer.rcode !== 'NXDOMAIN') return out;
    const keys = keysOf(qname);
    if (!keys) return out;
    const v = validateAnswer({ qname, qtype, rcode: 'NXDOMAIN', answer: [], authority }, keys, ctx);
    out.checked++;
    out.proofs++;
    if (v.status === 'bogus') out.problems.push({ name: qname, type: 'NXDOMAIN', reason: v.reason ?? 'bogus', ...(v.detail ? { detail: v.detail } : {}) });
    return out;
  }
  for (const set of rrsets) {
    const { name, type } = set[0];
    const keys = keysOf(name);
    if (!keys) continue;
    const v = validateAnswer({ qname: name, qtype: type, rcode: 'NOERROR', answer: [...set, ...(rrsigs.get(name) ?? [])], authority }, keys, ctx);
    if (v.otherZone.length > 0 && v.rrsets.length === 0) continue; // signed by another zone
    out.checked++;
    if (v.expiresAt !== null && (out.expiresAt === null || v.expiresAt < out.expiresAt)) out.expiresAt = v.expiresAt;
    if (v.status === 'bogus') out.problems.push({ name, type: typeName(type), reason: v.reason ?? 'bogus', ...(v.detail ? { detail: v.detail } : {}) });
  }
  return out;
}

/** A referral without DS from a signed parent: the NSEC/NSEC3 proof that the child has no DS. */
function referralProof(answer: DnsAnswer, keysOf: (owner: string) => ZoneKeys | null, ctx: ValidationContext, out: SignatureCheck): SignatureCheck {
  if (answer.rcode !== 'NOERROR') return out;
  const authority = toRrs(answer.authority);
  const cut = authority.find((r) => r.type === 2)?.name;
  const keys = cut ? keysOf(cut) : null;
  if (!cut || !keys || keys.zone === cut || authority.some((r) => r.type === 43 && r.name === cut)) return out;
  const v = validateNoDs(cut, authority, keys, ctx);
  out.checked++;
  out.proofs++;
  if (v.status === 'bogus') out.problems.push({ name: cut, type: 'DS', reason: v.reason ?? 'bogus', ...(v.detail ? { detail: v.detail } : {}) });
  return out;
}
