// Draws a ReportDocument as one standalone HTML document: embedded CSS, no external resources,
// print-friendly (A4 pages, table headers repeated on each page). All text is escaped; a strict
// Content-Security-Policy forbids scripts and fetches as a second line of defence. Pure.
import type { Block, Field, ReportDocument } from './report-blocks.ts';
import { escapeHtml as e } from './report-format.ts';

const REPORT_CSS = `
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  font-size: 10.5pt; line-height: 1.55; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 18pt; text-align: center; margin: 0 0 2mm; }
.subtitle { text-align: center; color: #444; margin: 0 0 5mm; }
h2 { font-size: 12.5pt; border-bottom: 1.5px solid #333; padding-bottom: 1mm; margin: 6mm 0 2.5mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3.5mm 0 1.5mm; break-after: avoid; }
p { margin: 1.2mm 0; }
p[lang="en"] { color: #333; }
.user { white-space: pre-wrap; border-left: 3px solid #888; padding: 1mm 0 1mm 3mm; background: #f6f6f6; }
.banner { border: 2px solid #b00; color: #b00; font-weight: bold; text-align: center; padding: 2mm; margin: 2mm 0; font-size: 12pt; }
.banner.draft { border-color: #a60; color: #a60; border-style: dashed; font-size: 10.5pt; }
table { width: 100%; border-collapse: collapse; margin: 1.5mm 0; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.figures td, table.timeline td:first-child { white-space: nowrap; }
th { background: #e8e8e8; }
table.fields th { width: 30%; background: #f2f2f2; font-weight: normal; }
table.signature { margin-top: 4mm; }
table.signature td, table.signature th { border: none; border-bottom: 1px solid #bbb; padding: 2.5mm 1.5mm; }
.tone-bad, p.tone-bad { color: #b00; font-weight: bold; }
.tone-warn, p.tone-warn { color: #a60; }
.tone-good { color: #070; }
ul { margin: 1mm 0; padding-left: 6mm; }
@media print { body { padding: 0; max-width: none; } }
`;

const tone = (t: Field['tone']) => (t ? ` class="tone-${t}"` : '');

function fields(rows: Field[], cls: string): string {
  const body = rows.map((r) => `<tr><th scope="row">${e(r.label)}</th><td${tone(r.tone)}>${e(r.value)}</td></tr>`).join('\n');
  return `<table class="${cls}"><tbody>\n${body}\n</tbody></table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'fields': return fields(b.rows, 'fields');
    case 'signature': return fields(b.rows, 'fields signature');
    case 'text': {
      const attrs = [b.lang ? ` lang="${b.lang === 'zh' ? 'zh-CN' : 'en'}"` : '', b.user || b.tone ? ` class="${[b.user ? 'user' : '', b.tone ? `tone-${b.tone}` : ''].filter(Boolean).join(' ')}"` : ''];
      return `<p${attrs.join('')}>${e(b.user ? b.text.trim() : b.text)}</p>`;
    }
    case 'subheading': return `<h3>${e(b.text)}</h3>`;
    case 'list': return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
    case 'table': {
      if (b.rows.length === 0) return '<p>—</p>';
      const head = `<thead><tr>${b.head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`;
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table${b.className ? ` class="${e(b.className)}"` : ''}>${head}<tbody>\n${rows}\n</tbody></table>`;
    }
  }
}

export function renderHtml(doc: ReportDocument): string {
  const lang = doc.lang === 'en' ? 'en' : 'zh-CN';
  const parts: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(doc.title)} — ${e(doc.subtitle)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body class="report report-${doc.kind}">`,
    `<h1>${e(doc.title)}</h1>`,
    `<p class="subtitle">${e(doc.subtitle)}</p>`,
  ];
  for (const b of doc.banners) parts.push(`<div class="banner ${b.kind}" role="note">${e(b.text)}</div>`);
  for (const s of doc.sections) {
    parts.push(`<section id="${e(s.id)}">`, `<h2>${e(s.title)}</h2>`, ...s.blocks.map(block), '</section>');
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
