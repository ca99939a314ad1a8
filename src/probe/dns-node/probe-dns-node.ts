// One probe cycle of an authoritative system (tld, authoritative, website-dns): for every node, the
// apex SOA of each zone, a random non-existent name under each zone (must be NXDOMAIN), the units of
// the system's key domains, and a fresh random sample of truth RRsets (`check.sample`, or all).
//
// Transports: the SOA and NXDOMAIN checks go over every listed transport; sampled data queries are
// spread round-robin over the listed transports, so each RRset is checked once per cycle and with
// `transports: [udp, tcp]` half of the data queries exercise TCP.
//
// Serial first: the first queries of the plan (the SOA of each zone among them) are sent, and only
// when their answers are in is the node's SOA serial known; every answer is then judged against the
// version of the zone the node serves (node-version.ts). The sample size is per node
// (`ctx.sampleFor`, e.g. widened by the daemon on a node that shows errors), else `check.sample`.
import type { ResolvedNode } from '../../config/config-types.ts';
import type { DnsAnswer, DnsQuery, Transport } from '../../dns/dns-client-types.ts';
import { hasQueryCallback } from '../../dns/callback-client.ts';
import { NodeTally } from '../node-tally.ts';
import { NodeDownCheck } from '../node-down.ts';
import type { ProbeContext, ProbeKind, SystemProbeResult } from '../probe-types.ts';
import { randomLabel, sampleWithoutReplacement } from '../random-sample.ts';
import { runBounded, runCallbacksBounded } from '../run-bounded.ts';
import type { ProbeUnit, TruthIndex } from '../truth/truth-index.ts';
import { judgeAuthoritative, type Expectation } from './judge-authoritative.ts';
import { wasNotSent } from '../cycle-deadline.ts';
import { pickRRset } from '../data-compare.ts';
import { serialOfSoaData } from '../../zone/serial-arithmetic.ts';
import { DEFAULT_SERIAL_LAG_TOLERANCE_MS } from '../serial-lag-tracker.ts';
import { classifyNode, excusedByLag, recordComparison, type NodeVersion } from './node-version.ts';
import { fqdn, isUnder } from '../../core/dns-names.ts';
import { signatureRecorder } from '../dnssec/answer-signatures.ts';

interface PlannedQuery { name: string; type: string; transport: Transport; expect: Expectation; keyDomain?: string }

/** The sample size for one node: the caller's override (widening), else the system's `check.sample`. */
export function sampleOf(ctx: Pick<ProbeContext, 'system' | 'sampleFor'>, node: ResolvedNode): number | 'all' {
  return ctx.sampleFor?.(ctx.system.id, node.id) ?? ctx.system.sample;
}

/** The queries for one node in one cycle. Pure apart from the random generator. */
function planNodeQueries(ctx: Pick<ProbeContext, 'system' | 'config' | 'rng'>, truth: TruthIndex | null,
  sample: number | 'all' = ctx.system.sample): PlannedQuery[] {
  const { system, config, rng } = ctx;
  const transports = config.probing.transports.length ? config.probing.transports : (['udp'] as Transport[]);
  const plan: PlannedQuery[] = [];
  for (const zone of system.zones) {
    const soa = truth?.soaUnits.get(zone);
    for (const transport of transports) {
      plan.push({ name: zone, type: 'SOA', transport, expect: soa ? { kind: 'unit', unit: soa } : { kind: 'soa', zone } });
      if (system.nxdomainCheck && !truth?.hasWildcardAtApex(zone)) {
        const name = `${randomLabel(rng)}.${zone === '.' ? '' : zone}`;
        plan.push({ name, type: 'A', transport, expect: { kind: 'nxdomain', name } });
      }
    }
  }
  if (!truth) return plan;
  const keyDomains = (system.keyDomains ?? []).map(fqdn);
  const keyOf = (unit: ProbeUnit) => keyDomains.find(k => isUnder(unit.name, k));
  const forced: ProbeUnit[] = [];
  const pool: ProbeUnit[] = [];
  for (const unit of truth.units) (keyOf(unit) ? forced : pool).push(unit);
  const units = [...forced, ...sampleWithoutReplacement(pool, sample, rng)];
  units.forEach((unit, i) => {
    plan.push({ name: unit.name, type: unit.type, transport: transports[i % transports.length], expect: { kind: 'unit', unit }, keyDomain: keyOf(unit) });
  });
  return plan;
}

async function probeAuthoritativeNode(ctx: ProbeContext, node: ResolvedNode): Promise<NodeTally> {
  const tally = new NodeTally(node, ctx.latencyThresholdsMs);
  const truth = ctx.truth;
  const plan = planNodeQueries(ctx, truth, sampleOf(ctx, node));
  // check.dnssec: queries carry DO and each answer's signatures are data (src/probe/dnssec).
  const signatures = signatureRecorder(ctx);
  const toQuery = (q: PlannedQuery): DnsQuery =>
    ({ address: node.address, port: node.port, name: q.name, type: q.type, transport: q.transport, timeoutMs: ctx.config.probing.timeoutMs,
      ...(signatures ? { dnssecOk: true } : {}) });
  let version: NodeVersion = { status: 'no-serial', changes: null, overTolerance: false };
  let unitQueries = 0, unitsCompared = 0;
  const record = (q: PlannedQuery, answer: DnsAnswer): void => {
    if (wasNotSent(answer)) return; // the cycle's deadline: not sampled this cycle, not a failure
    const judgement = judgeAuthoritative(answer, q.expect);
    const failure = excusedByLag(version, judgement.failure, judgement.comparisons) ? null : judgement.failure;
    tally.recordQuery(answer.outcome === 'answer' ? answer.latencyMs : null, failure);
    let errors = 0;
    const perRRset = signatures ? new Map<string, number>() : null;
    for (const c of judgement.comparisons) {
      const e = recordComparison(tally, version, truth, c);
      errors += e;
      perRRset?.set(`${c.name.toLowerCase()}|${c.type.toUpperCase()}`, e);
    }
    if (signatures && failure === null && version.status !== 'ahead' && q.expect.kind !== 'soa') {
      const before = tally.dataErrors;
      signatures(tally, q.name, q.type, answer, q.expect.kind === 'nxdomain', (n, t) => perRRset!.get(`${n}|${t}`) ?? 0);
      errors += tally.dataErrors - before;
    }
    if (q.expect.kind === 'unit') { unitQueries++; if (judgement.comparisons.length > 0) unitsCompared++; }
    if (errors > 0 && q.keyDomain) tally.keyDomainsWrong.add(q.keyDomain);
  };
  const client = ctx.client;
  // A node that answers none of the cycle's first queries is down (node-down.ts): the rest counts as
  // failed, cause 'node-down', and its records as unchecked.
  const downCheck = new NodeDownCheck(plan);
  const run = async (items: readonly PlannedQuery[], onAnswer: (q: PlannedQuery, answer: DnsAnswer) => void): Promise<void> => {
    if (hasQueryCallback(client)) {
      // Hot path: no Promise per query. A throw in record() fails the node's probe, as in the Promise path.
      let failure: { error: unknown } | null = null;
      await runCallbacksBounded(items, ctx.config.probing.inFlight, (q, done) => {
        client.queryCallback(toQuery(q), (answer) => {
          downCheck.saw(answer);
          try {
            onAnswer(q, answer);
          } catch (error) {
            failure ??= { error };
          }
          done();
        });
      });
      if (failure) throw (failure as { error: unknown }).error;
    } else {
      await runBounded(items, ctx.config.probing.inFlight, async (q) => {
        const answer = await client.query(toQuery(q));
        downCheck.saw(answer);
        onAnswer(q, answer);
      });
    }
  };
  // The head's answers wait until the node's serial (from its SOA among them) is known.
  const headAnswers: Array<[PlannedQuery, DnsAnswer]> = [];
  await run(downCheck.head, (q, answer) => { headAnswers.push([q, answer]); });
  tally.soaSerial = servedSerial(headAnswers, ctx.system.zones[0]);
  const { status, changes } = classifyNode(truth, tally.soaSerial);
  const lagging = status === 'lagging-known' || status === 'lagging-unknown';
  tally.lagging = lagging;
  // No serial from the node (its SOA query failed) says nothing about its lag: the lag neither ends nor grows.
  const unknown = status === 'no-serial' && truth?.serial != null;
  tally.lagMs = ctx.observeLag?.(node.id, unknown ? null : lagging) ?? 0;
  version = { status, changes, overTolerance: lagging && tally.lagMs > (ctx.system.serialLagToleranceMs ?? DEFAULT_SERIAL_LAG_TOLERANCE_MS) };
  tally.lagOverTolerance = version.overTolerance;
  for (const [q, answer] of headAnswers) record(q, answer);
  if (!downCheck.down) await run(downCheck.rest, record);
  else for (let k = 0; k < downCheck.rest.length; k++) tally.recordQuery(null, 'node-down');
  // A census: every unit of the truth was in the plan and every one of them was compared, against a
  // known version of the zone.
  const allUnits = truth ? truth.units.length + truth.soaUnits.size * Math.max(1, ctx.config.probing.transports.length) : -1;
  tally.dataCensus = !!truth && unitQueries === allUnits && unitsCompared === unitQueries &&
    (status === 'current' || status === 'no-serial' || status === 'lagging-known' || version.overTolerance);
  return tally;
}

/** The SOA serial a node served for `zone` among the answers (the first authoritative one). */
function servedSerial(answers: Array<[PlannedQuery, DnsAnswer]>, zone: string | undefined): number | null {
  for (const [q, a] of answers) {
    if (q.type !== 'SOA' || q.name !== zone || a.outcome !== 'answer' || !a.aa || a.rcode !== 'NOERROR') continue;
    const serial = serialOfSoaData(pickRRset(a.answer, zone, 'SOA')[0]);
    if (serial !== null) return serial;
  }
  return null;
}

export const dnsNodeProbe: ProbeKind = {
  async probe(ctx: ProbeContext): Promise<SystemProbeResult> {
    const tallies = await Promise.all(ctx.system.nodes.map(node => probeAuthoritativeNode(ctx, node)));
    return { tallies };
  },
};
