// Every incident timeline entry in words, in both languages: what the payload of each kind means
// (grade changes, commanders, reports, measures, directives, deadlines, notifications) instead of
// its JSON. An unknown kind or field still shows, as "key: value", so nothing is hidden.
import { gradeLabel, makeI18n, type Grade, type Lang } from '../i18n.ts';
import { fmtTime } from '../format.ts';
import type { Commander } from '../types.ts';
import { commanderText } from './incident-view.ts';

type P = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const grade = (v: unknown, lang: Lang): string => (typeof v === 'string' && ['I', 'II', 'III', 'IV'].includes(v) ? gradeLabel(v as Grade) : lang === 'zh' ? '未定级' : 'ungraded');

/** Words per language: [zh, en]. */
const w = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

function rules(p: P): string {
  const matched = Array.isArray(p.matched) ? (p.matched as Array<{ rule?: string; detail?: string }>) : [];
  return matched.map((m) => (m.detail ? `${m.rule} (${m.detail})` : m.rule ?? '')).filter(Boolean).join('; ');
}

function gradeChange(p: P, lang: Lang): string {
  const proposed = str(p.proposedGrade) && p.proposedGrade !== p.to ? w(lang, `；待确认 ${grade(p.proposedGrade, lang)}`, `; proposed ${grade(p.proposedGrade, lang)} awaits confirmation`) : '';
  return `${grade(p.from, lang)} → ${grade(p.to, lang)}${proposed}`;
}

const commander = (v: unknown, lang: Lang): string => commanderText(v as Commander | null, lang);

type Words = (p: P, lang: Lang, extra: { measureName: (id: string) => string }) => string;

const KINDS: Record<string, Words> = {
  opened: (p, lang) => [
    p.manual ? w(lang, '人工开启', 'opened by hand') : '',
    str(p.grade) ? w(lang, `等级 ${grade(p.grade, lang)}`, `grade ${grade(p.grade, lang)}`) : '',
    str(p.proposedGrade) ? w(lang, `建议等级 ${grade(p.proposedGrade, lang)}（待确认）`, `proposed grade ${grade(p.proposedGrade, lang)} (to be confirmed)`) : '',
    p.commander ? w(lang, `指挥：${commander(p.commander, lang)}`, `commander: ${commander(p.commander, lang)}`) : '',
    rules(p) ? w(lang, `规则：${rules(p)}`, `rules: ${rules(p)}`) : '',
    str(p.description) ?? '',
  ].filter(Boolean).join(w(lang, '；', '; ')),
  regraded: (p, lang) => `${gradeChange(p, lang)}${p.commander ? w(lang, `；指挥：${commander(p.commander, lang)}`, `; commander: ${commander(p.commander, lang)}`) : ''}`,
  relapsed: (p, lang) => `${w(lang, '恢复后再次恶化：', 'degraded again after recovery: ')}${KINDS.regraded(p, lang, { measureName: String })}`,
  'measurements-clean': (p, lang) => w(lang, `连续 ${p.cleanCycles ?? '?'} 个周期正常，事件已恢复，进入后期恢复`, `${p.cleanCycles ?? '?'} clean cycles in a row: resolved, moved to recovery`),
  'grade-confirmed': (p, lang) => w(lang, `确认 ${grade(p.grade, lang)}（原 ${grade(p.previousGrade, lang)}）：${p.reason ?? ''}`, `confirmed ${grade(p.grade, lang)} (was ${grade(p.previousGrade, lang)}): ${p.reason ?? ''}`),
  'grade-rejected': (p, lang) => w(lang, `驳回建议等级 ${grade(p.proposedGrade, lang)}，保持 ${grade(p.grade, lang)}：${p.reason ?? ''}`, `rejected the proposed ${grade(p.proposedGrade, lang)}, stays ${grade(p.grade, lang)}: ${p.reason ?? ''}`),
  'phase-changed': (p, lang) => { const ph = makeI18n(lang).phase; return `${ph(String(p.from ?? ''))} → ${ph(String(p.to ?? ''))}`; },
  'information-report-filed': (p, lang) => w(lang,
    `${p.timeliness === 'late' ? '逾期提交' : '按时提交'}（截止 ${fmtTime(str(p.due), lang, true)}）`,
    `${p.timeliness === 'late' ? 'filed late' : 'filed on time'} (due ${fmtTime(str(p.due), lang, true)})`),
  'closing-report-filed': (p, lang) => [str(p.summary), str(p.cause) && w(lang, `原因：${p.cause}`, `cause: ${p.cause}`)].filter(Boolean).join(w(lang, '；', '; ')),
  closed: (p, lang) => w(lang, `从「${makeI18n(lang).phase(String(p.from ?? ''))}」关闭`, `closed from ${makeI18n(lang).phase(String(p.from ?? ''))}`),
  'deadline-reminder': (p, lang) => w(lang, `书面报告将于 ${fmtTime(str(p.due), lang, true)} 截止（提前 ${p.minutesBefore ?? '?'} 分钟提醒）`, `written report due ${fmtTime(str(p.due), lang, true)} (reminder ${p.minutesBefore ?? '?'} min before)`),
  'deadline-overdue': (p, lang) => w(lang, `书面报告已逾期（截止 ${fmtTime(str(p.due), lang, true)}），已上报指挥机构`, `written report overdue (due ${fmtTime(str(p.due), lang, true)}); escalated to the commander`),
  'directive-recorded': (p, lang, x) => `${x.measureName(String(p.measureId ?? ''))}${str(p.province) ? ` (${p.province})` : ''}: ${p.text ?? ''}`,
  reassigned: (p, lang) => w(lang, `由 ${commander(p.from, lang)} 移交 ${p.province ?? ''} 省级：${p.reason ?? ''}`, `from ${commander(p.from, lang)} to province ${p.province ?? ''}: ${p.reason ?? ''}`),
  'measure-planned': (p, lang, x) => `${x.measureName(String(p.measureId ?? ''))}${str(p.province) ? ` (${p.province})` : ''}${str(p.note) ? ` — ${p.note}` : ''}`,
  'measure-executed': (p, lang, x) => `${x.measureName(String(p.measureId ?? ''))}${str(p.province) ? ` (${p.province})` : ''}${str(p.note) ? ` — ${p.note}` : ''}`,
  'measure-refused': (p, lang, x) => `${x.measureName(String(p.measureId ?? ''))}: ${p.directiveProblem ?? p.note ?? ''}`,
  'nobody-to-notify': (p, lang) => w(lang, `${p.org ?? ''} 没有可通知的联系人（${p.event ?? ''}）：${p.reason ?? ''}`, `nobody to notify at ${p.org ?? ''} (${p.event ?? ''}): ${p.reason ?? ''}`),
  'finding-converted': (p, lang) => w(lang, `由发现转为事件：${p.reason ?? ''}`, `converted from a finding: ${p.reason ?? ''}`),
};

/** Payload fields that repeat what the row already shows (its time, ids, dedupe keys). */
const SAID_ELSEWHERE = new Set(['id', 'at', 'key', 'requestedBy', 'executedAt', 'filedAt', 'issuedAt']);

/** A payload of a kind without words: scalar fields as `key: value`, objects compacted, long text cut. */
export function fieldsText(payload: unknown): string {
  if (payload === null || payload === undefined) return '';
  if (typeof payload !== 'object') return String(payload);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(payload as P)) {
    if (v === null || v === undefined || v === '' || SAID_ELSEWHERE.has(k)) continue;
    const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    parts.push(`${k}: ${text.length > 160 ? `${text.slice(0, 157)}…` : text}`);
  }
  return parts.join(' · ');
}

/** One timeline entry's payload in words. */
export function timelineWords(kind: string, payload: unknown, lang: Lang, measureName: (id: string) => string = (id) => id): string {
  const words = KINDS[kind];
  if (!words || payload === null || typeof payload !== 'object') return fieldsText(payload);
  try { return words(payload as P, lang, { measureName }); } catch { return fieldsText(payload); }
}
