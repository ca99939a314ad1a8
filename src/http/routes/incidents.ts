// Incidents: GET /incidents (scoped list), POST /incidents (manual), GET /incidents/:id, and the
// people's commands of the response process. Every command is checked here against the access
// core (404 outside the scope, 403 not allowed) and again by the incident service's authorize; the
// service writes the timeline and the audit entry (`incident.<kind>`, with the actor).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userNames } from '../user-names.ts';
import type { AppDeps } from '../app.ts';
import type { Action } from '../../core/access/access-types.ts';
import { decide } from '../../core/access/permissions.ts';
import { COMMAND_ACTIONS } from '../../daemon/incident-authorize.ts';
import { incidentSummary as liveSummary, type IncidentChange } from '../../daemon/live-bus.ts';
import type { IncidentService } from '../../response/incident-service.ts';
import type { Actor, ResponseAction } from '../../response/response-types.ts';
import type { Incident } from '../../store/store.ts';
import { authOf } from '../request-auth.ts';
import { HttpError, actorOf, check, incidentResource, notFound } from '../route-helpers.ts';
import { incidentSummary, listVisibleIncidents } from '../incident-view.ts';
import { COMMAND_ERRORS, IdParam, type NoBody, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import {
  ClosingReportBody, ConfirmGradeBody, DirectiveBody, IncidentFull, IncidentList, IncidentQuery, InformationReportBody,
  ManualIncidentBody, MeasureBody, PhaseBody, ReassignBody, type IncidentQueryT,
} from '../schemas/incident-schemas.ts';
import { licensingProvince } from '../../core/access/visibility.ts';

type Params = { id: string };
const tags = ['incidents'];
const security = [{ bearer: [] }];

/** The incident, if the caller may read it; 404 otherwise (never someone else's data). */
export async function readableIncident(deps: AppDeps, request: FastifyRequest, id: string): Promise<Incident> {
  const inc = await deps.store.getIncident(id);
  if (!inc) throw notFound(`incident ${id}`);
  check(authOf(request).principal, 'incident.read', incidentResource(inc), `incident ${id}`);
  return inc;
}

async function incidentFull(deps: AppDeps, inc: Incident) {
  const timeline = await deps.store.timeline(inc.id);
  const names = await userNames(deps.store, timeline.map((e) => e.actor));
  return {
    incident: incidentSummary(inc), detail: inc.detail,
    timeline: timeline.map(({ id, at, kind, actor, payload }) => ({ id, at, kind, actor, actorName: actor ? names.get(actor) ?? null : null, payload: payload ?? null })),
  };
}

export async function incidentsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const service = (): IncidentService => {
    if (!deps.incidents) throw new HttpError(503, 'the incident service is not running on this server');
    return deps.incidents;
  };
  const announce = (inc: Incident, change: IncidentChange) => deps.publish?.({ kind: 'incident', data: liveSummary(inc, change) });
  const provinceOf = (inc: Incident): string | null => {
    const c = (inc.detail as { commander?: { role?: string; province?: string } }).commander;
    if (c?.role === 'provincial-authority' && c.province) return c.province;
    const org = deps.config.organizations.find((o) => o.id === inc.org);
    return org ? licensingProvince(org) : null;
  };

  api.get<{ Querystring: IncidentQueryT }>('/incidents', {
    schema: { summary: 'Incidents the caller may see, newest first', tags, security, querystring: IncidentQuery, response: { 200: IncidentList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const q = request.query;
    const rows = await listVisibleIncidents(deps.store, authOf(request).principal, {
      grade: q.grade, state: q.state, org: q.org, province: q.province, systemId: q.systemId,
      drill: q.drill === 'true', limit: Math.min(1000, Math.max(1, q.limit ? Number(q.limit) : 100)),
    }, provinceOf);
    return { incidents: rows.map(incidentSummary) };
  });

  api.post<{ Body: typeof ManualIncidentBody.static }>('/incidents', {
    schema: { summary: 'Open an incident by hand (a report by phone, unmeasurable social impact, damaged core data)', tags, security,
      body: ManualIncidentBody, response: { 201: IncidentFull, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const sys = deps.config.systems.find((s) => s.id === request.body.systemId);
    // An unknown system and one outside the caller's scope answer alike.
    if (!sys || decide(auth.principal, 'incident.read', { kind: 'incident', org: sys.org, commander: null }) === 'not-found') {
      throw notFound(`system ${request.body.systemId}`);
    }
    const inc = await service().openManualIncident(actorOf(auth), request.body);
    announce(inc, 'opened');
    return reply.code(201).send(await incidentFull(deps, inc));
  });

  api.get<{ Params: Params }>('/incidents/:id', {
    schema: { summary: 'One incident with its detail and timeline', tags, security, params: IdParam, response: { 200: IncidentFull, ...SCOPED_ERRORS } },
  }, async (request) => incidentFull(deps, await readableIncident(deps, request, request.params.id)));

  /** A command: scope and right checked here, then the service (which checks again and audits). */
  function command<B>(path: string, summary: string, action: ResponseAction, body: unknown,
    run: (svc: IncidentService, id: string, actor: Actor, body: B) => Promise<Incident>): void {
    api.post<{ Params: Params; Body: B }>(`/incidents/:id/${path}`, {
      // null: the command takes no body (whatever is sent is ignored)
      schema: { summary, tags, security, params: IdParam, ...(body ? { body: body as typeof NoBody } : {}), response: { 200: IncidentFull, ...COMMAND_ERRORS } },
    }, async (request) => {
      const auth = authOf(request);
      const inc = await deps.store.getIncident(request.params.id);
      if (!inc) throw notFound(`incident ${request.params.id}`);
      const verdicts = (COMMAND_ACTIONS[action] as readonly Action[]).map((a) => decide(auth.principal, a, incidentResource(inc)));
      if (!verdicts.includes('allow')) {
        if (verdicts.every((v) => v === 'not-found')) throw notFound(`incident ${inc.id}`);
        throw new HttpError(403, `${auth.principal.username ?? auth.principal.org} (${auth.principal.org}) may not ${action.replace('incident.', '')} on this incident`);
      }
      const updated = await run(service(), inc.id, actorOf(auth), request.body as B);
      announce(updated, 'updated');
      return incidentFull(deps, updated);
    });
  }

  command<typeof ConfirmGradeBody.static>('confirm-grade', 'Confirm or reject a proposed grade (the commander)', 'incident.confirm-grade', ConfirmGradeBody,
    (s, id, a, b) => s.confirmGrade(id, a, b));
  command<typeof PhaseBody.static>('phase', 'Move the incident to another phase of the response process', 'incident.change-phase', PhaseBody,
    (s, id, a, b) => s.changePhase(id, a, b.to));
  command<typeof InformationReportBody.static>('information-report', 'File the written information report (within 24 h)', 'incident.file-information-report',
    InformationReportBody, (s, id, a, b) => s.fileInformationReport(id, a, b));
  command<typeof ClosingReportBody.static>('closing-report', 'File the closing report (in recovery)', 'incident.file-closing-report', ClosingReportBody,
    (s, id, a, b) => s.fileClosingReport(id, a, b));
  command<typeof DirectiveBody.static>('directives', 'Record a directive (emergency office, or the provincial authority for its province)', 'incident.record-directive',
    DirectiveBody, (s, id, a, b) => s.recordDirective(id, a, b));
  command<typeof ReassignBody.static>('reassign', 'Hand the incident to a provincial authority (emergency office)', 'incident.reassign', ReassignBody,
    (s, id, a, b) => s.reassign(id, a, b));
  command<Record<string, never>>('close', 'Close the incident (after the closing report); no body', 'incident.close', null,
    (s, id, a) => s.close(id, a));

  // Planned or executed: checked against the right of the matching service action.
  api.post<{ Params: Params; Body: typeof MeasureBody.static }>('/incidents/:id/measures', {
    schema: {
      summary: 'Plan or execute a measure; a major measure without an entitled directive is refused (409, with the reason)', tags, security,
      params: IdParam, body: MeasureBody, response: { 200: IncidentFull, ...COMMAND_ERRORS },
    },
  }, async (request) => {
    const auth = authOf(request);
    const inc = await deps.store.getIncident(request.params.id);
    if (!inc) throw notFound(`incident ${request.params.id}`);
    const action: ResponseAction = request.body.execute ? 'incident.execute-measure' : 'incident.plan-measure';
    const verdicts = COMMAND_ACTIONS[action].map((a) => decide(auth.principal, a, incidentResource(inc)));
    if (!verdicts.includes('allow')) {
      if (verdicts.every((v) => v === 'not-found')) throw notFound(`incident ${inc.id}`);
      throw new HttpError(403, `${auth.principal.username ?? auth.principal.org} (${auth.principal.org}) may not ${action.replace('incident.', '')} on this incident`);
    }
    const { measureId, province, note } = request.body;
    const input = { measureId, ...(province ? { province } : {}), ...(note ? { note } : {}) };
    const svc = service();
    const updated = request.body.execute ? await svc.executeMeasure(inc.id, actorOf(auth), input) : await svc.planMeasure(inc.id, actorOf(auth), input);
    announce(updated, 'updated');
    return incidentFull(deps, updated);
  });
}
