// How an authoritative node's answers count their signatures (check.dnssec): each bogus RRset is one
// data error of that RRset — unless its data already differed from the truth (then it is counted once,
// by the data comparison) — with the reason in dataErrorSamples; a failed denial proof (NXDOMAIN, no DS
// at a referral) is one data error of the proof (every proof judged is also counted as checked). Every problem is kept in the tally's
// dnssec counters for the node's dnssec-bogus finding.
import type { DnsAnswer } from '../../dns/dns-client-types.ts';
import type { ZoneKeys } from '../../dnssec/types.ts';
import { MAX_DATA_ERROR_SAMPLES, type NodeTally } from '../node-tally.ts';
import type { ProbeContext } from '../probe-types.ts';
import { checkAnswerSignatures } from './answer-signatures.ts';

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
