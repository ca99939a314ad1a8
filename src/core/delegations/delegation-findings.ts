// What a delegation's latest sighting means against its baseline (pure): ok, changed (anything of
// parent NS, glue, DS or child NS differs from the baseline, or one parent server serves another
// referral), mismatch (the parent's NS set is not the child's, and no one approved that) — and the
// `delegation-change` finding for the latter two, with the baseline as `before` and the sighting as `after`.
import type { Finding, FindingSeverity } from '../snapshot.ts';
import { atParent, compareStates, describeDifferences, parentChildMismatch, type FieldDifference, type Mismatch } from './compare-delegations.ts';
import { normaliseState, sameState, type DelegationState } from './delegation-state.ts';

/** One parent server's referral (or why there was none). */
export interface ParentNodeView {
  node: string;
  address: string;
  state?: Pick<DelegationState, 'parentNs' | 'glue' | 'ds'>;
  error?: string;
}

/** One child server's apex NS set (or why there was none). */
export interface ChildNodeView { node: string; address: string; ns?: string[]; error?: string }

/** One sighting of a delegation (src/probe/delegation): the state most parent servers served, and each server's own. */
export interface DelegationSeen {
  state: DelegationState;
  parentNodes: ParentNodeView[];
  childNodes: ChildNodeView[];
}

export type BaselineSource = 'first-seen' | 'approved';
export type DelegationStatus = 'ok' | 'changed' | 'mismatch' | 'unreachable' | 'unknown';

/** A child zone's delegation as watched: the baseline and the latest sighting (the store's DelegationRecord adds who set the baseline). */
export interface DelegationRecordLike {
  zone: string;
  /** The parent zone whose servers gave the referral. */
  parent: string;
  system: string;
  org: string;
  baseline: DelegationState;
  baselineSource: BaselineSource;
  baselineAt: string;
  seen: DelegationSeen | null;
  seenAt: string | null;
}

export interface DelegationVerdict {
  status: DelegationStatus;
  differences: FieldDifference[];
  /** Parent servers whose referral differs from the baseline. */
  deviatingNodes: Array<{ node: string; address: string; differences: FieldDifference[] }>;
  mismatch: Mismatch | null;
}

const answered = (seen: DelegationSeen) => seen.parentNodes.some((n) => n.state);
const childAnswered = (seen: DelegationSeen) => seen.childNodes.some((n) => n.ns);

export function judgeDelegation(r: Pick<DelegationRecordLike, 'baseline' | 'baselineSource' | 'seen'>): DelegationVerdict {
  const none: DelegationVerdict = { status: 'unknown', differences: [], deviatingNodes: [], mismatch: null };
  const seen = r.seen;
  if (!seen) return none;
  if (!answered(seen)) return { ...none, status: 'unreachable' };
  // a child that did not answer is unknown, not changed
  const now = childAnswered(seen) ? seen.state : { ...seen.state, childNs: r.baseline.childNs };
  // a baseline taken while the child did not answer has no child NS: the first answer fills it
  const baseline = r.baseline.childNs.length === 0 ? { ...r.baseline, childNs: now.childNs } : r.baseline;
  const differences = compareStates(baseline, now);
  const deviatingNodes = seen.parentNodes.flatMap((n) => {
    if (!n.state) return [];
    const d = compareStates({ ...baseline, childNs: [] }, { ...n.state, childNs: [] });
    return d.length > 0 ? [{ node: n.node, address: n.address, differences: d }] : [];
  });
  const accepted = r.baselineSource === 'approved' && sameState(baseline, now);
  const mismatch = accepted || !childAnswered(seen) ? null : parentChildMismatch(now);
  const status = differences.length > 0 || deviatingNodes.length > 0 ? 'changed' : mismatch ? 'mismatch' : 'ok';
  return { status, differences, deviatingNodes, mismatch };
}

/** The finding of one delegation at `at`, or null when it is as approved (or unknown). */
export function delegationFinding(r: DelegationRecordLike, at: string): Finding | null {
  const v = judgeDelegation(r);
  if (v.status !== 'changed' && v.status !== 'mismatch') return null;
  const seen = r.seen as DelegationSeen;
  const parentSide = atParent(v.differences) || v.deviatingNodes.length > 0;
  const severity: FindingSeverity = parentSide ? 'critical' : 'warning';
  const what = v.status === 'changed'
    ? `Delegation of ${r.zone} changed since the baseline: ${describeDifferences(v.differences.length > 0 ? v.differences : v.deviatingNodes[0].differences)}`
      + ` · ${r.zone} 的授权（上级 ${r.parent}）与基线不同`
    : `Delegation of ${r.zone}: the parent ${r.parent} lists ${fmt(seen.state.parentNs)}, the child lists ${fmt(seen.state.childNs)}`
      + ` · ${r.zone} 上级与子域的 NS 不一致`;
  return {
    kind: 'delegation-change', system: r.system, node: null, org: r.org, severity, subject: r.zone, summary: what,
    evidence: {
      zone: r.zone, parent: r.parent, status: v.status,
      before: normaliseState(r.baseline), after: normaliseState(seen.state),
      expected: normaliseState(r.baseline).parentNs, seen: normaliseState(seen.state).parentNs,
      differences: v.differences, deviatingNodes: v.deviatingNodes, mismatch: v.mismatch,
      baselineSource: r.baselineSource, baselineAt: r.baselineAt, seenAt: r.seenAt,
      via: seen.parentNodes.map((n) => `${n.node} ${n.address}`).join(', '), at,
    },
  };
}

const fmt = (list: readonly string[]): string => (list.length > 0 ? list.join(' ') : '(none)');

/** The view most parent servers served (ties: the first); null when none answered. */
export function majorityView(nodes: readonly ParentNodeView[]): ParentNodeView['state'] | null {
  const counts = new Map<string, { n: number; state: NonNullable<ParentNodeView['state']> }>();
  for (const node of nodes) {
    if (!node.state) continue;
    const s = normaliseState({ ...node.state, childNs: [] });
    const key = JSON.stringify(s);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { n: 1, state: { parentNs: s.parentNs, glue: s.glue, ds: s.ds } });
  }
  let best: { n: number; state: NonNullable<ParentNodeView['state']> } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.state ?? null;
}
