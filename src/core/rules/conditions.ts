// Evaluates the rule-set condition language (README.md) on one system of a snapshot. Pure.
// Each evaluation says whether the condition holds and, when it does, why — in words an operator
// reads in the incident ("2 of 4 nodes: success rate below 50%").
import type { NodeMeasurement, SystemMeasurement } from '../snapshot.ts';
import type { OrganizationConfig } from '../../config/config-schema.ts';
import type { Comparison, Condition, LatencyStatistic, NodeCondition, OrgCondition, ServiceCondition, SystemCondition } from './ruleset-schema.ts';
import {
  latencyOf, measuredNodes, nodeDataErrorRate, nodeStopped, systemDataErrorRate, systemKeyDomainErrors, systemStopped,
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
}

export interface EvalResult { ok: boolean; details: string[] }

/** A measured quantity that held against a comparison: "success rate" 42% "below 50%". */
interface Reason { label: string; value: string; test: string }

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

const generic = (r: Reason) => `${r.label} ${r.test}`;
const specific = (r: Reason) => `${r.label} ${r.value} (${r.test})`;

function measure(label: string, value: number | null, cmp: Comparison, unit: Unit): Reason[] | null {
  if (value === null || !compare(value, cmp)) return null;
  return [{ label, value: formatValue(value, unit), test: describeComparison(cmp, unit) }];
}

/** Node conditions return reasons (structured) so that quantifiers can word them per node or per group. */
export function evaluateNodeCondition(c: NodeCondition, node: NodeMeasurement, ctx: EvalContext): Reason[] | null {
  if ('all' in c) {
    const parts = c.all.map((x) => evaluateNodeCondition(x, node, ctx));
    return parts.every((p) => p !== null) ? parts.flatMap((p) => p ?? []) : null;
  }
  if ('any' in c) {
    const parts = c.any.map((x) => evaluateNodeCondition(x, node, ctx)).filter((p) => p !== null);
    return parts.length > 0 ? parts.flat() : null;
  }
  if ('not' in c) return evaluateNodeCondition(c.not, node, ctx) === null ? [] : null;
  if ('successRate' in c) return node.queries > 0 ? measure('success rate', node.successRate, c.successRate, 'rate') : null;
  if ('latency' in c) return measure(`response time (${ctx.latencyStatistic})`, latencyOf(node.latencyMs, ctx.latencyStatistic), c.latency, 'ms');
  if ('dataErrorRate' in c) return measure('data missing or erroneous', nodeDataErrorRate(node), c.dataErrorRate, 'rate');
  if ('keyDomainErrors' in c) return measure('key-domain records erroneous', node.keyDomainErrors ?? 0, c.keyDomainErrors, 'count');
  if ('stopped' in c) {
    const stopped = nodeStopped(node, ctx.stoppedBelow);
    if (stopped !== c.stopped) return null;
    return stopped ? [{ label: 'stopped resolving', value: formatValue(node.successRate, 'rate'), test: `success rate below ${formatValue(ctx.stoppedBelow, 'rate')}` }] : [];
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

function serviceResult(c: ServiceCondition, system: SystemMeasurement): EvalResult {
  const s = system.services?.[c.name];
  if (!s) return { ok: false, details: [] };
  const down = c.downMinutes ? compare(s.downMinutes, c.downMinutes) : true;
  const ok = (c.up === undefined || s.up === c.up) && (c.degraded === undefined || s.degraded === c.degraded) && down;
  if (!ok) return { ok, details: [] };
  const words = [`${c.name} service`];
  if (!s.up) words.push(`unavailable for ${formatValue(s.downMinutes, 'min')}`);
  else words.push(s.degraded ? 'degraded' : 'available');
  if (c.downMinutes) words.push(`(${describeComparison(c.downMinutes, 'min')})`);
  return { ok, details: [words.join(' ')] };
}

const fromReasons = (r: Reason[] | null, word: (r: Reason) => string = specific): EvalResult =>
  r === null ? { ok: false, details: [] } : { ok: true, details: r.map(word) };

function nodeGroup(nodes: NodeMeasurement[], where: NodeCondition, ctx: EvalContext) {
  const hits = nodes.map((n) => ({ node: n, reasons: evaluateNodeCondition(where, n, ctx) })).filter((h) => h.reasons !== null);
  const why = [...new Set(hits.flatMap((h) => (h.reasons ?? []).map(generic)))].join(' or ');
  return { hits, text: `${hits.length} of ${nodes.length} nodes${why ? `: ${why}` : ''}${hits.length ? ` (${hits.map((h) => h.node.id).join(', ')})` : ''}` };
}

/** Evaluate a system condition. */
export function evaluateCondition(c: Condition, ctx: EvalContext): EvalResult {
  const sys = ctx.system;
  if ('all' in c) {
    const parts = c.all.map((x) => evaluateCondition(x, ctx));
    return parts.every((p) => p.ok) ? { ok: true, details: parts.flatMap((p) => p.details) } : { ok: false, details: [] };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => evaluateCondition(x, ctx)).filter((p) => p.ok);
    return parts.length > 0 ? { ok: true, details: parts.flatMap((p) => p.details) } : { ok: false, details: [] };
  }
  if ('not' in c) return { ok: !evaluateCondition(c.not, ctx).ok, details: [] };
  if ('anyNode' in c) {
    const hits = measuredNodes(sys).map((n) => ({ n, r: evaluateNodeCondition(c.anyNode, n, ctx) })).filter((h) => h.r !== null);
    return hits.length ? { ok: true, details: hits.map((h) => `node ${h.n.id}: ${(h.r ?? []).map(specific).join(', ')}`) } : { ok: false, details: [] };
  }
  if ('allNodes' in c) {
    const nodes = measuredNodes(sys);
    const g = nodeGroup(nodes, c.allNodes, ctx);
    return nodes.length > 0 && g.hits.length === nodes.length ? { ok: true, details: [g.text] } : { ok: false, details: [] };
  }
  if ('nodesShare' in c || 'nodesCount' in c) {
    const spec = 'nodesShare' in c ? c.nodesShare : c.nodesCount;
    const nodes = measuredNodes(sys);
    if (nodes.length === 0) return { ok: false, details: [] };
    const g = nodeGroup(nodes, spec.where, ctx);
    const amount = 'nodesShare' in c ? g.hits.length / nodes.length : g.hits.length;
    return compare(amount, spec) ? { ok: true, details: [g.text] } : { ok: false, details: [] };
  }
  if ('successRate' in c) return fromReasons(measuredNodes(sys).length ? measure('success rate', sys.successRate, c.successRate, 'rate') : null);
  if ('latency' in c) return fromReasons(measure(`response time (${ctx.latencyStatistic})`, latencyOf(sys.latencyMs, ctx.latencyStatistic), c.latency, 'ms'));
  if ('dataErrorRate' in c) return fromReasons(measure('data missing or erroneous', systemDataErrorRate(sys), c.dataErrorRate, 'rate'));
  if ('keyDomainErrors' in c) return fromReasons(measure('key-domain records erroneous', systemKeyDomainErrors(sys), c.keyDomainErrors, 'count'));
  if ('stoppedMinutes' in c) return fromReasons(measure('stopped resolving for', sys.stoppedMinutes ?? 0, c.stoppedMinutes, 'min'));
  if ('systemStopped' in c) {
    const stopped = systemStopped(sys, ctx.stoppedBelow);
    if (stopped !== c.systemStopped) return { ok: false, details: [] };
    return { ok: true, details: stopped ? [`stopped resolving: success rate ${formatValue(sys.successRate, 'rate')} (below ${formatValue(ctx.stoppedBelow, 'rate')})`] : [] };
  }
  if ('coreDataIntact' in c) {
    const intact = sys.coreDataIntact ?? true;
    if (intact !== c.coreDataIntact) return { ok: false, details: [] };
    return { ok: true, details: intact ? [] : ['core database lost or abnormally modified'] };
  }
  if ('service' in c) return serviceResult(c.service, sys);
  // Context conditions select the rule; they explain nothing about the incident.
  if ('org' in c) return { ok: orgMatches(c.org, ctx.org), details: [] };
  if ('system' in c) return { ok: systemMatches(c.system, ctx.info), details: [] };
  return assertNever(c);
}

function assertNever(x: never): never {
  throw new Error(`unknown condition ${JSON.stringify(x)}`);
}
