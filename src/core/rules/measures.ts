// Small pure readings of a snapshot that the grading conditions are built on.
import type { LatencySummary, NodeMeasurement, SystemMeasurement } from '../snapshot.ts';
import type { LatencyStatistic } from './ruleset-schema.ts';
import { readEvidence, type Reading } from '../evidence/evidence-rule.ts';

/** A node took part in the window when at least one probe query was sent to it. */
function nodeMeasured(node: NodeMeasurement): boolean {
  return node.queries > 0;
}

/** The nodes that count for "k of n nodes": unprobed nodes are unknown, not healthy or broken. */
export function measuredNodes(system: SystemMeasurement): NodeMeasurement[] {
  return system.nodes.filter(nodeMeasured);
}

/** The response time used for grading (median by default); null when nothing was answered. */
export function latencyOf(summary: LatencySummary | null | undefined, statistic: LatencyStatistic): number | null {
  if (!summary) return null;
  const v = summary[statistic];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** "Stops resolving": success rate below stoppedBelow, for a node that was probed. */
export function nodeStopped(node: NodeMeasurement, stoppedBelow: number): boolean {
  return nodeMeasured(node) && node.successRate < stoppedBelow;
}

/** The whole system has stopped resolving: probed, and its success rate is below stoppedBelow. */
export function systemStopped(system: SystemMeasurement, stoppedBelow: number): boolean {
  return measuredNodes(system).length > 0 && system.successRate < stoppedBelow;
}

/**
 * What is known about a node's data-error rate: the evidence window when the daemon attached one,
 * otherwise the snapshot's own counts (a census when `dataCensus`). Null when nothing was checked:
 * the node is not measured for data, and a data condition on it does not hold.
 */
export function nodeDataReading(node: NodeMeasurement, confidence: number): Reading | null {
  const w = node.dataEvidence;
  if (w) return w.checked > 0 ? { checked: w.checked, errors: w.errors, census: w.census, lower: w.lower, upper: w.upper } : null;
  return node.dataChecked > 0 ? readEvidence({ checked: node.dataChecked, errors: node.dataErrors, census: node.dataCensus === true }, confidence) : null;
}

/** The system's data-error evidence: the nodes' checks summed (a census when every node's is one). */
export function systemDataReading(system: SystemMeasurement, confidence: number): Reading | null {
  let checked = 0;
  let errors = 0;
  let census = true;
  for (const n of system.nodes) {
    const w = n.dataEvidence;
    const c = w ? w.checked : n.dataChecked;
    if (!(c > 0)) continue;
    checked += c;
    errors += w ? w.errors : n.dataErrors;
    census &&= w ? w.census : n.dataCensus === true;
  }
  return checked > 0 ? readEvidence({ checked, errors, census }, confidence) : null;
}

/** Share of answered queries that must be slower than v for the statistic to be above v. */
const SHARE_ABOVE: Record<string, (slower: number, answered: number) => boolean> = {
  p50: (slower, answered) => slower * 2 > answered,
  p95: (slower, answered) => slower * 20 > answered,
  p99: (slower, answered) => slower * 100 > answered,
  max: (slower) => slower > 0,
};

/**
 * "Response time above v" decided from the exact count of answered queries slower than v (the
 * probe's `latencyAbove`): p50 when more than half were, p95 more than 5 %, p99 more than 1 %, max any.
 * Null when there is no count for v (or the statistic is the mean): the summary decides then.
 */
export function latencyAboveByCount(
  counts: Record<string, number> | undefined, answered: number | undefined, v: number, statistic: LatencyStatistic | 'p99' | 'max',
): { above: boolean; slower: number; answered: number } | null {
  const slower = counts?.[String(v)];
  const rule = SHARE_ABOVE[statistic];
  if (typeof slower !== 'number' || !rule || !(answered !== undefined && answered > 0)) return null;
  return { above: rule(slower, answered), slower, answered };
}

/** Key-domain records found wrong, summed over the system's nodes. */
export function systemKeyDomainErrors(system: SystemMeasurement): number {
  return system.nodes.reduce((sum, n) => sum + (n.keyDomainErrors ?? 0), 0);
}
