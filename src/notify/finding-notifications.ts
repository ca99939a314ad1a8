// Findings into the outbox: a bilingual message per recipient and channel, rendered now (a retry
// sends the same text), de-duplicated by `finding:<id>:<event>:<channel>:<address>` so a replay
// after a crash enqueues nothing new. Not tied to an incident (incidentId null); the finding's id
// travels in the payload's data for webhook receivers.
import type { Notification, Store, StoredFinding } from '../store/store.ts';
import { enqueueToRecipients, type Recipient } from './incident-notifications.ts';
import { bilingualMessage, fieldLines, timeLabel, type Bilingual, type Field, type Lang } from './template-labels.ts';

export type FindingEvent = 'finding-opened' | 'finding-raised';

const KIND: Record<string, Bilingual> = {
  'key-domain-mismatch': { zh: '重点域名解析数据被篡改或缺失', en: 'key domain answered with wrong or missing data' },
  'resolver-data-wrong': { zh: '递归解析系统返回错误数据', en: 'resolver serving wrong data' },
  'serial-lag': { zh: '节点区数据版本落后', en: 'node serving an older zone serial' },
  'truth-stale': { zh: '基准数据过时（节点版本新于基准）', en: 'truth is stale (a node is ahead of it)' },
  'truth-unreadable': { zh: '基准数据无法读取', en: 'truth unreadable' },
  'ungraded-condition': { zh: '预案分级表未规定级别的异常', en: 'condition the plan\'s table does not grade' },
  'data-undetermined': { zh: '数据差错尚待判定', en: 'data errors not yet determined' },
  'delegation-change': { zh: '上级区中的授权（NS、胶水记录、DS）变更或与子域不一致', en: 'delegation (NS, glue, DS) changed at the parent or differs from the child' },
};
const SEVERITY: Record<string, Bilingual> = {
  info: { zh: '提示', en: 'info' }, warning: { zh: '警告', en: 'warning' }, critical: { zh: '严重', en: 'critical' },
};

const NOT_AN_INCIDENT: Bilingual = {
  zh: '该异常尚未定级为事件。请核查处置；如需启动应急响应，部应急办可一键将其转为事件。',
  en: 'This is not (yet) a graded incident. Please check and handle it; the emergency office can turn it into an incident with one action.',
};

export function kindLabel(kind: string): Bilingual {
  return KIND[kind] ?? { zh: kind, en: kind };
}

/** Subject and body in both languages; `lang` decides which comes first. Pure. */
function renderFindingNotification(event: FindingEvent, f: StoredFinding, lang: Lang = 'zh', link?: string): { subject: string; text: string } {
  const kind = kindLabel(f.kind);
  const sev = SEVERITY[f.severity] ?? { zh: f.severity, en: f.severity };
  const where = f.node ? `${f.system}/${f.node}` : f.system;
  const ev = f.evidence as { expected?: unknown; seen?: unknown; via?: unknown; at?: unknown };
  const show = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const first = timeLabel(f.firstSeen);
  const subject: Bilingual = event === 'finding-opened'
    ? { zh: `发现异常：${where} ${kind.zh}（${sev.zh}）`, en: `Finding: ${where} ${kind.en} (${sev.en})` }
    : { zh: `异常升级：${where} ${kind.zh}（${sev.zh}）`, en: `Finding raised: ${where} ${kind.en} (${sev.en})` };
  const fields: (Field | false)[] = [
    [{ zh: '编号', en: 'Finding' }, f.id], [{ zh: '单位', en: 'Organisation' }, f.org], [{ zh: '系统', en: 'System' }, where],
    !!f.subject && [{ zh: '对象', en: 'Subject' }, f.subject], [{ zh: '类别', en: 'Kind' }, kind], [{ zh: '严重程度', en: 'Severity' }, sev],
    [{ zh: '首次发现', en: 'First seen' }, first], [{ zh: '概述', en: 'Summary' }, f.summary],
    ev.expected !== undefined && [{ zh: '应为', en: 'Expected' }, show(ev.expected)],
    ev.seen !== undefined && [{ zh: '实际', en: 'Seen' }, show(ev.seen)],
    ev.via !== undefined && [{ zh: '经由', en: 'Via' }, show(ev.via)],
  ];
  const linkLine = !!link && ([{ zh: '详情', en: 'Details' }, link] as const);
  return bilingualMessage(lang, subject, (l) => [...fieldLines(l, fields), '', NOT_AN_INCIDENT[l], ...fieldLines(l, [linkLine])]);
}

export async function enqueueFindingNotifications(store: Pick<Store, 'enqueueNotification'>, req: {
  finding: StoredFinding; event: FindingEvent; recipients: Recipient[]; at: string; eventKey?: string;
}): Promise<Notification[]> {
  const { key: _k, ...finding } = req.finding;
  return enqueueToRecipients(store, {
    recipients: req.recipients, at: req.at, event: req.event, dedupePrefix: `finding:${req.finding.id}:${req.eventKey ?? req.event}`,
    render: (lang) => renderFindingNotification(req.event, req.finding, lang), data: (r) => ({ finding, recipientOrg: r.org }),
  });
}
