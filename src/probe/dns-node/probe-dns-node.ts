// One probe cycle of an authoritative system (tld, authoritative, website-dns): for every node, the
// apex SOA of each zone, a random non-existent name under each zone (must be NXDOMAIN), the units of
// the system's key domains, and a fresh random sample of truth RRsets (`check.sample`, or all).
//
// Transports: the SOA and NXDOMAIN checks go over every listed transport; sampled data queries are
// spread round-robin over the listed transports, so each RRset is checked once per cycle and with
// `transports: [udp, tcp]` half of the data queries exercise TCP.
import type { ResolvedNode } from '../../config/config-types.ts';
import type { DnsAnswer, DnsQuery, Transport } from '../../dns/dns-client-types.ts';
import { hasQueryCallback } from '../../dns/callback-client.ts';
import { NODE_DOWN_PROBES, NodeTally } from '../node-tally.ts';
import type { ProbeContext, ProbeKind, SystemProbeResult } from '../probe-types.ts';
import { randomLabel, sampleWithoutReplacement } from '../random-sample.ts';
import { runBounded, runCallbacksBounded } from '../run-bounded.ts';
import type { ProbeUnit, TruthIndex } from '../truth/truth-index.ts';
import { judgeAuthoritative, type Expectation } from './judge-authoritative.ts';

interface PlannedQuery { name: string; type: string; transport: Transport; expect: Expectation; keyDomain?: string }

const absolute = (name: string) => (name.endsWith('.') ? name : name + '.').toLowerCase();
const under = (name: string, parent: string) => name === parent || name.endsWith('.' + parent);

/** The queries for one node in one cycle. Pure apart from the random generator. */
export function planNodeQueries(ctx: Pick<ProbeContext, 'system' | 'config' | 'rng'>, truth: TruthIndex | null): PlannedQuery[] {
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
  const keyDomains = (system.keyDomains ?? []).map(absolute);
  const keyOf = (unit: ProbeUnit) => keyDomains.find(k => under(unit.name, k));
  const forced: ProbeUnit[] = [];
  const pool: ProbeUnit[] = [];
  for (const unit of truth.units) (keyOf(unit) ? forced : pool).push(unit);
  const units = [...forced, ...sampleWithoutReplacement(pool, system.sample, rng)];
  units.forEach((unit, i) => {
    plan.push({ name: unit.name, type: unit.type, transport: transports[i % transports.length], expect: { kind: 'unit', unit }, keyDomain: keyOf(unit) });
  });
  return plan;
}

export { NODE_DOWN_PROBES };

export async function probeAuthoritativeNode(ctx: ProbeContext, node: ResolvedNode): Promise<NodeTally> {
  const tally = new NodeTally(node);
  const plan = planNodeQueries(ctx, ctx.truth);
  const toQuery = (q: PlannedQuery): DnsQuery =>
    ({ address: node.address, port: node.port, name: q.name, type: q.type, transport: q.transport, timeoutMs: ctx.config.probing.timeoutMs });
  const record = (q: PlannedQuery, answer: DnsAnswer): void => {
    const judgement = judgeAuthoritative(answer, q.expect);
    tally.recordQuery(answer.outcome === 'answer' ? answer.latencyMs : null, judgement.failure);
    let errors = 0;
    for (const c of judgement.comparisons) errors += tally.recordData(c.name, c.type, c.expected, c.got);
    if (errors > 0 && q.keyDomain) tally.keyDomainsWrong.add(q.keyDomain);
  };
  const client = ctx.client;
  // A node that answers none of the cycle's first queries is down: sending the rest of the sample
  // would only stretch the cycle by (queries × timeout ÷ inFlight). The rest counts as failed,
  // cause 'node-down', and its records as unchecked.
  let answeredAny = false;
  const head = plan.slice(0, Math.min(NODE_DOWN_PROBES, plan.length));
  const rest = plan.slice(head.length);
  const run = async (items: PlannedQuery[]): Promise<void> => {
    if (hasQueryCallback(client)) {
      // Hot path: no Promise per query. A throw in record() fails the node's probe, as in the Promise path.
      let failure: { error: unknown } | null = null;
      await runCallbacksBounded(items, ctx.config.probing.inFlight, (q, done) => {
        client.queryCallback(toQuery(q), (answer) => {
          if (answer.outcome === 'answer') answeredAny = true;
          try {
            record(q, answer);
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
        if (answer.outcome === 'answer') answeredAny = true;
        record(q, answer);
      });
    }
  };
  await run(head);
  if (answeredAny || head.length < NODE_DOWN_PROBES) await run(rest);
  else for (let k = 0; k < rest.length; k++) tally.recordQuery(null, 'node-down');
  return tally;
}

export const dnsNodeProbe: ProbeKind = {
  async probe(ctx: ProbeContext): Promise<SystemProbeResult> {
    const tallies = await Promise.all(ctx.system.nodes.map(node => probeAuthoritativeNode(ctx, node)));
    return { tallies };
  },
};
