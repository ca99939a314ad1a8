// What the API shows of a threat case: the queue row, the staff detail with personal data redacted
// unless the caller may read it, and the reporter's public status (their own report's steps, the
// intended action and time frame — never anyone's personal data or staff notes). Pure.
import { ACTION_WORDS, publicStep, type PublicStep } from '../core/threats/lifecycle.ts';
import type { Harm, IntendedAction, Lang, ResponsibleParty } from '../core/threats/threat-types.ts';
import type { StoredThreatReport, ThreatCase, ThreatTimelineEntry } from '../store/store.ts';

export interface Assessment {
  intendedAction: IntendedAction; reason: string; timeFrameHours: number | null; actionDueAt: string | null; at: string; by: string;
}
export interface Referral { registrar: string; referredAt: string; dueAt: string; answeredAt: string | null; answer: string | null; note: string | null }

/** What the service keeps in ThreatCase.detail. */
export interface CaseDetail {
  triage: { credibility: { level: string; score: number; reasons: string[] }; harms: Harm[]; responsible: ResponsibleParty };
  harms: Harm[];
  responsible: ResponsibleParty;
  lang: Lang;
  assessment: Assessment | null;
  referral: Referral | null;
  sent: string[];
}

export const detailOf = (c: ThreatCase): CaseDetail => c.detail as unknown as CaseDetail;

export const REDACTED = '[redacted]';

export function caseRow(c: ThreatCase, now: string) {
  const d = detailOf(c);
  return {
    id: c.id, org: c.org, primaryName: c.primaryName, names: c.names, threatType: c.threatType, state: c.state, priority: c.priority,
    credibility: { score: c.credibilityScore, level: d.triage.credibility.level }, sourceClass: c.sourceClass, responsible: d.responsible,
    harms: d.harms, reports: c.reports, referredTo: c.referredTo, receivedAt: c.receivedAt, acknowledgedAt: c.acknowledgedAt,
    assessmentDueAt: c.assessmentDueAt, assessedAt: c.assessedAt, mitigatedAt: c.mitigatedAt, closedAt: c.closedAt,
    assessmentOverdue: c.assessedAt === null && c.state !== 'closed' && now >= c.assessmentDueAt,
    intendedAction: d.assessment?.intendedAction ?? null, actionDueAt: d.assessment?.actionDueAt ?? null,
    referral: d.referral ? { ...d.referral, overdue: d.referral.answeredAt === null && now >= d.referral.dueAt } : null,
  };
}

/** The staff detail; `personal` false replaces reporter and registrant details by "[redacted]". */
export function caseDetailView(c: ThreatCase, reports: StoredThreatReport[], timeline: ThreatTimelineEntry[], now: string, personal: boolean) {
  const redact = (v: Record<string, unknown> | null) => (v === null ? null : personal ? v : Object.fromEntries(Object.keys(v).map((k) => [k, k === 'lang' ? v[k] : REDACTED])));
  return {
    ...caseRow(c, now),
    assessment: detailOf(c).assessment,
    triage: detailOf(c).triage,
    personalData: personal ? 'shown' : 'redacted',
    registrant: redact(c.personal),
    reports: reports.map((r) => ({
      trackingId: r.trackingId, receivedAt: r.receivedAt, sourceClass: r.sourceClass, reporterOrg: r.reporterOrg, lang: r.lang, format: r.format,
      threatType: r.threatType, names: r.names, description: r.description, evidence: r.evidence,
      reporter: redact(r.reporter as Record<string, unknown> | null),
    })),
    timeline: timeline.map((e) => ({ id: e.id, at: e.at, kind: e.kind, actor: e.actor, detail: personal ? e.detail : redactDetail(e.detail) })),
  };
}

/** Timeline details never carry reporter details, but a reply may quote an address: keep staff text, drop emails. */
function redactDetail(d: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(d).replace(/[^\s"@<>]+@[^\s"@<>]+\.[a-z]{2,}/gi, REDACTED)) as Record<string, unknown>;
}

/** The reporter's status page: their report and the case's public steps. */
export function publicStatus(c: ThreatCase, report: StoredThreatReport, timeline: ThreatTimelineEntry[]) {
  const d = detailOf(c);
  const steps: PublicStep[] = [];
  for (const e of timeline) {
    const kind = publicStep(e.kind);
    if (!kind) continue;
    // Before this report arrived, the case's earlier steps are someone else's.
    if (e.at < report.receivedAt && kind !== 'assessed') continue;
    if ((e.kind === 'received' || e.kind === 'report-linked' || e.kind === 'acknowledged') && e.detail.trackingId !== report.trackingId) continue;
    steps.push({ kind, at: e.at, ...(publicText(e) ? { text: publicText(e)! } : {}) });
    // A report joining an open case is acknowledged at once too.
    if (e.kind === 'report-linked') steps.push({ kind: 'acknowledged', at: e.at });
  }
  const a = d.assessment;
  return {
    trackingId: report.trackingId, names: report.names, threatType: report.threatType, state: c.state, receivedAt: report.receivedAt,
    acknowledgedAt: report.receivedAt, assessmentDueAt: c.assessmentDueAt, assessedAt: c.assessedAt,
    intendedAction: a ? { action: a.intendedAction, words: ACTION_WORDS[a.intendedAction], reason: a.reason } : null,
    timeFrame: a && a.timeFrameHours !== null ? { hours: a.timeFrameHours, by: a.actionDueAt } : null,
    mitigatedAt: c.mitigatedAt, closedAt: c.closedAt, steps,
  };
}

// Actions on names (src/registry) as the reporter reads them; unknown ones as they are.
const NAME_ACTION_WORDS: Record<string, Record<Lang, string>> = {
  hold: { en: 'name put on hold (serverHold)', zh: '域名已暂停解析（serverHold）' }, unhold: { en: 'hold lifted', zh: '已恢复解析' },
  lock: { en: 'name locked', zh: '域名已锁定' }, unlock: { en: 'lock lifted', zh: '已解除锁定' },
  sinkhole: { en: 'name pointed at the sinkhole', zh: '域名已指向污水池' }, unsinkhole: { en: 'sinkhole lifted', zh: '已撤出污水池' },
  block: { en: 'name blocked from registration', zh: '域名已禁止注册' }, unblock: { en: 'block lifted', zh: '已解除禁止注册' },
  refer: { en: 'referred to the registrar', zh: '已转交注册服务机构' }, 'no-action': { en: 'no action', zh: '不采取行动' },
  'delete-request': { en: 'deletion requested', zh: '已申请删除' }, 'delete-approve': { en: 'deletion approved', zh: '已批准删除' }, delete: { en: 'name deleted', zh: '域名已删除' },
};
const NAME_STATE_WORDS: Record<string, Record<Lang, string>> = {
  applied: { en: 'done', zh: '已执行' }, already: { en: 'already so', zh: '已是该状态' }, refused: { en: 'refused', zh: '被拒绝' }, failed: { en: 'failed', zh: '失败' },
};

function publicText(e: ThreatTimelineEntry): Record<Lang, string> | null {
  const d = e.detail as Record<string, unknown>;
  if (e.kind === 'assessed') {
    const words = ACTION_WORDS[d.intendedAction as IntendedAction];
    return words ? { en: `${words.en}${d.reason ? ` — ${String(d.reason)}` : ''}`, zh: `${words.zh}${d.reason ? `——${String(d.reason)}` : ''}` } : null;
  }
  if (e.kind === 'reply' && typeof d.message === 'string') return { en: d.message, zh: d.message };
  if (e.kind === 'action' && typeof d.action === 'string') {
    const a = NAME_ACTION_WORDS[d.action] ?? { en: d.action, zh: d.action };
    const raw = String(d.state ?? '');
    // A run's state is its counts ("1 applied, 0 already, 0 refused, 0 failed"): each word in the language.
    const st = NAME_STATE_WORDS[raw] ?? { en: raw, zh: raw.replace(/(\d+) (applied|already|refused|failed)/g, (_m, n: string, w: string) => `${NAME_STATE_WORDS[w].zh} ${n}`).replace(/, /g, '，') };
    return { en: `${a.en}: ${String(d.name ?? '')} (${st.en})`, zh: `${a.zh}：${String(d.name ?? '')}（${st.zh}）` };
  }
  if (e.kind === 'referred') return ACTION_WORDS['refer-to-registrar'];
  return null;
}
