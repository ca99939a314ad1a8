// Every finding of one cycle, from the snapshot and its grading (pure):
//  - the snapshot's own `findings` (the probe engine's: key-domain mismatches, resolvers serving
//    wrong data, serial lag, stale or unreadable truth);
//  - for snapshots written before the probe engine gave key-domain findings, its `keyDomains`
//    extension (status hijacked / missing) as key-domain-mismatch findings;
//  - from the grading: each rule that matched without a grade (the table gives none) as an
//    `ungraded-condition`, and each data-error rule whose evidence is undetermined as `data-undetermined`.
import type { Finding, Snapshot } from '../snapshot.ts';

/** What derivation needs of one graded system (src/core/rules/grade-snapshot.ts Incident). */
export interface GradedForFindings {
  system: string;
  org: string | null;
  matched: ReadonlyArray<{ rule: string; grade: string | null; detail: string }>;
  /**
   * Rules whose data-error evidence is undetermined (grade-snapshot.ts UndeterminedRule); `errors` 0 means
   * nothing wrong was seen yet, only too few checks: not a finding.
   */
  undetermined?: ReadonlyArray<{ rule: string; grade?: string | null; detail?: string; node?: string | null; errors?: number }>;
}

/** The older snapshot extension of the probe engine (src/probe/probe-types.ts KeyDomainFinding). */
interface LegacyKeyDomain {
  name: string; type: string; system: string; node: string;
  status: string; expected?: string[]; got?: string[]; detail?: string;
}

export interface DeriveContext {
  /** The owning organisation of each system (configuration). */
  orgOf: (systemId: string) => string | undefined;
}

export function deriveFindings(snapshot: Snapshot, graded: readonly GradedForFindings[], ctx: DeriveContext): Finding[] {
  const out: Finding[] = [];
  const own = snapshot.findings ?? [];
  for (const f of own) out.push({ ...f, org: f.org || ctx.orgOf(f.system) || '' });
  if (!own.some((f) => f.kind === 'key-domain-mismatch')) out.push(...legacyKeyDomains(snapshot, ctx));
  for (const g of graded) {
    const org = g.org ?? ctx.orgOf(g.system) ?? '';
    for (const m of g.matched) {
      if (m.grade !== null) continue;
      out.push({
        kind: 'ungraded-condition', system: g.system, node: null, org, severity: 'warning', subject: m.rule,
        summary: `${m.detail} (the plan's table gives no grade for it / 预案分级表未规定级别)`,
        evidence: { rule: m.rule, seen: m.detail, at: snapshot.at },
      });
    }
    // one data-undetermined finding per node (or for the system's total), naming every undetermined rule
    const byNode = new Map<string, NonNullable<GradedForFindings['undetermined']>[number][]>();
    for (const u of g.undetermined ?? []) {
      if (u.errors === 0) continue;
      const k = u.node ?? '';
      byNode.set(k, [...(byNode.get(k) ?? []), u]);
    }
    for (const [node, rules] of byNode) {
      const serious = rules.some((u) => u.grade === 'I' || u.grade === 'II');
      const errors = Math.max(...rules.map((u) => u.errors ?? 0));
      out.push({
        kind: 'data-undetermined', system: g.system, node: node || null, org, severity: serious ? 'warning' : 'info', subject: 'data-errors',
        summary: `${node ? `Node ${node}` : g.system}: ${errors > 0 ? `${errors} wrong records seen, ` : ''}too little evidence yet to decide ${rules.map((u) => u.rule).join(', ')} · `
          + `${node ? `节点 ${node}` : g.system}：${errors > 0 ? `已见 ${errors} 条错误记录，` : ''}数据差错证据尚不足以判定（${rules.map((u) => u.rule).join('、')}）`,
        evidence: { rules: rules.map((u) => ({ rule: u.rule, grade: u.grade ?? null, detail: u.detail ?? null })), seen: errors, at: snapshot.at },
      });
    }
  }
  return out;
}

function legacyKeyDomains(snapshot: Snapshot, ctx: DeriveContext): Finding[] {
  const list = (snapshot as Snapshot & { keyDomains?: LegacyKeyDomain[] }).keyDomains;
  if (!Array.isArray(list)) return [];
  return list.filter((k) => k.status === 'hijacked' || k.status === 'missing').map((k) => {
    const name = k.name.endsWith('.') ? k.name : `${k.name}.`;
    const via = `${k.system}/${k.node}`;
    const what = k.status === 'hijacked'
      ? `${name} ${k.type} through ${via} answered ${fmt(k.got)} instead of ${fmt(k.expected)} / 重点域名 ${name} 经 ${via} 解析结果被篡改`
      : `${name} ${k.type} through ${via} answered no data (expected ${fmt(k.expected)}) / 重点域名 ${name} 经 ${via} 解析数据缺失`;
    return {
      kind: 'key-domain-mismatch', system: k.system, node: k.node, org: ctx.orgOf(k.system) ?? '', severity: 'critical' as const,
      subject: `${name} ${k.type}`, summary: what,
      evidence: { name, type: k.type, expected: k.expected ?? null, seen: k.got ?? [], via, status: k.status, at: snapshot.at, ...(k.detail ? { detail: k.detail } : {}) },
    };
  });
}

const fmt = (list: readonly string[] | undefined): string => (list && list.length > 0 ? list.join(', ') : '(nothing)');
