// Small bilingual labels the templates share: grades (Chinese grade names kept in both
// languages), times (Beijing time for zh, UTC for en), commanders, durations. Pure.
import { GRADE_NAMES, type Grade } from '../core/grades.ts';
import type { Commander } from '../core/incidents/incident-model.ts';

export type Lang = 'zh' | 'en';
export type Bilingual = Record<Lang, string>;

/** zh "II级（重大）", en "Grade II 重大 (serious)"; awaiting a grade when there is none. */
export function gradeLabel(grade: Grade | null | undefined, proposed?: Grade | null): Bilingual {
  if (grade) {
    const n = GRADE_NAMES[grade];
    return { zh: `${grade}级（${n.zh}）`, en: `Grade ${grade} ${n.zh} (${n.en})` };
  }
  if (proposed) {
    const p = gradeLabel(proposed);
    return { zh: `待确认：${p.zh}`, en: `proposed ${p.en}, awaiting confirmation` };
  }
  return { zh: '待定级', en: 'not yet graded (待定级)' };
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** zh "2026-11-23 16:00 北京时间", en "2026-11-23 08:00 UTC (16:00 Beijing time)". */
export function timeLabel(iso: string | undefined): Bilingual {
  const t = iso === undefined ? NaN : Date.parse(iso);
  if (Number.isNaN(t)) return { zh: '（未知）', en: '(unknown)' };
  const utc = new Date(t).toISOString();
  const bj = new Date(t + BEIJING_OFFSET_MS).toISOString();
  return {
    zh: `${bj.slice(0, 10)} ${bj.slice(11, 16)} 北京时间`,
    en: `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC (${bj.slice(11, 16)} Beijing time)`,
  };
}

/** "4 小时" / "4 hours", "90 分钟" / "90 minutes". */
export function minutesLabel(minutes: number): Bilingual {
  if (minutes >= 60 && minutes % 60 === 0) {
    const h = minutes / 60;
    return { zh: `${h} 小时`, en: `${h} hour${h === 1 ? '' : 's'}` };
  }
  return { zh: `${minutes} 分钟`, en: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}

export function commanderLabel(c: Commander | undefined, org: string): Bilingual {
  if (!c) return { zh: '（待定）', en: '(to be decided)' };
  const provisional = c.provisional ? { zh: '（暂定）', en: ' (provisional)' } : { zh: '', en: '' };
  switch (c.role) {
    case 'emergency-office':
      return { zh: `部网络安全应急办公室${provisional.zh}`, en: `the national emergency office (部应急办)${provisional.en}` };
    case 'provincial-authority':
      return { zh: `${c.province}通信管理局${provisional.zh}`, en: `the communications administration of ${c.province}${provisional.en}` };
    case 'self':
      return { zh: `${c.org}（本单位自行处置）${provisional.zh}`, en: `${c.org} itself${provisional.en}` };
  }
  return { zh: org, en: org };
}

const FOOTER: Bilingual = { zh: '—— dnswarden 自动发送', en: '— sent automatically by dnswarden' };

/** A message in both languages, `first` first: subject `[dnswarden] <tag><subject> / <subject><suffix>`; text each language's lines and the footer. */
export function bilingualMessage(first: Lang, subject: Bilingual, lines: (l: Lang) => string[], opts: { tag?: string; suffix?: string } = {}): { subject: string; text: string } {
  const second: Lang = first === 'zh' ? 'en' : 'zh';
  const block = (l: Lang) => [...lines(l), '', FOOTER[l]].join('\n');
  return {
    subject: `[dnswarden] ${opts.tag ?? ''}${subject[first]} / ${subject[second]}${opts.suffix ?? ''}`,
    text: `${block(first)}\n\n========================================\n\n${block(second)}\n`,
  };
}

/** A labelled fact: its label in both languages and its value (the same in both, or per language). */
export type Field = readonly [label: Bilingual, value: string | Bilingual];

/** `l`'s "label：value" (zh, full-width colon) or "Label: value" (en) lines; a missing field (false, undefined) is left out. */
export function fieldLines(l: Lang, fields: readonly (Field | false | undefined)[]): string[] {
  return fields.filter((f): f is Field => !!f).map(([label, v]) => `${label[l]}${l === 'zh' ? '：' : ': '}${typeof v === 'string' ? v : v[l]}`);
}
