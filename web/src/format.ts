// Number, time and health formatting. Times are shown in the browser's time zone.
import type { Lang } from './i18n.ts';
import type { NodeFigures, SystemFigures } from './types.ts';

const dtCache = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${lang}${withSeconds}`;
  let f = dtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}), hour12: false,
    });
    dtCache.set(key, f);
  }
  return f;
}

export function fmtTime(iso: string | null | undefined, lang: Lang, withSeconds = false): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dtf(lang, withSeconds).format(t) : iso;
}

export const fmtPct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)} %`);
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** "3h 05m 12s" / "-0h 10m" for a deadline; negative when passed. */
export function fmtCountdown(dueMs: number, nowMs: number): { text: string; overdue: boolean } {
  const diff = dueMs - nowMs;
  const s = Math.floor(Math.abs(diff) / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const text = `${h}h ${String(m).padStart(2, '0')}m ${String(sec).padStart(2, '0')}s`;
  return { text: diff < 0 ? `−${text}` : text, overdue: diff < 0 };
}

export type Health = 'ok' | 'warn' | 'bad' | 'down' | 'none';

/** Plan thresholds as colours: stopped / < 50 % or > 5 s red-dark, < 80 % orange, errors or < 99 % yellow. */
export function nodeHealth(n: Pick<NodeFigures, 'queries' | 'successRate' | 'latencyMs' | 'dataErrors' | 'keyDomainErrors'>): Health {
  if (n.queries === 0) return 'none';
  if (n.successRate < 0.05) return 'down';
  if (n.successRate < 0.5 || (n.latencyMs?.p50 ?? 0) > 5000) return 'bad';
  if (n.successRate < 0.8 || n.dataErrors > 0 || n.keyDomainErrors > 0) return 'warn';
  if (n.successRate < 0.99) return 'warn';
  return 'ok';
}

export function systemHealth(s: SystemFigures): Health {
  if (s.successRate === null || s.nodes.length === 0) return 'none';
  if (s.stoppedMinutes > 0 || s.successRate < 0.05) return 'down';
  const worst = s.nodes.map(nodeHealth);
  if (worst.includes('down') || worst.includes('bad')) return 'bad';
  if (worst.includes('warn') || s.dataErrors > 0) return 'warn';
  return 'ok';
}

export function localName(name: string | { zh?: string; en?: string } | undefined | null, lang: Lang, fallback = ''): string {
  if (!name) return fallback;
  if (typeof name === 'string') return name;
  return (lang === 'zh' ? name.zh ?? name.en : name.en ?? name.zh) ?? fallback;
}
