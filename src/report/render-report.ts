// The reports' public entry points: a view model in, Markdown and HTML out. Pure (no I/O);
// render-pdf.ts prints the HTML to PDF.
import type { ReportView } from './report-model.ts';
import type { RenderOptions } from './report-blocks.ts';
import { informationDocument, closingDocument } from './report-documents.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderHtml } from './render-html.ts';

export interface RenderedReport { markdown: string; html: string }

/** The written information report (信息报告): began, scope and harm, measures, recommendations. */
export function renderInformationReport(view: ReportView, opts: RenderOptions): RenderedReport {
  const doc = informationDocument(view, opts);
  return { markdown: renderMarkdown(doc), html: renderHtml(doc) };
}

/** The closing report (总结报告): adds the cause, recovery times and lessons. */
export function renderClosingReport(view: ReportView, opts: RenderOptions): RenderedReport {
  const doc = closingDocument(view, opts);
  return { markdown: renderMarkdown(doc), html: renderHtml(doc) };
}
