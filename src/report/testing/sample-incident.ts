// A realistic incident for tests and the samples in docs/samples: a grade II (重大) TLD incident,
// 2 of 4 nodes failing under a random-subdomain flood, two measures (one national cache flush
// under a directive of the emergency office), and a written information report filed in time.
import type { Incident, TimelineEntry } from '../../store/store.ts';
import type { IncidentDetail } from '../../core/incidents/incident-model.ts';
import type { SystemMeasurement } from '../../core/snapshot.ts';
import type { ReportInput } from '../report-model.ts';

const T0 = Date.parse('2026-11-23T08:00:00.000Z');
/** The instant `min` minutes after the incident opened. */
export const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();

const lat = (p50: number) => ({ mean: p50 * 1.2, p50, p95: p50 * 3, p99: p50 * 5, max: p50 * 9 });

function node(id: string, address: string, successRate: number, p50: number | null, dataErrors: number, failures?: Record<string, number>) {
  const queries = 600, succeeded = Math.round(queries * successRate);
  return {
    id, address, port: 53, queries, answered: p50 === null ? 0 : succeeded + (failures?.servfail ?? 0), succeeded, successRate,
    latencyMs: p50 === null ? null : lat(p50), dataChecked: 1000, dataErrors, dataErrorRate: dataErrors / 1000, keyDomainErrors: 0,
    ...(failures ? { failures } : {}),
  };
}

export const FIRST_FIGURES: SystemMeasurement = {
  id: 'cn-tld', kind: 'tld', org: 'cn-registry',
  nodes: [
    node('ns-a', '192.0.2.11', 0.998, 2.1, 0),
    node('ns-b', '192.0.2.12', 0.995, 2.4, 0),
    node('ns-c', '198.51.100.13', 0, null, 0, { timeout: 600 }),
    node('ns-d', '198.51.100.14', 0.31, 4120, 0, { timeout: 262, servfail: 152 }),
  ],
  successRate: 0.576, latencyMs: lat(2.6), stoppedMinutes: 0,
};

const LAST_FIGURES: SystemMeasurement = {
  ...FIRST_FIGURES,
  nodes: [
    node('ns-a', '192.0.2.11', 0.999, 2.0, 0),
    node('ns-b', '192.0.2.12', 0.998, 2.2, 0),
    node('ns-c', '198.51.100.13', 0.97, 3.5, 0, { timeout: 18 }),
    node('ns-d', '198.51.100.14', 0.992, 2.9, 0),
  ],
  successRate: 0.99, latencyMs: lat(2.4),
};

export interface SampleOptions { drill?: boolean; filedAtMin?: number | null; closed?: boolean; scope?: string }

export function sampleInput(o: SampleOptions = {}): ReportInput {
  const filedAtMin = o.filedAtMin === undefined ? 390 : o.filedAtMin;
  const detail: IncidentDetail = {
    title: { zh: 'CN 顶级域名半数节点解析异常', en: 'Half of the CN TLD nodes failing to resolve' },
    object: 'tld', cause: 'grading', manual: false,
    phase: o.closed ? 'closed' : filedAtMin === null ? 'information-report' : 'emergency-handling',
    commander: { role: 'emergency-office' },
    matched: [{ rule: 'tld-half-nodes-degraded', grade: 'II', detail: '2 of 4 nodes: success rate below 50%' }],
    warningLevel: 'orange', needsConfirmation: false,
    gradeHistory: [{ at: at(0), grade: 'II', proposedGrade: null, by: 'system' }],
    openedAt: at(0),
    deadlines: { writtenReportDue: at(24 * 60), sent: [] },
    measures: [
      { id: 'm1', measureId: 'filter-abnormal-queries', state: 'executed', requestedBy: 'ops-li', at: at(12), executedAt: at(20),
        note: '在 ns-c、ns-d 上游过滤随机子域名查询 | upstream filter of random-subdomain queries' },
      { id: 'm2', measureId: 'flush-resolver-cache-national', state: 'executed', requestedBy: 'ops-li', at: at(95), executedAt: at(140) },
    ],
    directives: [{ id: 'D-2026-017', issuedBy: { org: 'cn-office', role: 'emergency-office' }, measureId: 'flush-resolver-cache-national',
      issuedAt: at(120), text: '请各电信运营企业于 1 小时内刷新递归服务器中 CN 域的缓存。' }],
    firstFigures: FIRST_FIGURES,
    lastFigures: { ...LAST_FIGURES, at: at(175) },
  };
  if (filedAtMin !== null) {
    detail.informationReport = {
      startedAt: at(-7),
      scope: '4 个解析节点中 ns-c、ns-d 两个节点受影响，覆盖华北、华东地区的递归查询。',
      harm: o.scope ?? 'CN 域名解析成功率降至 57.6 %，部分用户访问 .cn 网站失败或缓慢。',
      measuresTaken: '已在受影响节点上游过滤异常和无效域名请求；经互联网应急办指令刷新全国递归缓存。',
      recommendations: '建议 CNCERT 协助溯源攻击来源；各电信运营企业保持对异常请求的过滤 48 小时。',
      filedBy: 'ops-li', filedAt: at(filedAtMin),
    };
  }
  if (o.closed) {
    detail.resolvedAt = at(180);
    detail.closedAt = at(60 * 30);
    detail.closingReport = {
      summary: '随机子域名攻击导致两个节点过载；过滤和缓存刷新后于 3 小时内恢复。',
      cause: '针对 ns-c、ns-d 的随机子域名（水刑）攻击，峰值约 120 万 qps。',
      lessons: '增加任播实例；预先与上游约定过滤规则；演练缓存刷新指令流程。',
      filedBy: 'ops-li', filedAt: at(60 * 29),
    };
  }
  const incident: Incident = {
    id: 'INC-20261123-0001', systemId: 'cn-tld', org: 'cn-registry', state: detail.phase, grade: 'II', proposedGrade: null,
    drill: o.drill ?? false, detail: detail as unknown as Record<string, unknown>, version: 9, createdAt: at(0), updatedAt: at(400),
  };
  const tl = (id: number, min: number, kind: string, actor: string | null, payload: unknown): TimelineEntry =>
    ({ id, incidentId: incident.id, at: at(min), kind, actor, payload });
  const timeline: TimelineEntry[] = [
    tl(1, 0, 'opened', null, { grade: 'II', text: '2 of 4 nodes: success rate below 50%' }),
    tl(2, 6, 'acknowledged', 'ops-li', { text: '值班人员已接报，电话报告互联网应急办' }),
    tl(3, 12, 'measure-requested', 'ops-li', { measureId: 'filter-abnormal-queries' }),
    tl(4, 20, 'measure-executed', 'ops-li', { measureId: 'filter-abnormal-queries' }),
    tl(5, 120, 'directive', 'duty-wang', { text: 'D-2026-017: 刷新全国递归缓存' }),
    tl(6, 140, 'measure-executed', 'ops-li', { measureId: 'flush-resolver-cache-national' }),
  ];
  if (filedAtMin !== null) timeline.push(tl(7, filedAtMin, 'information-report', 'ops-li', null));
  return {
    incident, timeline, now: at(400),
    organizations: [
      { id: 'cn-registry', role: 'registry', name: { zh: 'CN 域名注册管理机构', en: 'CN Registry' } },
      { id: 'cn-office', role: 'emergency-office', name: { zh: '互联网应急办', en: 'National Emergency Office' } },
    ],
    systems: [{ id: 'cn-tld', org: 'cn-registry', kind: 'tld', name: { zh: 'CN 顶级域名系统', en: 'CN TLD' }, zones: ['cn.'] }],
    people: { 'ops-li': '李明 (Li Ming)', 'duty-wang': '王芳 (Wang Fang)' },
  };
}
