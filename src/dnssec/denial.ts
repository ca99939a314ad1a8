// validateDenial and validateWildcardAnswer: the entry points for negative answers and wildcard
// expansions. They validate the NSEC/NSEC3 RRsets of the authority section against the zone's keys
// first (a bad or missing signature there is bogus with that reason), then check the proof.
import type { Rr, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { bogus, insecure, secure } from './types.ts';
import { TYPE } from './types.ts';
import { groupRRsets, validateRRset } from './validate-rrset.ts';
import { nsecNameError, nsecNoData, nsecRecords, nsecWildcardAnswer } from './denial-nsec.ts';
import { nsec3NameError, nsec3NoData, nsec3Records, nsec3WildcardAnswer } from './denial-nsec3.ts';
import type { Nsec3Proof } from './denial-nsec3.ts';

/** RFC 9276 §3.2 and Unbound's default: NSEC3 proofs with more iterations are treated as insecure. */
export const MAX_NSEC3_ITERATIONS = 150;

export type DenialKind = 'nxdomain' | 'nodata';

/** Validates the NSEC and NSEC3 RRsets among `records`; returns them, or the first failing verdict. */
function validatedDenialRecords(records: readonly Rr[], keys: ZoneKeys, ctx: ValidationContext): Rr[] | Verdict {
  const { rrsets, rrsigs } = groupRRsets(records);
  const out: Rr[] = [];
  for (const set of rrsets) {
    const t = set[0].type;
    if (t !== TYPE.NSEC && t !== TYPE.NSEC3) continue;
    const v = validateRRset(set, rrsigs.get(set[0].name) ?? [], keys, ctx);
    if (v.status !== 'secure') return v;
    out.push(...set);
  }
  return out;
}

const fromNsec3 = (p: Nsec3Proof, what: string): Verdict =>
  p === 'secure' ? secure() : p === 'opt-out' ? insecure('opt-out', what) : bogus('bad-denial', what);

/**
 * Proves that qname does not exist (nxdomain) or has no RRset of qtype (nodata) in `keys.zone`, from the
 * authority section's records (NSEC/NSEC3 with their RRSIGs; other records are ignored). Secure when
 * proven; insecure when an NSEC3 opt-out span covers the name (an unsigned delegation may exist); bogus otherwise.
 */
export function validateDenial(qname: string, qtype: number, kind: DenialKind, authority: readonly Rr[],
  keys: ZoneKeys, ctx: ValidationContext): Verdict {
  const got = validatedDenialRecords(authority, keys, ctx);
  if (!Array.isArray(got)) return got;
  const what = `${kind} ${qname} type ${qtype}`;
  const nsec = nsecRecords(got);
  if (nsec.length) {
    const ok = kind === 'nxdomain' ? nsecNameError(nsec, qname) : nsecNoData(nsec, qname, qtype, keys.zone);
    return ok ? secure() : bogus('bad-denial', `${what}: the NSEC records do not prove it`);
  }
  const nsec3 = nsec3Records(got);
  if (nsec3.length && nsec3[0].nsec3.iterations > MAX_NSEC3_ITERATIONS) {
    return insecure('nsec3-iterations', `${what}: ${nsec3[0].nsec3.iterations} NSEC3 iterations (RFC 9276: above ${MAX_NSEC3_ITERATIONS} is insecure)`);
  }
  if (nsec3.length) {
    const p = kind === 'nxdomain' ? nsec3NameError(nsec3, qname, keys.zone) : nsec3NoData(nsec3, qname, qtype, keys.zone);
    return fromNsec3(p, `${what}: NSEC3`);
  }
  return bogus('bad-denial', `${what}: no NSEC or NSEC3 records`);
}

/** A positive answer synthesised from a wildcard: proves that qname itself does not exist (RFC 4035 §5.3.4). */
export function validateWildcardAnswer(qname: string, wildcardLabels: number, authority: readonly Rr[],
  keys: ZoneKeys, ctx: ValidationContext): Verdict {
  const got = validatedDenialRecords(authority, keys, ctx);
  if (!Array.isArray(got)) return got;
  const nsec = nsecRecords(got);
  if (nsec.length) {
    return nsecWildcardAnswer(nsec, qname, wildcardLabels) ? secure() : bogus('bad-denial', `wildcard ${qname}: not covered`);
  }
  return fromNsec3(nsec3WildcardAnswer(nsec3Records(got), qname, wildcardLabels), `wildcard ${qname}`);
}

/**
 * The parent's proof that a delegation has no DS: secure proof → the child is insecure; bogus otherwise.
 * (An opt-out span also makes it insecure.)
 */
export function validateNoDs(child: string, authority: readonly Rr[], keys: ZoneKeys, ctx: ValidationContext): Verdict {
  const v = validateDenial(child, TYPE.DS, 'nodata', authority, keys, ctx);
  if (v.status === 'secure') return insecure('no-ds', `${child}: the parent proves there is no DS`);
  return v;
}
