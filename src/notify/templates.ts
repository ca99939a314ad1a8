// Bilingual (zh + en) subject and body for every notification event. Pure: the same context
// gives the same text. Both languages are always present; `lang` only says which comes first.
// Drill (应急演练) messages say so in the subject so nobody mistakes them for a real incident.
import type { Grade } from '../core/grades.ts';
import type { Commander } from '../core/incidents/incident-model.ts';
import { bilingualMessage, commanderLabel, gradeLabel, minutesLabel, timeLabel, type Bilingual, type Lang } from './template-labels.ts';

export type { Lang } from './template-labels.ts';

export const NOTIFY_EVENTS = [
  'incident-opened', 'incident-regraded', 'incident-resolved', 'report-reminder',
  'report-overdue-escalation', 'contact-drill', 'measure-directive-needed',
] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** The incident facts a template needs (a subset of Store.Incident + IncidentDetail). */
export interface TemplateIncident {
  id: string;
  systemId: string;
  org: string;
  grade: Grade | null;
  proposedGrade?: Grade | null;
  drill: boolean;
  title?: { zh: string; en: string };
  commander?: Commander;
  openedAt?: string;
  writtenReportDue?: string;
}

export interface TemplateContext {
  /** Required for every event except contact-drill. */
  incident?: TemplateIncident;
  /** The organisation addressed (contact-drill). */
  org?: string;
  /** Which language comes first (default zh). */
  lang?: Lang;
  /** A link to the incident in the web interface. */
  link?: string;
  previousGrade?: Grade | null;
  reason?: string;
  resolvedAt?: string;
  /** report-reminder: minutes left before the deadline. */
  minutesBefore?: number;
  /** report-reminder / report-overdue-escalation: the written-report deadline (defaults to the incident's). */
  due?: string;
  /** contact-drill: how to acknowledge. */
  ack?: { token: string; url?: string; within?: string };
  /** measure-directive-needed */
  measure?: { id: string; name?: { zh: string; en: string }; province?: string; requestedBy?: string };
}

export interface RenderedMessage { subject: string; text: string }

interface Parts { subject: Bilingual; body: { zh: string[]; en: string[] } }

const REPORT_CONTENT: Bilingual = {
  zh: '书面报告须写明：事件开始时间、初步影响范围和危害、已采取的措施、建议。',
  en: 'The written report states: when it began, the preliminary scope and harm, the measures already taken, and recommendations.',
};

function need<T>(value: T | undefined, what: string, event: NotifyEvent): T {
  if (value === undefined || value === null) throw new Error(`template ${event}: ${what} is required`);
  return value;
}

function incidentParts(event: NotifyEvent, ctx: TemplateContext): Parts {
  const inc = need(ctx.incident, 'incident', event);
  const grade = gradeLabel(inc.grade, inc.proposedGrade);
  const name: Bilingual = {
    zh: inc.title ? `${inc.systemId}（${inc.title.zh}）` : inc.systemId,
    en: inc.title ? `${inc.systemId} (${inc.title.en})` : inc.systemId,
  };
  const due = timeLabel(ctx.due ?? inc.writtenReportDue);
  const facts = {
    zh: [`事件编号：${inc.id}`, `单位：${inc.org}`, `系统：${name.zh}`, `级别：${grade.zh}`],
    en: [`Incident: ${inc.id}`, `Organisation: ${inc.org}`, `System: ${name.en}`, `Classification: ${grade.en}`],
  };
  switch (event) {
    case 'incident-opened': {
      const cmd = commanderLabel(inc.commander, inc.org);
      const at = timeLabel(inc.openedAt);
      return {
        subject: { zh: `事件开启：${inc.systemId} ${grade.zh}`, en: `Incident opened: ${inc.systemId} ${grade.en}` },
        body: {
          zh: [...facts.zh, `开始时间：${at.zh}`, `指挥机构：${cmd.zh}`, '',
            `请立即开展先期处置，并立即电话报告指挥机构；书面信息报告须于 ${due.zh} 前提交（24 小时内）。`, REPORT_CONTENT.zh],
          en: [...facts.en, `Began: ${at.en}`, `Commanded by: ${cmd.en}`, '',
            `Start the initial response (先期处置) now and report to the commanding authority by phone at once; the written information report (信息报告) is due by ${due.en} (within 24 hours).`, REPORT_CONTENT.en],
        },
      };
    }
    case 'incident-regraded': {
      const before = gradeLabel(ctx.previousGrade ?? null);
      const why = ctx.reason ? { zh: [`原因：${ctx.reason}`], en: [`Reason: ${ctx.reason}`] } : { zh: [], en: [] };
      return {
        subject: { zh: `事件级别调整：${inc.systemId} ${before.zh} → ${grade.zh}`, en: `Incident regraded: ${inc.systemId} ${before.en} → ${grade.en}` },
        body: {
          zh: [...facts.zh, `原级别：${before.zh}`, ...why.zh, '', '请按调整后的级别执行相应的报告和处置要求。'],
          en: [...facts.en, `Previous grade: ${before.en}`, ...why.en, '', 'Follow the reporting and response duties of the new grade.'],
        },
      };
    }
    case 'incident-resolved': {
      const at = timeLabel(ctx.resolvedAt);
      return {
        subject: { zh: `事件测量恢复正常：${inc.systemId}`, en: `Incident measurements back to normal: ${inc.systemId}` },
        body: {
          zh: [...facts.zh, `恢复时间：${at.zh}`, '', '测量结果已恢复正常。请开展后期恢复工作，并在结束事件前提交总结报告。'],
          en: [...facts.en, `Normal since: ${at.en}`, '', 'Measurements are back to normal. Proceed with recovery (后期恢复) and file the closing report before the incident is closed.'],
        },
      };
    }
    case 'report-reminder': {
      const left = minutesLabel(need(ctx.minutesBefore, 'minutesBefore', event));
      return {
        subject: { zh: `提醒：书面信息报告 ${left.zh} 后截止 — ${inc.id}`, en: `Reminder: written report due in ${left.en} — ${inc.id}` },
        body: {
          zh: [...facts.zh, `截止时间：${due.zh}`, '', `事件 ${inc.id} 的书面信息报告尚未提交，距截止还有 ${left.zh}。`, REPORT_CONTENT.zh],
          en: [...facts.en, `Due: ${due.en}`, '', `The written information report for ${inc.id} has not been filed; ${left.en} left.`, REPORT_CONTENT.en],
        },
      };
    }
    case 'report-overdue-escalation':
      return {
        subject: { zh: `逾期升级：${inc.org} 未按时提交书面信息报告 — ${inc.id}`, en: `Escalation: ${inc.org} missed the written report deadline — ${inc.id}` },
        body: {
          zh: [...facts.zh, `截止时间：${due.zh}`, '', `${inc.org} 未在截止时间前提交事件 ${inc.id} 的书面信息报告（24 小时内），现报指挥机构督办。`],
          en: [...facts.en, `Due: ${due.en}`, '', `${inc.org} did not file the written information report for ${inc.id} by the deadline (24 hours); escalated to the commanding authority for follow-up.`],
        },
      };
    case 'measure-directive-needed': {
      const m = need(ctx.measure, 'measure', event);
      const mName = m.name ?? { zh: m.id, en: m.id };
      const where = m.province ? { zh: `（${m.province}）`, en: ` (${m.province})` } : { zh: '', en: '' };
      const by = m.requestedBy ? { zh: [`申请人：${m.requestedBy}`], en: [`Requested by: ${m.requestedBy}`] } : { zh: [], en: [] };
      return {
        subject: { zh: `需下达指令：${mName.zh}${where.zh} — ${inc.id}`, en: `Directive needed: ${mName.en}${where.en} — ${inc.id}` },
        body: {
          zh: [...facts.zh, `措施：${mName.zh}${where.zh}`, ...by.zh, '', '该措施属于重大措施，须经工业和信息化部或省通信管理局下达指令后方可执行。请审核并下达指令或予以驳回。'],
          en: [...facts.en, `Measure: ${mName.en}${where.en}`, ...by.en, '', 'This is a major measure: it may only proceed on a directive from the ministry or the provincial authority. Please review it and issue a directive or refuse.'],
        },
      };
    }
    default:
      throw new Error(`template ${event}: not an incident event`);
  }
}

function drillParts(ctx: TemplateContext): Parts {
  const ack = need(ctx.ack, 'ack', 'contact-drill');
  const org = ctx.org ?? ctx.incident?.org ?? '';
  const w = ack.within ? minutesOrText(ack.within) : null;
  const when = w ? { zh: `请在 ${w.zh} 内确认`, en: `Please acknowledge within ${w.en}` } : { zh: '请尽快确认', en: 'Please acknowledge as soon as possible' };
  const how = ack.url
    ? { zh: `请打开以下链接确认收到：${ack.url}`, en: `Acknowledge by opening: ${ack.url}` }
    : { zh: `请回复确认码以确认收到。`, en: `Acknowledge by replying with the code.` };
  return {
    subject: { zh: `应急联络演练：请确认收到（${org}）`, en: `Contact drill: please acknowledge (${org})` },
    body: {
      zh: ['这是一次应急联络演练（通讯测试），不是真实事件。', `${when.zh}，以证明 ${org} 的应急联系人 24 小时可达。`, how.zh, `确认码：${ack.token}`],
      en: ['This is a contact drill (通讯测试), not a real incident.', `${when.en} to show that the emergency contact of ${org} is reachable around the clock.`, how.en, `Code: ${ack.token}`],
    },
  };
}

function minutesOrText(within: string): Bilingual {
  const m = /^(\d+)m$/.exec(within);
  const h = /^(\d+)h$/.exec(within);
  if (m) return minutesLabel(Number(m[1]));
  if (h) return minutesLabel(Number(h[1]) * 60);
  return { zh: within, en: within };
}

/** Renders one event; throws when the context lacks what the event needs. */
export function renderNotification(event: NotifyEvent, ctx: TemplateContext): RenderedMessage {
  const parts = event === 'contact-drill' ? drillParts(ctx) : incidentParts(event, ctx);
  const drill = ctx.incident?.drill || event === 'contact-drill';
  const tag = drill ? '【演练 DRILL】' : '';
  const link = ctx.link ? { zh: [`详情：${ctx.link}`], en: [`Details: ${ctx.link}`] } : { zh: [], en: [] };
  return bilingualMessage(ctx.lang ?? 'zh', parts.subject, (l) => [...parts.body[l], ...link[l]], { tag });
}
