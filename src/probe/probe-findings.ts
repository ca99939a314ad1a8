// What the probe sees that is wrong but is not (by itself) a graded measurement: the snapshot's
// `findings` (contracts; SPEC §3 Findings). Built from one cycle or window by the engine. Pure.
//  - serial-lag: a node serving an older SOA serial than the truth (warning; critical once the lag
//    outlasts check.serialLagTolerance, when its differences count as data errors);
//  - truth-stale: a node ahead of the truth (its data is not graded; the differences are evidence);
//  - truth-unreadable: the system's truth could not be loaded;
//  - key-domain-mismatch: a key domain answered wrongly (hijacked or missing) through a resolver node;
//  - resolver-data-wrong: a resolver node whose sampled answers differ from the truth.
// Summaries are English · Simplified Chinese.
import type { ResolvedSystem } from '../config/config-types.ts';
import type { Finding } from '../core/snapshot.ts';
import type { NodeTally } from './node-tally.ts';
import type { KeyDomainFinding } from './probe-types.ts';
import { DEFAULT_SERIAL_LAG_TOLERANCE_MS } from './serial-lag-tracker.ts';

export interface SystemFindingInput {
  system: ResolvedSystem;
  tallies: NodeTally[];
  truthSerial: number | null;
  truthError?: string;
  keyDomains: KeyDomainFinding[];
}

/** Evidence samples kept in one finding. */
const EVIDENCE_SAMPLES = 5;
const minutes = (ms: number) => Math.round(ms / 6000) / 10;
const where = (t: NodeTally) => `${t.node.address}:${t.node.port}`;

export function probeFindings(inputs: readonly SystemFindingInput[], at: string): Finding[] {
  const out: Finding[] = [];
  for (const { system, tallies, truthSerial, truthError, keyDomains } of inputs) {
    const base = { system: system.id, org: system.org };
    if (truthError) {
      const source = system.truth?.zonefile ?? (system.truth?.axfr ? `axfr ${system.truth.axfr.address}:${system.truth.axfr.port}` : undefined);
      out.push({ ...base, kind: 'truth-unreadable', node: null, severity: 'warning',
        summary: `The truth of ${system.id} could not be read: ${truthError} · ${system.id} 的权威数据无法读取：${truthError}`,
        evidence: { seen: truthError, ...(source ? { via: source } : {}), at } });
    }
    for (const t of tallies) {
      if (t.lagging) out.push(serialLag(base, t, truthSerial, system.serialLagToleranceMs ?? DEFAULT_SERIAL_LAG_TOLERANCE_MS, at));
      if (t.ahead) {
        out.push({ ...base, kind: 'truth-stale', node: t.node.id, severity: 'warning',
          summary: `Node ${t.node.id} serves serial ${t.soaSerial}, newer than the truth's ${truthSerial}: the truth is stale; the node's data is not graded · ` +
            `节点 ${t.node.id} 的序列号 ${t.soaSerial} 新于权威数据的 ${truthSerial}：权威数据已过时，该节点数据本周期不参与定级`,
          evidence: { expected: truthSerial, seen: t.soaSerial, via: where(t), at, differences: t.ahead.differences, samples: t.ahead.samples.slice(0, EVIDENCE_SAMPLES) } });
      }
    }
    if (system.kind === 'recursive') out.push(...resolverFindings(base, tallies, keyDomains, at));
  }
  return out;
}

function serialLag(base: { system: string; org: string }, t: NodeTally, truthSerial: number | null, toleranceMs: number, at: string): Finding {
  const over = t.lagOverTolerance;
  const lagMin = minutes(t.lagMs), tolMin = minutes(toleranceMs);
  return { ...base, kind: 'serial-lag', node: t.node.id, severity: over ? 'critical' : 'warning',
    summary: `Node ${t.node.id} serves serial ${t.soaSerial}, behind the truth's ${truthSerial} for ${lagMin} min ` +
      `(${over ? 'over' : 'within'} the ${tolMin} min tolerance); ${t.lagErrors} differences from the lag · ` +
      `节点 ${t.node.id} 的序列号 ${t.soaSerial} 落后于权威数据的 ${truthSerial} 已 ${lagMin} 分钟（${over ? '超过' : '未超过'}容忍时间 ${tolMin} 分钟），滞后造成的差异 ${t.lagErrors} 条`,
    evidence: { expected: truthSerial, seen: t.soaSerial, via: where(t), at, lagMinutes: lagMin, toleranceMinutes: tolMin,
      withinTolerance: !over, lagErrors: t.lagErrors, dataErrors: t.dataErrors, samples: t.lagSamples.slice(0, EVIDENCE_SAMPLES) } };
}

function resolverFindings(base: { system: string; org: string }, tallies: NodeTally[], keyDomains: KeyDomainFinding[], at: string): Finding[] {
  const out: Finding[] = [];
  const byNode = new Map(tallies.map(t => [t.node.id, t]));
  for (const k of keyDomains) {
    if (k.status !== 'hijacked' && k.status !== 'missing') continue;
    const t = byNode.get(k.node);
    const via = `${k.system}/${k.node}${t ? ` ${where(t)}` : ''}`;
    out.push({ ...base, kind: 'key-domain-mismatch', node: k.node, severity: 'critical', subject: `${k.name}/${k.type}`,
      summary: `Key domain ${k.name} ${k.type} ${k.status === 'hijacked' ? 'answered with different data' : 'answered without data'} through resolver ${k.system}/${k.node} · ` +
        `重点域名 ${k.name} ${k.type} 经递归节点 ${k.system}/${k.node} 解析${k.status === 'hijacked' ? '结果与权威数据不符（疑似劫持）' : '无数据'}`,
      evidence: { expected: k.expectedRecords ?? k.expected ?? [], seen: k.seenRecords ?? k.got ?? [], via, at, status: k.status, ...(k.detail ? { detail: k.detail } : {}) } });
  }
  for (const t of tallies) {
    const sampled = t.dataErrors - t.keyDomainDataErrors;
    if (sampled <= 0) continue;
    const keyNames = new Set(keyDomains.map(k => k.name));
    out.push({ ...base, kind: 'resolver-data-wrong', node: t.node.id, severity: 'warning',
      summary: `Resolver node ${t.node.id} answered ${sampled} sampled records differently from the truth · 递归节点 ${t.node.id} 有 ${sampled} 条抽样记录与权威数据不符`,
      evidence: { via: where(t), at, dataErrors: sampled, dataChecked: t.dataChecked,
        samples: t.dataErrorSamples.filter(s => !keyNames.has(s.name)).slice(0, EVIDENCE_SAMPLES) } });
  }
  return out;
}
