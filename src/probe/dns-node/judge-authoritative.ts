// Judges one answer of an authoritative node: did the query succeed, and which RRsets can be
// compared with the truth. Pure.
//
// Success (contracts/README.md): an answer in time with the right ID/question (the client checks
// those), an acceptable RCODE (NOERROR; NXDOMAIN only where expected) and not lame:
//  - in-zone data needs AA=1;
//  - a delegated name needs a referral: the NS RRset of the cut in authority (AA=0), or, when the
//    node also serves the child zone, an authoritative answer with the NS RRset;
//  - REFUSED counts as 'refused' (lame service), SERVFAIL as 'servfail';
//  - NOERROR without the asked RRset (NODATA) where the truth has data is a 'wrong-answer'.
// Data that differs from the truth is NOT a failure of the query: it is counted in dataErrors.
// Comparisons are made only on authoritative answers (AA, or a proper referral), including an
// authoritative NXDOMAIN for a name the truth has (all its records count as missing). Timeouts and
// other failed queries leave their RRsets unchecked: they are not counted as data errors.
import type { DnsAnswer } from '../../dns/dns-client-types.ts';
import type { FailureCause } from '../node-tally.ts';
import type { ProbeUnit } from '../truth/truth-index.ts';
import { pickRRset } from '../data-compare.ts';

export interface Comparison { name: string; type: string; expected: string[]; got: string[] }

export interface Judgement {
  failure: FailureCause | null;
  comparisons: Comparison[];
}

/** What the query was for: a truth unit (data), an apex SOA without truth, or a name that must not exist. */
export type Expectation =
  | { kind: 'unit'; unit: ProbeUnit }
  | { kind: 'soa'; zone: string }
  | { kind: 'nxdomain'; name: string };

export function transportFailure(answer: DnsAnswer): FailureCause | null {
  if (answer.outcome === 'answer') return null;
  return answer.outcome; // 'timeout' | 'network-error' | 'malformed'
}

export function rcodeFailure(rcode: string | undefined): FailureCause | null {
  switch (rcode) {
    case 'NOERROR': case 'NXDOMAIN': return null;
    case 'SERVFAIL': return 'servfail';
    case 'REFUSED': return 'refused';
    default: return 'other-rcode';
  }
}

export function judgeAuthoritative(answer: DnsAnswer, expect: Expectation): Judgement {
  const none: Comparison[] = [];
  const early = transportFailure(answer) ?? rcodeFailure(answer.rcode);
  if (early) return { failure: early, comparisons: none };
  const nx = answer.rcode === 'NXDOMAIN';

  if (expect.kind === 'nxdomain') {
    if (!answer.aa) return { failure: 'lame', comparisons: none };
    return { failure: nx ? null : 'wrong-answer', comparisons: none };
  }
  if (expect.kind === 'soa') {
    if (!answer.aa) return { failure: 'lame', comparisons: none };
    if (nx) return { failure: 'nxdomain-unexpected', comparisons: none };
    return { failure: pickRRset(answer.answer, expect.zone, 'SOA').length ? null : 'wrong-answer', comparisons: none };
  }

  const unit = expect.unit;
  const glueMissing = (): Comparison[] => (unit.glue ?? []).map(g => ({ name: g.name, type: g.type, expected: g.expected, got: [] }));
  if (unit.shape === 'answer') {
    if (!answer.aa) return { failure: 'lame', comparisons: none };
    if (nx) return { failure: 'nxdomain-unexpected', comparisons: [{ name: unit.name, type: unit.type, expected: unit.expected, got: [] }] };
    const got = pickRRset(answer.answer, unit.name, unit.type);
    return { failure: got.length ? null : 'wrong-answer', comparisons: [{ name: unit.name, type: unit.type, expected: unit.expected, got }] };
  }

  // Referral unit: NS at a delegation cut.
  if (nx) {
    if (!answer.aa) return { failure: 'lame', comparisons: none };
    return { failure: 'nxdomain-unexpected', comparisons: [{ name: unit.name, type: 'NS', expected: unit.expected, got: [] }, ...glueMissing()] };
  }
  const inAnswer = answer.aa ? pickRRset(answer.answer, unit.name, 'NS') : [];
  const inAuthority = pickRRset(answer.authority, unit.name, 'NS');
  const got = inAnswer.length ? inAnswer : inAuthority;
  if (got.length === 0) {
    if (!answer.aa) return { failure: 'lame', comparisons: none };
    return { failure: 'wrong-answer', comparisons: [{ name: unit.name, type: 'NS', expected: unit.expected, got: [] }, ...glueMissing()] };
  }
  const glue = (unit.glue ?? []).map(g => ({ name: g.name, type: g.type, expected: g.expected, got: pickRRset(answer.additional, g.name, g.type) }));
  return { failure: null, comparisons: [{ name: unit.name, type: 'NS', expected: unit.expected, got }, ...glue] };
}
