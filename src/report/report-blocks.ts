// A report as a language-resolved list of sections and blocks: the one structure both the
// Markdown and the HTML renderer draw, so the two formats always carry the same content.
// Text in blocks is plain (unescaped); each renderer escapes it for its format.
import { pick, type Localized, type ReportLang } from './report-i18n.ts';

export type Tone = 'good' | 'bad' | 'warn';

export interface Field { label: string; value: string; tone?: Tone }

export type Block =
  | { kind: 'fields'; rows: Field[] }
  /** A paragraph. `user`: entered by a person (kept verbatim, line breaks kept). */
  | { kind: 'text'; text: string; lang?: 'zh' | 'en'; user?: boolean; tone?: Tone }
  | { kind: 'subheading'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; className?: string }
  | { kind: 'signature'; rows: Field[] };

export interface Section { id: string; title: string; blocks: Block[] }

export interface ReportDocument {
  kind: 'information' | 'closing';
  lang: ReportLang;
  title: string;
  /** Line under the title: incident id and organisation. */
  subtitle: string;
  banners: Array<{ kind: 'drill' | 'draft'; text: string }>;
  sections: Section[];
}

export interface RenderOptions {
  lang: ReportLang;
  /** Offset of the time zone the report's times are shown in; default 480 (Beijing time). */
  utcOffsetMinutes?: number;
}

/** Language helpers bound to one rendering. */
export interface Lx {
  lang: ReportLang;
  tz: number;
  /** A label or short value: one language, or "中文 / English". */
  L(s: Localized): string;
  /** Generated prose: one paragraph, or the Chinese then the English one. */
  P(s: Localized, tone?: Tone): Block[];
}

export function lx(opts: RenderOptions): Lx {
  const lang = opts.lang;
  return {
    lang,
    tz: opts.utcOffsetMinutes ?? 480,
    L: (s) => pick(lang, s),
    P: (s, tone) => (lang === 'both'
      ? [{ kind: 'text', text: s.zh, lang: 'zh', tone }, { kind: 'text', text: s.en, lang: 'en', tone }]
      : [{ kind: 'text', text: s[lang], lang, tone }]),
  };
}

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Section titles numbered the Chinese way ("三、") and the English way ("3."). */
export function numberedTitle(n: number, s: Localized, lang: ReportLang): string {
  const zh = `${ZH_NUMERALS[n - 1] ?? n}、${s.zh}`, en = `${n}. ${s.en}`;
  return lang === 'zh' ? zh : lang === 'en' ? en : `${zh} / ${s.en}`;
}
