// The numbers a rule set compares with, per measured quantity. The probe counts answered queries
// slower than every latency threshold (exact boundaries, never a histogram bucket), and the evidence
// book decides every data-error threshold. Pure.
import type { Comparison, Condition, NodeCondition, ObjectKind, Ruleset } from './ruleset-schema.ts';
import { COMPARISON_OPS } from './ruleset-schema.ts';

type Leaf = 'latency' | 'dataErrorRate';

function valuesOf(cmp: Comparison): number[] {
  return COMPARISON_OPS.map((op) => cmp[op]).filter((v): v is number => typeof v === 'number');
}

function walk(c: Condition | NodeCondition, leaf: Leaf, out: Set<number>): void {
  if ('all' in c) { for (const x of c.all) walk(x, leaf, out); return; }
  if ('any' in c) { for (const x of c.any) walk(x, leaf, out); return; }
  if ('not' in c) { walk(c.not, leaf, out); return; }
  if ('anyNode' in c) { walk(c.anyNode, leaf, out); return; }
  if ('allNodes' in c) { walk(c.allNodes, leaf, out); return; }
  if ('nodesShare' in c) { walk(c.nodesShare.where, leaf, out); return; }
  if ('nodesCount' in c) { walk(c.nodesCount.where, leaf, out); return; }
  if (leaf === 'latency' && 'latency' in c) for (const v of valuesOf(c.latency)) out.add(v);
  if (leaf === 'dataErrorRate' && 'dataErrorRate' in c) for (const v of valuesOf(c.dataErrorRate)) out.add(v);
}

function comparedValues(ruleset: Ruleset, leaf: Leaf, object?: ObjectKind): number[] {
  const out = new Set<number>();
  for (const rule of ruleset.rules) if (object === undefined || rule.object === object) walk(rule.when, leaf, out);
  return [...out].sort((a, b) => a - b);
}

/** Every latency value (ms) the rule set compares with, ascending: the probe's `latencyThresholdsMs`. */
export function latencyThresholdsOf(ruleset: Ruleset): number[] {
  return comparedValues(ruleset, 'latency');
}

/** Every data-error rate the rule set compares with (for one kind of system), ascending: the evidence book's thresholds. */
export function dataErrorThresholdsOf(ruleset: Ruleset, object?: ObjectKind): number[] {
  return comparedValues(ruleset, 'dataErrorRate', object);
}
