// Threat-report messages into the outbox: to the reporter (acknowledgement, assessment with the
// intended action and time frame, replies, mitigation, closing) in the reporter's language first and
// the other second, and to staff (assessment reminder and escalation, a referral to a registrar, its
// silence). De-duplicated by `threat:<case>:<key>:<channel>:<address>`, so a replay enqueues nothing new.
// Not tied to an incident (incidentId null); never carries another reporter's details.
import type { Notification, Store } from '../store/store.ts';
import { enqueueToRecipients, type Recipient } from './incident-notifications.ts';
import { bilingualMessage, fieldLines, timeLabel, type Bilingual, type Lang } from './template-labels.ts';

export type ThreatEvent =
  | 'threat-acknowledged' | 'threat-assessed' | 'threat-reply' | 'threat-mitigated' | 'threat-closed'
  | 'threat-assess-reminder' | 'threat-assess-overdue' | 'threat-referred' | 'threat-referral-overdue' | 'threat-action-overdue';

export interface ThreatMessageFacts {
  caseId: string;
  trackingId?: string;
  names: string[];
  due?: string;
  /** Bilingual: the intended action's words, the reason, a reply's text. */
  action?: Bilingual;
  reason?: string;
  timeFrameHours?: number | null;
  message?: string;
  registrar?: string;
  statusLink?: string;
}

const SUBJECT: Record<ThreatEvent, Bilingual> = {
  'threat-acknowledged': { zh: '举报已收到', en: 'Report received' },
  'threat-assessed': { zh: '举报评估结果与拟采取的措施', en: 'Assessment of your report and intended action' },
  'threat-reply': { zh: '关于您举报的答复', en: 'Reply about your report' },
  'threat-mitigated': { zh: '威胁已处置', en: 'Threat mitigated' },
  'threat-closed': { zh: '举报处理完毕', en: 'Report closed' },
  'threat-assess-reminder': { zh: '威胁举报评估即将到期', en: 'Threat report assessment due soon' },
  'threat-assess-overdue': { zh: '威胁举报评估已超时（升级）', en: 'Threat report assessment overdue (escalation)' },
  'threat-referred': { zh: '注册管理机构转交的威胁举报', en: 'Threat report referred to you by the registry' },
  'threat-referral-overdue': { zh: '注册服务机构未在时限内答复', en: 'Registrar did not answer the referral in time' },
  'threat-action-overdue': { zh: '承诺的处置时限已过', en: 'Promised action time frame has passed' },
};

const TAIL: Record<ThreatEvent, Bilingual> = {
  'threat-acknowledged': { zh: '我们将在 24 小时内告知评估结果及拟采取的措施。', en: 'We will tell you our assessment and intended action within 24 hours.' },
  'threat-assessed': { zh: '处理进展可在状态页面查看。', en: 'You can follow the progress on the status page.' },
  'threat-reply': { zh: '', en: '' },
  'threat-mitigated': { zh: '感谢您的举报。', en: 'Thank you for your report.' },
  'threat-closed': { zh: '感谢您的举报。', en: 'Thank you for your report.' },
  'threat-assess-reminder': { zh: '请在时限前评估并答复举报人。', en: 'Please assess it and answer the reporter before it is due.' },
  'threat-assess-overdue': { zh: '24 小时答复时限已过，请立即评估。', en: 'The 24-hour answer is overdue: assess it now.' },
  'threat-referred': { zh: '请在时限内处理并答复；逾期不影响注册管理机构自行采取措施。', en: "Please handle and answer it in time; silence does not stop the registry's own action." },
  'threat-referral-overdue': { zh: '注册管理机构可自行采取措施。', en: 'The registry may act on its own.' },
  'threat-action-overdue': { zh: '请处置或告知举报人新的时限。', en: 'Act, or tell the reporter a new time frame.' },
};

function body(event: ThreatEvent, f: ThreatMessageFacts, l: Lang): string[] {
  const hours = f.timeFrameHours;
  const lines = fieldLines(l, [
    [{ zh: '案件', en: 'Case' }, f.caseId],
    !!f.trackingId && [{ zh: '跟踪编号', en: 'Tracking id' }, f.trackingId],
    [{ zh: '域名', en: 'Names' }, f.names.join(', ')],
    !!f.due && [{ zh: '时限', en: 'Due' }, timeLabel(f.due)],
    !!f.action && [{ zh: '拟采取的措施', en: 'Intended action' }, f.action],
    hours !== undefined && hours !== null && [{ zh: '预计时限', en: 'Time frame' }, { zh: `${hours} 小时内`, en: `within ${hours} h` }],
    !!f.reason && [{ zh: '说明', en: 'Reason' }, f.reason],
  ]);
  if (f.message) lines.push('', f.message);
  lines.push(...fieldLines(l, [!!f.registrar && [{ zh: '注册服务机构', en: 'Registrar' }, f.registrar]]));
  if (TAIL[event][l]) lines.push('', TAIL[event][l]);
  lines.push(...fieldLines(l, [!!f.statusLink && [{ zh: '状态页面', en: 'Status page' }, f.statusLink]]));
  return lines;
}

export function renderThreatMessage(event: ThreatEvent, f: ThreatMessageFacts, lang: Lang): { subject: string; text: string } {
  return bilingualMessage(lang, SUBJECT[event], (l) => body(event, f, l), { suffix: ` ${f.trackingId ?? f.caseId}` });
}

export async function enqueueThreatMessages(store: Pick<Store, 'enqueueNotification'>, req: {
  event: ThreatEvent; key: string; at: string; facts: ThreatMessageFacts; recipients: Recipient[];
}): Promise<Notification[]> {
  return enqueueToRecipients(store, {
    recipients: req.recipients, at: req.at, event: req.event, dedupePrefix: `threat:${req.facts.caseId}:${req.key}`,
    render: (lang) => renderThreatMessage(req.event, req.facts, lang),
    data: (r) => ({ threatCase: req.facts.caseId, trackingId: req.facts.trackingId ?? null, names: req.facts.names, recipientOrg: r.org }),
  });
}
