// Judging a node's data against the version of the zone it serves (SPEC §3 "Serial lag is not
// tampering"). The node's SOA serial (the system's first zone) is compared with the truth's by RFC 1982
// serial arithmetic, then every RRset comparison of the cycle goes through `recordComparison`:
//  - current (same serial), or no serial seen (its SOA query failed): compared with the truth;
//  - lagging, version kept by the truth's history: compared with THAT version → dataErrors; where the
//    node serves its version's data but the truth moved on, the differences are lagErrors (the apex
//    SOA, whose difference is the lag itself, is not counted);
//  - lagging, version unknown (no history): every difference from the truth is a lagError, the SOA
//    included, and nothing is counted as checked;
//  - lagging longer than check.serialLagTolerance: the lag differences are data errors too;
//  - ahead of the truth: the truth is stale; differences go to the truth-stale evidence, not graded.
// Pure.
import { compareRRset, describeMismatch } from '../data-compare.ts';
import { MAX_DATA_ERROR_SAMPLES, type FailureCause, type NodeTally } from '../node-tally.ts';
import { compareSerials } from '../../zone/serial-arithmetic.ts';
import type { TruthIndex } from '../truth/truth-index.ts';
import type { Comparison } from './judge-authoritative.ts';

export type VersionStatus = 'current' | 'no-serial' | 'lagging-known' | 'lagging-unknown' | 'ahead';

export interface NodeVersion {
  status: VersionStatus;
  /** RRsets that changed since the node's version, with their data then (lagging-known only). */
  changes: Map<string, string[] | null> | null;
  /** The lag has outlasted the system's tolerance: lag differences count as data errors. */
  overTolerance: boolean;
}

export function classifyNode(truth: TruthIndex | null, nodeSerial: number | null): Pick<NodeVersion, 'status' | 'changes'> {
  if (!truth || truth.serial === null || nodeSerial === null) return { status: 'no-serial', changes: null };
  const order = compareSerials(nodeSerial, truth.serial);
  if (order === 'same' || order === 'unknown') return { status: 'current', changes: null };
  if (order === 'newer') return { status: 'ahead', changes: null };
  const changes = truth.changesSince(nodeSerial);
  return changes ? { status: 'lagging-known', changes } : { status: 'lagging-unknown', changes: null };
}

const key = (name: string, type: string) => `${name.toLowerCase()}|${type.toUpperCase()}`;

/**
 * Counts one RRset comparison (expected = the current truth) into the tally according to the node's
 * version; returns the errors that count as data errors (for key-domain wrongness).
 */
export function recordComparison(tally: NodeTally, version: NodeVersion, truth: TruthIndex | null, c: Comparison): number {
  switch (version.status) {
    case 'current': case 'no-serial':
      return tally.recordData(c.name, c.type, c.expected, c.got);
    case 'ahead': {
      const { errors } = compareRRset(c.expected, c.got);
      tally.ahead ??= { differences: 0, samples: [] };
      tally.ahead.differences += errors;
      if (errors > 0 && tally.ahead.samples.length < MAX_DATA_ERROR_SAMPLES) tally.ahead.samples.push(describeMismatch(c.name, c.type, c.expected, c.got));
      return 0;
    }
    case 'lagging-unknown': {
      const lag = tally.recordLag(c.name, c.type, c.expected, c.got);
      if (version.overTolerance) tally.recordData(c.name, c.type, c.expected, c.got);
      return version.overTolerance ? lag : 0;
    }
    case 'lagging-known': {
      const then = version.changes!.get(key(c.name, c.type));
      if (then === undefined) return tally.recordData(c.name, c.type, c.expected, c.got); // unchanged since
      const errors = tally.recordData(c.name, c.type, then ?? [], c.got);
      if (errors > 0) return errors; // differs from its own version: tampering, not lag
      const apexSoa = c.type.toUpperCase() === 'SOA' && !!truth?.zones.includes(c.name.toLowerCase());
      if (apexSoa) return 0;
      const lag = tally.recordLag(c.name, c.type, c.expected, c.got);
      if (version.overTolerance) tally.dataErrors += lag;
      return version.overTolerance ? lag : 0;
    }
  }
}

/**
 * A lagging node may rightly answer NXDOMAIN or NODATA for an RRset added after its version: that is
 * not a failed query. True when the failure is excused that way.
 */
export function excusedByLag(version: NodeVersion, failure: FailureCause | null, comparisons: readonly Comparison[]): boolean {
  if (failure !== 'nxdomain-unexpected' && failure !== 'wrong-answer') return false;
  if (version.status === 'lagging-unknown') return comparisons.length > 0;
  if (version.status !== 'lagging-known') return false;
  return comparisons.length > 0 && version.changes!.get(key(comparisons[0].name, comparisons[0].type)) === null;
}
