// Formatting and escaping shared by the renderers. Pure.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes Markdown inline syntax (CommonMark): emphasis, links, code, raw HTML, entities, pipes. */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** Escapes Markdown text that may span lines: inline syntax, and block markers at a line's start. */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeMarkdownInline(line.replace(/^\s+/, '')) // 4 leading spaces would make code
      .replace(/^([#+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2'))
    .join('\n');
}

/** A Markdown table cell: escaped, on one line (a line break would end the row). */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdownInline(text.replace(/\s*\r?\n\s*/g, ' ')).trim() || ' ';
}

/**
 * An instant in the report's time zone, "2026-11-23 16:05 (UTC+8)". Reports to the Chinese
 * authorities use Beijing time by default; the offset is fixed, so no time-zone database is needed.
 */
export function formatInstant(iso: string | null | undefined, utcOffsetMinutes = 480): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + utcOffsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const hm = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  return `${day} ${hm} (${offsetLabel(utcOffsetMinutes)})`;
}

function offsetLabel(min: number): string {
  if (min === 0) return 'UTC';
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `UTC${sign}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
}

/** Whole minutes from a to b, or null when either is missing or not a date. */
export function minutesBetween(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const ta = Date.parse(a), tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return Math.round((tb - ta) / 60_000);
}

/** "2 h 05 min" / "2小时05分"; "—" for null. */
export function formatMinutes(min: number | null, lang: 'zh' | 'en'): string {
  if (min === null) return '—';
  const neg = min < 0 ? '-' : '';
  const a = Math.abs(min);
  const d = Math.floor(a / 1440), h = Math.floor((a % 1440) / 60), m = a % 60;
  if (lang === 'zh') {
    return neg + [d ? `${d}天` : '', d || h ? `${h}小时` : '', `${m}分钟`].join('');
  }
  return neg + [d ? `${d} d` : '', d || h ? `${h} h` : '', `${m} min`].filter(Boolean).join(' ');
}

/** A share 0..1 as a percentage with enough digits for the plan's 0.01 % threshold. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = share * 100;
  const digits = pct === 0 || pct >= 10 ? 1 : pct >= 0.1 ? 2 : 3;
  return `${pct.toFixed(digits)} %`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
