// Small pure readings of a snapshot that the grading conditions are built on.
import type { LatencySummary, NodeMeasurement, SystemMeasurement } from '../snapshot.ts';
import type { LatencyStatistic } from './ruleset-schema.ts';

/** A node took part in the window when at least one probe query was sent to it. */
export function nodeMeasured(node: NodeMeasurement): boolean {
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

/** Share of a node's checked records that were missing or wrong; null when nothing was checked. */
export function nodeDataErrorRate(node: NodeMeasurement): number | null {
  if (typeof node.dataErrorRate === 'number') return node.dataChecked > 0 || node.dataErrorRate > 0 ? node.dataErrorRate : null;
  return node.dataChecked > 0 ? node.dataErrors / node.dataChecked : null;
}

/** The system's data error rate over all its nodes' checked records; null when nothing was checked. */
export function systemDataErrorRate(system: SystemMeasurement): number | null {
  let checked = 0;
  let errors = 0;
  for (const n of system.nodes) { checked += n.dataChecked; errors += n.dataErrors; }
  return checked > 0 ? errors / checked : null;
}

/** Key-domain records found wrong, summed over the system's nodes. */
export function systemKeyDomainErrors(system: SystemMeasurement): number {
  return system.nodes.reduce((sum, n) => sum + (n.keyDomainErrors ?? 0), 0);
}
