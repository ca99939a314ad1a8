// Drills (应急演练): POST /drills runs simulated faults through the real grading and process
// (IncidentService.startDrill; drill incidents are kept apart from real ones), GET /drills lists them,
// GET /drills/:id/report measures the response (time to acknowledge, to report, to recover).
// The office drills anyone, a provincial authority the organisations it sees, an organisation itself.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { Principal } from '../../core/access/access-types.ts';
import { canSee, decide } from '../../core/access/permissions.ts';
import { isVisible } from '../../core/access/visibility.ts';
import type { DrillFault } from '../../response/drill-snapshot.ts';
import type { Drill, DrillScope } from '../../store/store.ts';
import { AlreadyExistsError } from '../../store/store-errors.ts';
import { authOf, actorId } from '../request-auth.ts';
import { HttpError, actorOf, clock, incidentResource, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, SCOPED_ERRORS, strict } from '../schemas/common-schemas.ts';
import { DrillList, DrillReportT, StartDrillBody, StartDrillResult } from '../schemas/warning-schemas.ts';
import { Type } from '@sinclair/typebox';

const tags = ['drills'];
const security = [{ bearer: [] }];

function drillVisible(p: Principal, d: Pick<Drill, 'org' | 'scope'>): boolean {
  if (p.visible === 'all' || d.org === p.org) return true;
  if (p.orgRole === 'provincial-authority' && d.scope.level === 'provincial' && d.scope.province === p.province) return true;
  return (d.scope.orgs ?? []).some((o) => isVisible(p.visible, o));
}

/**
 * A drill as the caller may see it: the office and the organisation that ran it see every fault; a
 * participant sees only the faults (and scope entries) of its own organisation's systems — not which
 * other organisations were drilled or how.
 */
function drillViewFor(p: Principal, d: Drill, systemOrg: (systemId: string) => string | undefined): Drill {
  if (p.orgRole === 'emergency-office' || d.org === p.org) return d;
  const report = d.report as { faults?: Array<{ systemId: string }> } | null;
  const faults = Array.isArray(report?.faults) ? report.faults.filter((f) => systemOrg(f.systemId) === p.org) : undefined;
  return {
    ...d,
    scope: { ...d.scope, ...(d.scope.orgs ? { orgs: d.scope.orgs.filter((o) => o === p.org) } : {}) },
    report: report && typeof report === 'object' ? { ...report, ...(faults ? { faults } : {}) } : d.report,
  };
}

function scopeFor(p: Principal, orgs: string[]): DrillScope {
  if (p.orgRole === 'emergency-office') return { level: 'national', orgs };
  if (p.orgRole === 'provincial-authority' && p.province) return { level: 'provincial', province: p.province, orgs };
  return { level: 'organisation', orgs };
}

export async function drillsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const now = clock(deps.now);

  api.get('/drills', {
    schema: { summary: 'Drills in the caller\'s scope, newest first', tags, security, querystring: Type.Object({}, strict), response: { 200: DrillList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const systemOrg = (id: string) => deps.config.systems.find((sys) => sys.id === id)?.org;
    return { drills: (await deps.store.listDrills({ limit: 500 })).filter((d) => drillVisible(p, d)).map((d) => drillViewFor(p, d, systemOrg)) };
  });

  api.post<{ Body: typeof StartDrillBody.static }>('/drills', {
    schema: { summary: 'Start a drill: simulated faults open drill incidents through the real grading', tags, security,
      body: StartDrillBody, response: { 201: StartDrillResult, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const p = auth.principal;
    if (!deps.incidents) throw new HttpError(503, 'the incident service is not running on this server');
    const b = request.body;
    const faults = (b.faults ?? (b.systemId ? [{ systemId: b.systemId, kind: 'stopped' }] : [])) as DrillFault[];
    if (faults.length === 0) throw new HttpError(400, 'a drill needs faults (or a systemId to stop)');
    const orgs = new Set<string>();
    for (const f of faults) {
      const sys = deps.config.systems.find((s) => s.id === f.systemId);
      const verdict = sys ? decide(p, 'drill.run', { kind: 'org', org: sys.org }) : 'not-found';
      if (verdict === 'not-found') throw notFound(`system ${f.systemId}`);
      if (verdict === 'forbidden') throw new HttpError(403, `${p.username ?? p.org} (${p.org}) may not run drills on ${sys?.org}`);
      orgs.add((sys as { org: string }).org);
    }
    const { drillId, incidents } = await deps.incidents.startDrill({ name: b.name.trim(), faults, actor: actorOf(auth) });
    const at = now();
    let drill: Drill;
    try {
      drill = await deps.store.createDrill({ id: drillId, name: b.name.trim(), org: p.org, scope: scopeFor(p, [...orgs].sort()), state: 'running', createdBy: actorId(auth), createdAt: at });
      drill = await deps.store.updateDrill(drill.id, drill.version, { startedAt: at, report: { description: b.description ?? null, faults }, updatedAt: at });
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      drill = (await deps.store.getDrill(drillId)) as Drill;
    }
    for (const inc of incidents) deps.publish?.({ kind: 'incident', data: { change: 'opened', id: inc.id, systemId: inc.systemId, org: inc.org, commander: (inc.detail as { commander?: unknown }).commander ?? null, drill: true, state: inc.state, grade: inc.grade, proposedGrade: inc.proposedGrade, version: inc.version, updatedAt: inc.updatedAt } });
    return reply.code(201).send({
      drill, incidents: incidents.map((i) => ({ id: i.id, systemId: i.systemId, org: i.org, grade: i.grade, proposedGrade: i.proposedGrade })),
    });
  });

  api.get<{ Params: { id: string } }>('/drills/:id/report', {
    schema: { summary: 'How the drill went: per incident, seconds to acknowledge, to report and to recover', tags, security,
      params: IdParam, response: { 200: DrillReportT, ...SCOPED_ERRORS, 503: COMMAND_ERRORS[503] } },
  }, async (request) => {
    const p = authOf(request).principal;
    if (!deps.incidents) throw new HttpError(503, 'the incident service is not running on this server');
    const drill = await deps.store.getDrill(request.params.id);
    if (drill && !drillVisible(p, drill)) throw notFound(`drill ${request.params.id}`);
    const report = await deps.incidents.drillReport(request.params.id);
    // Each participant sees the rows of the incidents it may read.
    const readable = new Set<string>();
    for (const row of report.incidents) {
      const inc = await deps.store.getIncident(row.incidentId);
      if (inc && canSee(p, incidentResource(inc))) readable.add(row.incidentId);
    }
    if (!drill && readable.size === 0) throw notFound(`drill ${request.params.id}`);
    return { ...report, incidents: report.incidents.filter((r) => readable.has(r.incidentId)) };
  });
}
