// A seeded simulation of probe cycles on a TLD whose node serves a fixed number of wrong records:
// what the probe engine would report each cycle for a given sample, drawn exactly (hypergeometric:
// a sample without replacement from the zone). For the evidence simulation test and
// bench/evidence-figures.ts; deterministic for a seed. Pure.
import type { NodeMeasurement, Snapshot } from '../snapshot.ts';
import type { Rng } from '../seeded-random.ts';

/** Records per RRset in a typical TLD zone: 2,000 sampled RRsets ≈ 2,500 records. */
const RECORDS_PER_RRSET = 1.25;

export interface SimulatedNode {
  id: string;
  /** Records in the zone (the truth). */
  zoneRecords: number;
  /** Records this node serves wrong (missing or different). */
  wrongRecords: number;
}

/**
 * Wrong records in a sample of n of N records of which K are wrong: exact (hypergeometric), by
 * selection sampling over the smaller of the K wrong records and the n sampled ones (the two are
 * symmetric), so a cycle costs O(min(n, K)).
 */
export function wrongInSample(rng: Rng, zoneRecords: number, wrongRecords: number, sampled: number): number {
  if (sampled >= zoneRecords) return wrongRecords;
  const [walk, marked] = wrongRecords <= sampled ? [wrongRecords, sampled] : [sampled, wrongRecords];
  let hits = 0;
  for (let j = 0; j < walk && hits < marked; j += 1) {
    if (rng() * (zoneRecords - j) < marked - hits) hits += 1;
  }
  return hits;
}

/** What one cycle checks on a node for a sample of RRsets (or every one). */
export function checkNode(rng: Rng, node: SimulatedNode, sample: number | 'all'): Pick<NodeMeasurement, 'dataChecked' | 'dataErrors' | 'dataErrorRate' | 'dataCensus'> {
  const wanted = sample === 'all' ? node.zoneRecords : Math.round(sample * RECORDS_PER_RRSET);
  const checked = Math.min(node.zoneRecords, wanted);
  const errors = wrongInSample(rng, node.zoneRecords, node.wrongRecords, checked);
  return { dataChecked: checked, dataErrors: errors, dataErrorRate: checked > 0 ? errors / checked : 0, dataCensus: checked === node.zoneRecords };
}

export interface CycleSpec {
  systemId: string;
  org: string;
  at: Date;
  intervalMs: number;
  nodes: SimulatedNode[];
  /** The sample of each node this cycle (the evidence book's policy, or the configured one). */
  sampleOf: (nodeId: string) => number | 'all';
}

/** The snapshot the probe engine would produce for one cycle: every node answers, data as drawn. */
export function simulatedCycle(rng: Rng, spec: CycleSpec): Snapshot {
  const to = spec.at.toISOString();
  const from = new Date(spec.at.getTime() - spec.intervalMs).toISOString();
  const nodes: NodeMeasurement[] = spec.nodes.map((n) => {
    const sample = spec.sampleOf(n.id);
    const queries = sample === 'all' ? Math.ceil(n.zoneRecords / RECORDS_PER_RRSET) : sample;
    return {
      id: n.id, address: '127.0.0.1', port: 53, queries, answered: queries, succeeded: queries, successRate: 1,
      latencyMs: { mean: 12, p50: 10, p95: 30, p99: 45, max: 80 }, keyDomainErrors: 0, latencyAbove: { 5000: 0 },
      ...checkNode(rng, n, sample),
    };
  });
  const answered = nodes.reduce((t, n) => t + n.answered, 0);
  return {
    at: to, window: { from, to },
    systems: [{
      id: spec.systemId, kind: 'tld', org: spec.org, nodes, successRate: 1, stoppedMinutes: 0,
      latencyMs: { mean: 12, p50: 10, p95: 30, p99: 45, max: 80 }, latencyAbove: { 5000: 0 }, answered,
    }],
  };
}
