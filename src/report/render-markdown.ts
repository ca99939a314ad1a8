// Draws a ReportDocument as GitHub-flavoured Markdown. Every piece of text is escaped, so a
// user-entered field can neither start Markdown structure nor inject raw HTML. Pure.
import type { Block, ReportDocument } from './report-blocks.ts';
import { escapeMarkdown, escapeMarkdownCell, escapeMarkdownInline } from './report-format.ts';

const oneLine = (t: string) => escapeMarkdownInline(t.replace(/\s*\r?\n\s*/g, ' '));

const TONE_MARK = { good: '✔ ', bad: '⚠ ', warn: '⚠ ' } as const;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Paragraph text: escaped, with line breaks kept as hard breaks. */
function paragraph(text: string): string {
  return escapeMarkdown(text.trim()).split('\n').join('  \n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'fields':
    case 'signature':
      // Key/value pairs: a two-column table with an empty header row.
      return table(['', ''], b.rows.map((r) => [r.label, (r.tone ? TONE_MARK[r.tone] : '') + r.value]));
    case 'text':
      return (b.tone === 'bad' ? '**⚠** ' : '') + (b.user ? quote(b.text) : paragraph(b.text));
    case 'subheading':
      return `### ${oneLine(b.text)}`;
    case 'list':
      return b.items.map((i) => `- ${escapeMarkdown(i.replace(/\s*\r?\n\s*/g, ' '))}`).join('\n');
    case 'table':
      return b.rows.length > 0 ? table(b.head, b.rows) : '—';
  }
}

/** User statements are quoted so a reader sees where the author's own words start and end. */
function quote(text: string): string {
  return escapeMarkdown(text.trim()).split('\n').map((l) => `> ${l}`).join('  \n');
}

export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${oneLine(doc.title)}`, '', escapeMarkdown(doc.subtitle)];
  for (const b of doc.banners) out.push('', `> **${escapeMarkdown(b.kind === 'drill' ? `⚠ ${b.text}` : b.text)}**`);
  for (const s of doc.sections) {
    out.push('', `## ${oneLine(s.title)}`);
    for (const b of s.blocks) out.push('', block(b));
  }
  return `${out.join('\n')}\n`;
}
