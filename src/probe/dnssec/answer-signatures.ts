// Signatures as data (SPEC §3): one authoritative answer's RRsets judged with the zone's keys. Pure.
// Every answer RRset of a signed zone of the truth is validated on its own (validateAnswer with that
// RRset, its RRSIGs and the authority section, so a wildcard expansion brings its proof); an expected
// NXDOMAIN is judged by its NSEC/NSEC3 proof, and a referral without DS by the proof that there is none
// (a referral's DS RRset is judged by its own DS query). A bogus verdict is a problem of that RRset
// (missing, expired, not-yet-valid or failing RRSIG; broken denial); insecure (opt-out, unsupported
// algorithm) is not. RRsets of zones the truth does not sign are left alone.
import type { DnsAnswer } from '../../dns/dns-client-types.ts';
import { MAX_DATA_ERROR_SAMPLES, type NodeTally } from '../node-tally.ts';
import type { ProbeContext } from '../probe-types.ts';
import { encodableRrs } from '../../dnssec/records.ts';
import type { ValidationContext, ZoneKeys } from '../../dnssec/types.ts';
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

// Unparsable records are left out: the data comparison sees them.
const toRrs = encodableRrs;

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

// How an authoritative node's answers count their signatures (check.dnssec): each bogus RRset is one
// data error of that RRset — unless its data already differed from the truth (then it is counted once,
// by the data comparison) — with the reason in dataErrorSamples; a failed denial proof (NXDOMAIN, no DS
// at a referral) is one data error of the proof (every proof judged is also counted as checked). Every problem is kept in the tally's
// dnssec counters for the node's dnssec-bogus finding.
export type SignatureRecorder = (tally: NodeTally, qname: string, qtype: string, answer: DnsAnswer, nxdomain: boolean,
  dataErrorsOf: (name: string, type: string) => number) => void;

/** The recorder of one system for one cycle, or null when the system does not check DNSSEC (or has no truth). */
export function signatureRecorder(ctx: Pick<ProbeContext, 'system' | 'truth' | 'dnssec'>): SignatureRecorder | null {
  const { system, truth, dnssec } = ctx;
  if (!system.dnssec || !truth || !dnssec) return null;
  const keysOf = (owner: string): ZoneKeys | null => {
    const zone = truth.zoneOf(owner);
    return zone ? dnssec.keysFor(system, truth, zone)?.keys ?? null : null;
  };
  return (tally, qname, qtype, answer, nxdomain, dataErrorsOf) => {
    const check = checkAnswerSignatures(qname.toLowerCase(), qtype, answer, nxdomain, keysOf, dnssec.ctx);
    tally.dnssecChecked += check.checked;
    if (check.expiresAt !== null) tally.dnssecExpiresAt = Math.min(tally.dnssecExpiresAt ?? Infinity, check.expiresAt);
    tally.dataChecked += check.proofs; // a denial proof is one more record checked
    for (const p of check.problems) {
      tally.dnssecErrors++;
      if (tally.dnssecSamples.length < MAX_DATA_ERROR_SAMPLES) tally.dnssecSamples.push(p);
      if (dataErrorsOf(p.name, p.type) > 0) continue; // already one error of this RRset
      tally.dataErrors++;
      if (tally.dataErrorSamples.length < MAX_DATA_ERROR_SAMPLES) {
        tally.dataErrorSamples.push({ name: p.name, type: p.type, problem: 'different', reason: `dnssec ${p.reason}${p.detail ? `: ${p.detail}` : ''}` });
      }
    }
  };
}
