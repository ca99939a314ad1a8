// Findings: GET /findings (scoped list, filtered), GET /findings/:id, POST /findings/:id/incident
// (the emergency office turns one into a manual incident, linked both ways and audited). Scoped like
// incidents: an organisation sees its own findings, the office and the CERT see all; a finding
// outside the caller's scope answers 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import { decide } from '../../core/access/permissions.ts';
import { isVisible } from '../../core/access/visibility.ts';
import { convertFinding } from '../../response/finding-convert.ts';
import { findingView } from '../../response/finding-service.ts';
import type { StoredFinding } from '../../store/store.ts';
import { authOf } from '../request-auth.ts';
import { HttpError, actorOf, check, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import { ConvertAnswer, ConvertBody, FindingList, FindingQuery, FindingView, type FindingQueryT } from '../schemas/finding-schemas.ts';

type Params = { id: string };
const tags = ['findings'];
const security = [{ bearer: [] }];

/** The finding, if the caller may read it; 404 otherwise (never someone else's data). */
async function readableFinding(deps: AppDeps, request: FastifyRequest, id: string): Promise<StoredFinding> {
  const f = await deps.store.getFinding(id);
  if (!f) throw notFound(`finding ${id}`);
  check(authOf(request).principal, 'finding.read', { kind: 'org', org: f.org }, `finding ${id}`);
  return f;
}

export async function findingsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  api.get<{ Querystring: FindingQueryT }>('/findings', {
    schema: { summary: 'Findings the caller may see, newest first (default: open ones)', tags, security, querystring: FindingQuery,
      response: { 200: FindingList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const q = request.query;
    let org: string | string[] | undefined = p.visible === 'all' ? undefined : [...p.visible];
    if (q.org) org = p.visible === 'all' || isVisible(p.visible, q.org) ? q.org : [];
    const state = q.state === 'all' ? undefined : q.state ?? 'open';
    const rows = await deps.store.listFindings({
      state, kind: q.kind, system: q.system, org, limit: Math.min(1000, Math.max(1, q.limit ? Number(q.limit) : 100)),
    });
    return { findings: rows.filter((f) => decide(p, 'finding.read', { kind: 'org', org: f.org }) === 'allow').map(findingView) };
  });

  api.get<{ Params: Params }>('/findings/:id', {
    schema: { summary: 'One finding with its evidence', tags, security, params: IdParam, response: { 200: FindingView, ...SCOPED_ERRORS } },
  }, async (request) => findingView(await readableFinding(deps, request, request.params.id)));

  api.post<{ Params: Params; Body: typeof ConvertBody.static }>('/findings/:id/incident', {
    schema: { summary: 'Turn a finding into an incident (emergency office); converting again answers the same incident', tags, security,
      params: IdParam, body: ConvertBody, response: { 200: ConvertAnswer, 201: ConvertAnswer, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const f = await readableFinding(deps, request, request.params.id);
    check(auth.principal, 'finding.convert', { kind: 'org', org: f.org }, `finding ${f.id}`);
    const incidents = deps.incidents;
    const findings = deps.findings;
    if (!incidents || !findings) throw new HttpError(503, 'the incident service is not running on this server');
    const out = await convertFinding({ findings, openManualIncident: (a, input) => incidents.openManualIncident(a, input) },
      f.id, actorOf(auth), request.body?.reason);
    return reply.code(out.created ? 201 : 200).send(out);
  });
}
