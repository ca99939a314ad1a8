// GET /incidents/:id/report?kind=information|closing&format=md|html|pdf&lang=zh|en|both — the written
// information report or the closing report of an incident the caller may read, as a download.
// PDF goes through Chromium (at most two at a time; 501 when Chromium is not installed).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../app.ts';
import { buildReportView } from '../../report/report-model.ts';
import { renderClosingReport, renderInformationReport } from '../../report/render-report.ts';
import { pdfAvailable, renderPdf, PdfUnavailableError } from '../../report/render-pdf.ts';
import { HttpError, clock } from '../route-helpers.ts';
import { IdParam, Problem, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import { ReportQuery } from '../schemas/incident-schemas.ts';
import { readableIncident } from './incidents.ts';

const TYPES = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', pdf: 'application/pdf' } as const;
const MAX_PDF_AT_ONCE = 2;

/** A file name safe in a Content-Disposition header (ids are already restricted, but be sure). */
function reportFilename(id: string, kind: string, lang: string, format: string): string {
  return `incident-${id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}-${kind}-${lang}.${format}`;
}

export interface ReportRouteOptions {
  deps: AppDeps;
  /** Tests: stand-ins for Chromium. */
  pdf?: { available: () => boolean; render: (html: string) => Promise<Buffer> };
}

export async function reportsRoutes(api: FastifyInstance, opts: ReportRouteOptions): Promise<void> {
  const { deps } = opts;
  const pdf = opts.pdf ?? { available: () => pdfAvailable(), render: (html: string) => renderPdf(html) };
  const now = clock(deps.now);
  let printing = 0;

  api.get<{ Params: { id: string }; Querystring: typeof ReportQuery.static }>('/incidents/:id/report', {
    schema: {
      summary: 'Download the information report (信息报告) or the closing report (总结报告) as Markdown, HTML or PDF',
      tags: ['incidents'], security: [{ bearer: [] }], params: IdParam, querystring: ReportQuery,
      produces: ['text/markdown', 'text/html', 'application/pdf'],
      response: {
        200: Type.String({ description: 'the report (binary for PDF)' }),
        ...SCOPED_ERRORS, 501: Problem, 503: Problem,
      },
    },
  }, async (request, reply) => {
    const kind = request.query.kind ?? 'information';
    const format = request.query.format ?? 'md';
    const lang = request.query.lang ?? 'both';
    const inc = await readableIncident(deps, request, request.params.id);
    if (format === 'pdf' && !pdf.available()) {
      throw new HttpError(501, 'PDF reports are not available on this server (Chromium is not installed); use format=md or format=html');
    }
    const timeline = await deps.store.timeline(inc.id);
    const people: Record<string, string> = {};
    const ids = [...new Set(timeline.map((e) => e.actor).filter((a): a is string => typeof a === 'string'))].slice(0, 200);
    for (const id of ids) {
      const user = await deps.store.getUser(id).catch(() => null);
      if (user) people[id] = user.displayName ?? user.username;
    }
    const view = buildReportView({ incident: inc, timeline, organizations: deps.config.organizations, systems: deps.config.systems, now: now(), people });
    const rendered = kind === 'closing' ? renderClosingReport(view, { lang }) : renderInformationReport(view, { lang });
    reply.header('content-disposition', `attachment; filename="${reportFilename(inc.id, kind, lang, format)}"`);
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    if (format === 'md') return reply.type(TYPES.md).send(rendered.markdown);
    if (format === 'html') {
      return reply.type(TYPES.html).header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(rendered.html);
    }
    if (printing >= MAX_PDF_AT_ONCE) throw new HttpError(503, 'PDF printing is busy; try again in a moment');
    printing++;
    try {
      return reply.type(TYPES.pdf).send(await pdf.render(rendered.html));
    } catch (err) {
      if (err instanceof PdfUnavailableError) throw new HttpError(501, err.message);
      throw err;
    } finally {
      printing--;
    }
  });
}
