// Evaluates the rule-set condition language (README.md) on one system of a snapshot. Pure.
// Conditions are three-valued (Kleene): a data-error threshold decided on too little evidence is
// *undetermined* (src/core/evidence, docs/evidence.md), and so is a rule that would hold only if that
// evidence went against the node. Each evaluation says why, in words an operator reads in the incident
// ("2 of 4 nodes: success rate below 50%").
import type { NodeMeasurement, SystemMeasurement } from '../snapshot.ts';
import type { OrganizationConfig } from '../../config/config-schema.ts';
import type { Comparison, Condition, LatencyStatistic, NodeCondition, OrgCondition, ServiceCondition, SystemCondition } from './ruleset-schema.ts';
import { compareInterval, DEFAULT_CONFIDENCE, FAILS, HOLDS, UNDETERMINED, type Reading, type Truth } from '../evidence/evidence-rule.ts';
import {
  latencyAboveByCount, latencyOf, measuredNodes, nodeDataReading, nodeStopped, systemDataReading, systemKeyDomainErrors, systemStopped,
} from './measures.ts';

/** What the engine knows about a system besides its measurements (from the configuration). */
export interface SystemInfo {
  id: string;
  org: string;
  kind: SystemMeasurement['kind'];
  scope?: 'multi-province' | 'province' | 'local-network';
  provinces?: string[];
}

export interface EvalContext {
  system: SystemMeasurement;
  info: SystemInfo;
  org: OrganizationConfig | undefined;
  stoppedBelow: number;
  latencyStatistic: LatencyStatistic;
  /** One-sided confidence of the data-error evidence rule (default 0.95). */
  confidence?: number;
}

/** `ok`: holds; `undetermined`: would hold only if undetermined evidence went against the node. */
export interface EvalResult { ok: boolean; undetermined: boolean; details: string[]; undeterminedNodes: string[] }

/** A measured quantity against a comparison: "success rate" 42% "below 50%" (+ how it was decided). */
interface Reason { label: string; value: string; test: string; note?: string; undetermined?: true }
interface NodeEval { truth: Truth; reasons: Reason[] }

type Unit = 'rate' | 'ms' | 'min' | 'count';
const WORDS: Record<keyof Comparison, string> = { lt: 'below', lte: 'at most', gt: 'above', gte: 'at least', eq: 'equal to' };

export function formatValue(v: number, unit: Unit): string {
  if (unit === 'rate') return `${Number((v * 100).toPrecision(6))}%`;
  if (unit === 'ms') return `${Number(v.toPrecision(6))} ms`;
  if (unit === 'min') return `${Number(v.toPrecision(6))} min`;
  return String(v);
}

export function compare(value: number, cmp: Comparison): boolean {
  return (cmp.lt === undefined || value < cmp.lt) && (cmp.lte === undefined || value <= cmp.lte)
    && (cmp.gt === undefined || value > cmp.gt) && (cmp.gte === undefined || value >= cmp.gte)
    && (cmp.eq === undefined || value === cmp.eq);
}

export function describeComparison(cmp: Comparison, unit: Unit): string {
  return (Object.keys(WORDS) as Array<keyof Comparison>)
    .filter((op) => cmp[op] !== undefined).map((op) => `${WORDS[op]} ${formatValue(cmp[op] as number, unit)}`).join(' and ');
}

const UNDETERMINED_WORDS = 'undetermined / 待定';
const generic = (r: Reason) => `${r.label} ${r.test}${r.undetermined ? ` (${UNDETERMINED_WORDS})` : ''}`;
const specific = (r: Reason) => `${r.label} ${r.value} (${r.test}${r.undetermined ? `: ${UNDETERMINED_WORDS}` : ''}${r.note ? `; ${r.note}` : ''})`;
const no: NodeEval = { truth: FAILS, reasons: [] };

function measure(label: string, value: number | null, cmp: Comparison, unit: Unit): NodeEval {
  if (value === null || !compare(value, cmp)) return no;
  return { truth: HOLDS, reasons: [{ label, value: formatValue(value, unit), test: describeComparison(cmp, unit) }] };
}

const pct2 = (v: number) => `${Number((v * 100).toPrecision(2))}%`;

/** A data-error rate decided by the evidence rule: HOLDS / FAILS / UNDETERMINED on its bounds. */
function dataRate(reading: Reading | null, cmp: Comparison, confidence: number): NodeEval {
  if (!reading) return no;
  const truth = compareInterval(reading.lower, reading.upper, cmp);
  if (truth === FAILS) return no;
  const counted = `${reading.errors} of ${reading.checked} checked`;
  const note = reading.census ? `census, ${counted}` : `${Math.round(confidence * 100)}% bounds ${pct2(reading.lower)}–${pct2(reading.upper)}, ${counted}`;
  const reason: Reason = { label: 'data missing or erroneous', value: formatValue(reading.errors / reading.checked, 'rate'), test: describeComparison(cmp, 'rate'), note };
  return { truth, reasons: [truth === UNDETERMINED ? { ...reason, undetermined: true } : reason] };
}

/** Response time: "above v" from the exact count of slower answers when the probe gave one. */
function latency(summary: NodeMeasurement['latencyMs'], counts: Record<string, number> | undefined, answered: number | undefined,
  cmp: Comparison, ctx: EvalContext): NodeEval {
  const label = `response time (${ctx.latencyStatistic})`;
  const value = latencyOf(summary, ctx.latencyStatistic);
  const exact = cmp.gt === undefined ? null : latencyAboveByCount(counts, answered, cmp.gt, ctx.latencyStatistic);
  if (value === null || !exact) return measure(label, value, cmp, 'ms');
  const { gt: _gt, ...rest } = cmp;
  if (!exact.above || !compare(value, rest)) return no;
  const note = `${exact.slower} of ${exact.answered} answers slower than ${formatValue(cmp.gt as number, 'ms')}`;
  return { truth: HOLDS, reasons: [{ label, value: formatValue(value, 'ms'), test: describeComparison(cmp, 'ms'), note }] };
}

/** Kleene combination of parts: all = min, any = max; the reasons of the parts that decided it. */
function combine<T extends { truth: Truth }>(parts: T[], mode: 'all' | 'any'): { truth: Truth; deciding: T[] } {
  const truth = (mode === 'all' ? Math.min(...parts.map((p) => p.truth)) : Math.max(...parts.map((p) => p.truth))) as Truth;
  if (truth === FAILS) return { truth, deciding: [] };
  return { truth, deciding: mode === 'all' ? parts : parts.filter((p) => p.truth === truth) };
}

/** Node conditions return reasons (structured) so that quantifiers can word them per node or per group. */
function evaluateNodeCondition(c: NodeCondition, node: NodeMeasurement, ctx: EvalContext): NodeEval {
  if ('all' in c || 'any' in c) {
    const mode = 'all' in c ? 'all' : 'any';
    const list = 'all' in c ? c.all : c.any;
    const { truth, deciding } = combine(list.map((x) => evaluateNodeCondition(x, node, ctx)), mode);
    return { truth, reasons: deciding.flatMap((p) => p.reasons) };
  }
  if ('not' in c) return { truth: (1 - evaluateNodeCondition(c.not, node, ctx).truth) as Truth, reasons: [] };
  if ('successRate' in c) return node.queries > 0 ? measure('success rate', node.successRate, c.successRate, 'rate') : no;
  if ('latency' in c) return latency(node.latencyMs, node.latencyAbove, node.answered, c.latency, ctx);
  if ('dataErrorRate' in c) {
    const confidence = ctx.confidence ?? DEFAULT_CONFIDENCE;
    return dataRate(nodeDataReading(node, confidence), c.dataErrorRate, confidence);
  }
  if ('keyDomainErrors' in c) return measure('key-domain records erroneous', node.keyDomainErrors ?? 0, c.keyDomainErrors, 'count');
  if ('stopped' in c) {
    const stopped = nodeStopped(node, ctx.stoppedBelow);
    if (stopped !== c.stopped) return no;
    return { truth: HOLDS, reasons: stopped ? [{ label: 'stopped resolving', value: formatValue(node.successRate, 'rate'), test: `success rate below ${formatValue(ctx.stoppedBelow, 'rate')}` }] : [] };
  }
  return assertNever(c);
}

const oneOf = <T>(want: T | T[] | undefined, got: T | undefined) =>
  want === undefined || (Array.isArray(want) ? want.includes(got as T) : want === got);

function orgMatches(c: OrgCondition, org: OrganizationConfig | undefined): boolean {
  // Grades are set by the authority; an organisation without one is grade 2 (plan §3).
  return oneOf(c.grade, org ? (org.grade ?? 2) : undefined) && oneOf(c.role, org?.role)
    && oneOf(c.licensedBy, org?.licensedBy) && oneOf(c.province, org?.province);
}

function systemMatches(c: SystemCondition, info: SystemInfo): boolean {
  return oneOf(c.scope, info.scope) && oneOf(c.kind, info.kind);
}

const result = (truth: Truth, details: string[] = [], undeterminedNodes: string[] = []): EvalResult =>
  ({ ok: truth === HOLDS, undetermined: truth === UNDETERMINED, details: truth === FAILS ? [] : details, undeterminedNodes: truth === UNDETERMINED ? undeterminedNodes : [] });
const truthOf = (r: EvalResult): Truth => (r.ok ? HOLDS : r.undetermined ? UNDETERMINED : FAILS);
const fromNode = (e: NodeEval): EvalResult => result(e.truth, e.reasons.map(specific));

function serviceResult(c: ServiceCondition, system: SystemMeasurement): EvalResult {
  const s = system.services?.[c.name];
  if (!s) return result(FAILS);
  const down = c.downMinutes ? compare(s.downMinutes, c.downMinutes) : true;
  const ok = (c.up === undefined || s.up === c.up) && (c.degraded === undefined || s.degraded === c.degraded) && down;
  if (!ok) return result(FAILS);
  const words = [`${c.name} service`];
  if (!s.up) words.push(`unavailable for ${formatValue(s.downMinutes, 'min')}`);
  else words.push(s.degraded ? 'degraded' : 'available');
  if (c.downMinutes) words.push(`(${describeComparison(c.downMinutes, 'min')})`);
  return result(HOLDS, [words.join(' ')]);
}

/** "k of n nodes" over a node condition, counting undetermined nodes apart. */
function nodeGroup(nodes: NodeMeasurement[], where: NodeCondition, ctx: EvalContext) {
  const evals = nodes.map((n) => ({ node: n, e: evaluateNodeCondition(where, n, ctx) }));
  const hits = evals.filter((h) => h.e.truth === HOLDS);
  const open = evals.filter((h) => h.e.truth === UNDETERMINED);
  const why = [...new Set([...hits, ...open].flatMap((h) => h.e.reasons.map(generic)))].join(' or ');
  const ids = (list: typeof evals) => list.map((h) => h.node.id).join(', ');
  const text = `${hits.length} of ${nodes.length} nodes${why ? `: ${why}` : ''}${hits.length ? ` (${ids(hits)})` : ''}`
    + (open.length ? `; ${open.length} ${UNDETERMINED_WORDS} (${ids(open)})` : '');
  return { held: hits.length, undetermined: open.map((h) => h.node.id), text };
}

/** Truth of a comparison on a count known to lie in [lo, hi]. */
function countTruth(lo: number, hi: number, test: (k: number) => boolean): Truth {
  let some = false;
  let every = true;
  for (let k = lo; k <= hi; k += 1) { if (test(k)) some = true; else every = false; }
  return every ? HOLDS : some ? UNDETERMINED : FAILS;
}

/** Evaluate a system condition. */
export function evaluateCondition(c: Condition, ctx: EvalContext): EvalResult {
  const sys = ctx.system;
  const confidence = ctx.confidence ?? DEFAULT_CONFIDENCE;
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => evaluateCondition(x, ctx)).map((r) => ({ r, truth: truthOf(r) }));
    const { truth, deciding } = combine(parts, 'all' in c ? 'all' : 'any');
    return result(truth, deciding.flatMap((p) => p.r.details), deciding.flatMap((p) => p.r.undeterminedNodes));
  }
  if ('not' in c) return result((1 - truthOf(evaluateCondition(c.not, ctx))) as Truth);
  if ('anyNode' in c) {
    const evals = measuredNodes(sys).map((n) => ({ n, e: evaluateNodeCondition(c.anyNode, n, ctx) }));
    if (evals.length === 0) return result(FAILS);
    const { truth, deciding } = combine(evals.map((x) => ({ ...x, truth: x.e.truth })), 'any');
    return result(truth, deciding.map((h) => `node ${h.n.id}: ${h.e.reasons.map(specific).join(', ')}`), deciding.map((h) => h.n.id));
  }
  if ('allNodes' in c || 'nodesShare' in c || 'nodesCount' in c) {
    const nodes = measuredNodes(sys);
    if (nodes.length === 0) return result(FAILS);
    const where = 'allNodes' in c ? c.allNodes : 'nodesShare' in c ? c.nodesShare.where : c.nodesCount.where;
    const g = nodeGroup(nodes, where, ctx);
    const hi = g.held + g.undetermined.length;
    const truth = 'allNodes' in c ? countTruth(g.held, hi, (k) => k === nodes.length)
      : 'nodesShare' in c ? countTruth(g.held, hi, (k) => compare(k / nodes.length, c.nodesShare))
        : countTruth(g.held, hi, (k) => compare(k, c.nodesCount));
    return result(truth, [g.text], g.undetermined);
  }
  if ('successRate' in c) return fromNode(measuredNodes(sys).length ? measure('success rate', sys.successRate, c.successRate, 'rate') : no);
  if ('latency' in c) {
    const answered = sys.answered ?? sys.nodes.reduce((t, n) => t + (n.answered ?? 0), 0);
    return fromNode(latency(sys.latencyMs, sys.latencyAbove, answered, c.latency, ctx));
  }
  if ('dataErrorRate' in c) return fromNode(dataRate(systemDataReading(sys, confidence), c.dataErrorRate, confidence));
  if ('keyDomainErrors' in c) return fromNode(measure('key-domain records erroneous', systemKeyDomainErrors(sys), c.keyDomainErrors, 'count'));
  if ('stoppedMinutes' in c) return fromNode(measure('stopped resolving for', sys.stoppedMinutes ?? 0, c.stoppedMinutes, 'min'));
  if ('systemStopped' in c) {
    const stopped = systemStopped(sys, ctx.stoppedBelow);
    if (stopped !== c.systemStopped) return result(FAILS);
    return result(HOLDS, stopped ? [`stopped resolving: success rate ${formatValue(sys.successRate, 'rate')} (below ${formatValue(ctx.stoppedBelow, 'rate')})`] : []);
  }
  if ('coreDataIntact' in c) {
    const intact = sys.coreDataIntact ?? true;
    if (intact !== c.coreDataIntact) return result(FAILS);
    return result(HOLDS, intact ? [] : ['core database lost or abnormally modified']);
  }
  if ('service' in c) return serviceResult(c.service, sys);
  // Context conditions select the rule; they explain nothing about the incident.
  if ('org' in c) return result(orgMatches(c.org, ctx.org) ? HOLDS : FAILS);
  if ('system' in c) return result(systemMatches(c.system, ctx.info) ? HOLDS : FAILS);
  return assertNever(c);
}

function assertNever(x: never): never {
  throw new Error(`unknown condition ${JSON.stringify(x)}`);
}
