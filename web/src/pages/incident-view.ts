// Reading incident summaries the same way everywhere (the list route's fields are planned, not final).
import { GRADES, makeI18n, type Grade, type Lang } from '../i18n.ts';
import { localName } from '../format.ts';
import type { Commander, IncidentSummary } from '../types.ts';

export const gradeRank = (g: Grade | null | undefined) => (g ? 4 - GRADES.indexOf(g) : 0);
export const phaseOf = (i: Pick<IncidentSummary, 'phase' | 'state'>) => i.phase ?? i.state ?? '';
export const isOpen = (i: IncidentSummary) => phaseOf(i) !== 'closed';
export const incidentPhase = (i: IncidentSummary, lang: Lang) => makeI18n(lang).phase(phaseOf(i));
export const incidentTitle = (i: IncidentSummary, lang: Lang) => localName(i.title, lang, `${i.systemId ?? i.org} #${i.id}`);

export function commanderText(c: Commander | string | null | undefined, lang: Lang): string {
  if (!c) return '—';
  if (typeof c === 'string') return c;
  const zh = lang === 'zh';
  const base = c.role === 'emergency-office' ? (zh ? '互联网应急办' : 'national emergency office')
    : c.role === 'provincial-authority' ? `${zh ? '省通信管理局' : 'provincial authority'} ${c.province}`
      : `${c.org}${zh ? '（自行处置）' : ' (itself)'}`;
  return c.provisional ? `${base} ${zh ? '（暂定）' : '(provisional)'}` : base;
}
