// Threat cases (SPEC §6) for staff: the queue (GET /threat-cases, filters, queue order), one case with
// its reports and timeline (reporter and registrant details only for who may read personal data —
// the office and the handling registry's actors —, redacted for everyone else; every read audited),
// the commands (assess, refer, referral answer by the registrar, reply, mitigate, close), the exports
// (IODEF v2 XML, STIX 2.1 bundle; never with personal data) and the figures. Scope: the office and the
// CERT see every case, a registry the cases it handles, a registrar those referred to it; outside → 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { Principal } from '../../core/access/access-types.ts';
import { can } from '../../core/access/permissions.ts';
import { queueRank } from '../../core/threats/assess.ts';
import { figuresBy } from '../../core/threats/figures.ts';
import type { ThreatCase } from '../../store/store.ts';
import { caseToIodef } from '../../threats/iodef.ts';
import { caseToStix } from '../../threats/stix.ts';
import { ThreatError, type AssessInput, type ThreatService } from '../../threats/threat-service.ts';
import type { SourceClass } from '../../core/threats/threat-types.ts';
import { caseDetailView, caseRow } from '../../threats/threat-views.ts';
import { authOf, actorId } from '../request-auth.ts';
import { HttpError, audit, check, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import {
  AssessBody, CaseDetail, CaseList, CaseQuery, CloseBody, ExportQuery, FiguresAnswer, NoteBody, ReferBody, ReferralAnswerBody, ReplyBody, type CaseQueryT,
} from '../schemas/threat-schemas.ts';

type Params = { id: string };
const tags = ['threat-cases'];
const security = [{ bearer: [] }];

export const mayReadCase = (p: Principal, c: ThreatCase): boolean =>
  can(p, 'threat.read', { kind: 'org', org: c.org }) || (c.referredTo !== null && can(p, 'threat.read', { kind: 'org', org: c.referredTo }));

const STATUS: Record<ThreatError['code'], number> = { NOT_FOUND: 404, INVALID: 400, CONFLICT: 409 };

/** The store filter of what the caller may see: everything (office, CERT), its own cases (a registry), those referred to it (a registrar). */
function scopeFilter(p: Principal): { org?: string[]; referredTo?: string } {
  if (can(p, 'threat.read', { kind: 'org', org: '\u0000any' })) return {};
  return p.orgRole === 'registrar' ? { referredTo: p.org } : { org: [p.org] };
}

export async function threatCaseRoutes(api: FastifyInstance, opts: { deps: AppDeps; threats: ThreatService }): Promise<void> {
  const { deps, threats } = opts;
  const now = clock(deps.now);
  const registryName = (org: string) => deps.config.organizations.find((o) => o.id === org)?.name?.en ?? org;

  const readable = async (request: FastifyRequest, id: string): Promise<ThreatCase> => {
    const c = await deps.store.getThreatCase(id);
    if (!c || !mayReadCase(authOf(request).principal, c)) throw notFound(`threat case ${id}`);
    return c;
  };
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    try { return await fn(); } catch (err) {
      if (err instanceof ThreatError) throw new HttpError(STATUS[err.code], err.message);
      throw err;
    }
  };
  const handle = (name: string, body: unknown, fn: (actor: string, c: ThreatCase, body: never) => Promise<ThreatCase>, action: 'threat.handle' | 'threat.referral-answer' = 'threat.handle') =>
    api.post<{ Params: Params }>(`/threat-cases/:id/${name}`, {
      schema: { summary: `Threat case: ${name}`, tags, security, params: IdParam, body, response: { 200: CaseDetail, ...COMMAND_ERRORS } },
    }, async (request) => {
      const auth = authOf(request);
      const c = await readable(request, request.params.id);
      check(auth.principal, action, { kind: 'org', org: action === 'threat.handle' ? c.org : c.referredTo ?? c.org }, `threat case ${c.id}`);
      const out = await run(() => fn(actorId(auth), c, request.body as never));
      return caseRow(out, now());
    });

  api.get<{ Querystring: CaseQueryT }>('/threat-cases', {
    schema: { summary: 'The threat queue: cases the caller may see (default open), high priority, credible and due first', tags, security,
      querystring: CaseQuery, response: { 200: CaseList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const q = request.query;
    const scope = scopeFilter(p);
    if (q.registrar && scope.referredTo && q.registrar !== scope.referredTo) return { cases: [] };
    const rows = await deps.store.listThreatCases({
      ...scope, state: q.state === 'all' ? undefined : q.state ?? 'open', priority: q.priority, sourceClass: q.sourceClass as SourceClass | undefined,
      referredTo: scope.referredTo ?? q.registrar,
      name: q.name?.toLowerCase().replace(/\.$/, ''), limit: q.limit ? Math.min(5000, Math.max(1, Number(q.limit))) : 100,
    });
    const at = now();
    const cmp = (a: ThreatCase, b: ThreatCase) => {
      const [x, y] = [queueRank(a), queueRank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    };
    return { cases: rows.filter((c) => mayReadCase(p, c)).sort(cmp).map((c) => caseRow(c, at)) };
  });

  api.get('/threat-cases/figures', {
    schema: { summary: 'Time to acknowledge, assess and mitigate (median minutes) per source class and per registrar', tags, security,
      response: { 200: FiguresAnswer, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const cases = (await deps.store.listThreatCases({ ...scopeFilter(p), limit: 5000 })).filter((c) => mayReadCase(p, c));
    return figuresBy(cases.map((c) => ({ sourceClass: c.sourceClass, registrar: c.referredTo, receivedAt: c.receivedAt, acknowledgedAt: c.acknowledgedAt,
      assessedAt: c.assessedAt, mitigatedAt: c.mitigatedAt, assessmentDueAt: c.assessmentDueAt })), now());
  });

  api.get<{ Params: Params }>('/threat-cases/:id', {
    schema: { summary: 'One threat case: reports, timeline, assessment, referral; personal data only for who may read it (every read audited)', tags, security,
      params: IdParam, response: { 200: CaseDetail, ...SCOPED_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const c = await readable(request, request.params.id);
    const personal = can(auth.principal, 'threat.personal-data', { kind: 'org', org: c.org });
    const [reports, timeline] = await Promise.all([deps.store.threatReports(c.id), deps.store.threatTimeline(c.id)]);
    const at = now();
    const shown = personal && (reports.some((r) => r.reporter !== null) || c.personal !== null);
    await audit(deps.store, auth, at, shown ? 'personal-data.read' : 'threat-case.read', c.id,
      { what: 'threat case', personalData: shown ? 'shown' : 'redacted', reporters: reports.filter((r) => r.reporter !== null).length, registrant: c.personal !== null });
    return caseDetailView(c, reports, timeline, at, personal);
  });

  for (const [format, type] of [['iodef', 'application/xml; charset=utf-8'], ['stix', 'application/json; charset=utf-8']] as const) {
    api.get<{ Params: Params; Querystring: typeof ExportQuery.static }>(`/threat-cases/:id/${format}`, {
      schema: { summary: format === 'iodef' ? 'The case as an IODEF v2 (RFC 7970) document' : "The case's indicators as a STIX 2.1 bundle", tags, security,
        params: IdParam, querystring: ExportQuery },
    }, async (request, reply) => {
      const auth = authOf(request);
      const c = await readable(request, request.params.id);
      const at = now();
      const o = { generatedAt: at, registryName: registryName(c.org), tlp: request.query.tlp };
      await audit(deps.store, auth, at, `threat-case.export`, c.id, { format, tlp: request.query.tlp ?? 'amber' });
      const body = format === 'iodef'
        ? caseToIodef(c, await deps.store.threatReports(c.id), await deps.store.threatTimeline(c.id), o)
        : JSON.stringify(caseToStix(c, o), null, 2);
      return reply.type(type).header('content-disposition', `attachment; filename="${c.id}.${format === 'iodef' ? 'xml' : 'json'}"`).send(body);
    });
  }

  handle('assess', AssessBody, (actor, c, b: typeof AssessBody.static) => threats.assess(actor, c.id, b as AssessInput));
  handle('refer', ReferBody, (actor, c, b: typeof ReferBody.static) => threats.refer(actor, c.id, b.registrar, b.withinHours, b.note));
  handle('referral-answer', ReferralAnswerBody, (actor, c, b: typeof ReferralAnswerBody.static) => threats.answerReferral(actor, c.id, b.answer, b.note), 'threat.referral-answer');
  handle('reply', ReplyBody, (actor, c, b: typeof ReplyBody.static) => threats.reply(actor, c.id, b.message));
  handle('mitigate', NoteBody, (actor, c, b: typeof NoteBody.static) => threats.mitigate(actor, c.id, b.note));
  handle('close', CloseBody, (actor, c, b: typeof CloseBody.static) => threats.close(actor, c.id, b.reason));
}
