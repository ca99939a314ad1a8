// Shared building blocks: a panel that knows "loading / not available yet / error", grade and
// warning badges, a countdown, a plain table.
import type { ReactNode } from 'react';
import type { ApiResult } from '../api.ts';
import { GRADE_EN, gradeLabel, useI18n, type Grade } from '../i18n.ts';
import { fmtCountdown, fmtTime } from '../format.ts';
import { useNow } from '../hooks.ts';

export function Panel<T>(props: { title: ReactNode; result: ApiResult<T> | null; actions?: ReactNode; className?: string; children: (data: T) => ReactNode; testId?: string }) {
  const { t } = useI18n();
  const r = props.result;
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testId}>
      <header className="panel-head"><h2>{props.title}</h2>{props.actions}</header>
      {r === null ? <p className="muted">{t('loading')}</p>
        : r.ok ? props.children(r.data)
          : r.missing ? <p className="muted unavailable" title={t('notAvailableHint')}>{t('notAvailable')}</p>
            : <p className="error">{t('error')}: {r.error}</p>}
    </section>
  );
}

export function GradeBadge({ grade, proposed }: { grade: Grade | null | undefined; proposed?: boolean }) {
  const { lang } = useI18n();
  if (!grade) return <span className="badge grade-none">{lang === 'zh' ? '未定级' : 'ungraded'}</span>;
  return (
    <span className={`badge grade-${grade}${proposed ? ' proposed' : ''}`} title={lang === 'en' ? GRADE_EN[grade] : undefined}>
      {gradeLabel(grade)}{proposed ? ' ?' : ''}
    </span>
  );
}

export function WarningBadge({ level }: { level: string | null | undefined }) {
  const { warning } = useI18n();
  if (!level) return null;
  return <span className={`badge warn-${level}`}>{warning(level)}</span>;
}

export function Countdown({ due }: { due: string | null | undefined }) {
  const now = useNow(1000);
  const { t, lang } = useI18n();
  if (!due) return <span>—</span>;
  const ms = Date.parse(due);
  if (!Number.isFinite(ms)) return <span>{due}</span>;
  const c = fmtCountdown(ms, now);
  const soon = !c.overdue && ms - now < 4 * 3600_000;
  return (
    <span className={`countdown${c.overdue ? ' overdue' : soon ? ' soon' : ''}`} title={fmtTime(due, lang, true)}>
      {c.text}{c.overdue ? ` (${t('overdue')})` : ''}
    </span>
  );
}

export interface Column<T> { head: ReactNode; cell: (row: T) => ReactNode; className?: string }

export function Table<T>({ rows, columns, rowKey, onRow, empty }: { rows: T[]; columns: Column<T>[]; rowKey: (row: T) => string; onRow?: (row: T) => void; empty?: ReactNode }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted">{empty ?? t('none')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead><tr>{columns.map((c, i) => <th key={i} className={c.className}>{c.head}</th>)}</tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} onClick={onRow ? () => onRow(row) : undefined} className={onRow ? 'clickable' : undefined}>
              {columns.map((c, i) => <td key={i} className={c.className}>{c.cell(row)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Reads a list out of either a bare array or `{ <key>: [...] }` (the planned routes are not final). */
export function listOf<T>(data: unknown, ...keys: string[]): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    for (const k of [...keys, 'items', 'rows', 'entries']) {
      const v = (data as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}
