// One probe cycle of a recursive system: for every resolver node, with RD=1,
//  - a random sample (`check.sample`) of in-zone RRsets from the truths of the authoritative systems
//    in the same configuration, compared with that truth (final RRset after any CNAME chain);
//  - one random non-existent name under an authoritative zone, which must come back NXDOMAIN
//    (a NOERROR there is NXDOMAIN redirection: counted as a wrong answer);
//  - every key domain whose `via` names this system, each type (findings in the snapshot).
// Each key domain's answer is compared once per cycle, through the key-domain query: its RRsets are
// left out of the sample pool (they used to be counted twice when sampled as well).
// A query succeeded when a NOERROR answer (NXDOMAIN where expected) arrived with RA=1. A different
// answer is counted in dataErrors (possible hijack or tampering), not as a failed query.
import type { ResolvedNode } from '../../config/config-types.ts';
import type { KeyDomainConfig } from '../../config/config-schema.ts';
import type { DnsAnswer, Transport } from '../../dns/dns-client-types.ts';
import { finalRRset } from '../data-compare.ts';
import { expectationsVia, finding, judgeKeyDomain, type Expected } from '../key-domain/key-domain-check.ts';
import { NodeTally, type FailureCause } from '../node-tally.ts';
import { NodeDownCheck } from '../node-down.ts';
import type { KeyDomainFinding, ProbeContext, ProbeKind, SystemProbeResult } from '../probe-types.ts';
import { randomLabel, sampleWithoutReplacement } from '../random-sample.ts';
import { runBounded } from '../run-bounded.ts';
import type { ProbeUnit } from '../truth/truth-index.ts';
import { rcodeFailure, transportFailure } from '../dns-node/judge-authoritative.ts';
import { wasNotSent } from '../cycle-deadline.ts';
import { fqdn } from '../../core/dns-names.ts';

/** Success of a resolver answer. Pure. */
function judgeRecursive(answer: DnsAnswer, expectNxdomain: boolean): FailureCause | null {
  const early = transportFailure(answer) ?? rcodeFailure(answer.rcode);
  if (early) return early;
  if (!answer.ra) return 'no-recursion';
  if (answer.rcode === 'NXDOMAIN') return expectNxdomain ? null : 'nxdomain-unexpected';
  return expectNxdomain ? 'wrong-answer' : null;
}

type Planned =
  | { kind: 'unit'; unit: ProbeUnit; transport: Transport }
  | { kind: 'nxdomain'; name: string; transport: Transport }
  | { kind: 'key'; index: number; transport: Transport };

async function probeResolverNode(ctx: ProbeContext, node: ResolvedNode, pool: ProbeUnit[],
  keys: Array<{ kd: KeyDomainConfig; type: string; expected: Expected }>, findings: KeyDomainFinding[]): Promise<NodeTally> {
  const tally = new NodeTally(node, ctx.latencyThresholdsMs);
  const transports = ctx.config.probing.transports.length ? ctx.config.probing.transports : (['udp'] as Transport[]);
  const plan: Planned[] = [];
  const zones = ctx.allTruths.flatMap(t => t.zones);
  if (ctx.system.nxdomainCheck && zones.length > 0) {
    const zone = zones[Math.floor(ctx.rng() * zones.length)];
    plan.push({ kind: 'nxdomain', name: `${randomLabel(ctx.rng)}.${zone}`, transport: transports[0] });
  }
  keys.forEach((_, index) => plan.push({ kind: 'key', index, transport: transports[index % transports.length] }));
  sampleWithoutReplacement(pool, ctx.sampleFor?.(ctx.system.id, node.id) ?? ctx.system.sample, ctx.rng)
    .forEach((unit, i) => plan.push({ kind: 'unit', unit, transport: transports[i % transports.length] }));

  const ask = async (q: Planned): Promise<void> => {
    const name = q.kind === 'unit' ? q.unit.name : q.kind === 'nxdomain' ? q.name : fqdn(keys[q.index].kd.name);
    const type = q.kind === 'unit' ? q.unit.type : q.kind === 'nxdomain' ? 'A' : keys[q.index].type;
    const answer = await ctx.client.query({ address: node.address, port: node.port, name, type, transport: q.transport,
      timeoutMs: ctx.config.probing.timeoutMs, recursionDesired: true });
    if (wasNotSent(answer)) return; // the cycle's deadline: not sampled this cycle, not a failure
    downCheck.saw(answer);
    const failure = judgeRecursive(answer, q.kind === 'nxdomain');
    tally.recordQuery(answer.outcome === 'answer' ? answer.latencyMs : null, failure);
    const usable = answer.outcome === 'answer' && (answer.rcode === 'NOERROR' || answer.rcode === 'NXDOMAIN');
    if (q.kind === 'unit' && usable) {
      const got = answer.rcode === 'NXDOMAIN' ? [] : finalRRset(answer.answer, name, type).data;
      tally.recordData(name, type, q.unit.expected, got);
    }
    if (q.kind === 'key') {
      const key = keys[q.index];
      const judged = judgeKeyDomain(key.expected, answer, name, type);
      findings.push(finding(key.kd, type, ctx.system.id, node, key.expected, judged));
      if (usable && 'data' in key.expected) tally.keyDomainDataErrors += tally.recordData(findings.at(-1)!.name, type, key.expected.data, judged.got ?? []);
      if (judged.status === 'hijacked' || judged.status === 'missing') tally.keyDomainsWrong.add(findings.at(-1)!.name);
    }
  };
  // As for authoritative nodes (node-down.ts): a resolver that answers none of the first queries is
  // down, and the rest of the sample is counted as failed ('node-down') instead of waiting out every timeout.
  const downCheck = new NodeDownCheck(plan);
  await runBounded(downCheck.head, ctx.config.probing.inFlight, ask);
  if (!downCheck.down) await runBounded(downCheck.rest, ctx.config.probing.inFlight, ask);
  else {
    for (const q of downCheck.rest) {
      tally.recordQuery(null, 'node-down');
      if (q.kind === 'key') findings.push(finding(keys[q.index].kd, keys[q.index].type, ctx.system.id, node, keys[q.index].expected, { status: 'failed', detail: 'resolver down' }));
    }
  }
  return tally;
}

export const recursiveProbe: ProbeKind = {
  async probe(ctx: ProbeContext): Promise<SystemProbeResult> {
    // In-zone answer units only: delegations would lead resolvers to child servers the truth does not cover.
    const keys = await expectationsVia(ctx.config, ctx.system.id, ctx.allTruths, ctx.client);
    const keyed = new Set(keys.map(k => `${fqdn(k.kd.name)}|${k.type}`));
    const pool = ctx.allTruths.flatMap(t => t.units.filter(u => u.shape === 'answer' && !keyed.has(`${u.name}|${u.type}`)));
    const findings: KeyDomainFinding[] = [];
    const tallies = await Promise.all(ctx.system.nodes.map(node => probeResolverNode(ctx, node, pool, keys, findings)));
    findings.sort((a, b) => a.node.localeCompare(b.node) || a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
    return { tallies, keyDomains: findings };
  },
};
