// Delegations at the parent: GET /delegations (scoped: baseline, last seen, status), GET
// /delegations/:zone/history, POST /delegations/:zone/approve (the owning organisation or the office
// moves the baseline to what is seen now; the zone's open delegation-change finding closes; audited).
// Escalation is the findings' conversion: POST /findings/:id/incident. Outside the scope: 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import { decide } from '../../core/access/permissions.ts';
import { fqdn } from '../../core/dns-names.ts';
import { approveDelegation } from '../../response/delegation-approve.ts';
import { delegationView } from '../../response/delegation-service.ts';
import type { DelegationRecord } from '../../store/store.ts';
import { authOf } from '../request-auth.ts';
import { actorOf, check, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import { ApproveAnswer, ApproveBody, DelegationHistory, DelegationList, ZoneParam } from '../schemas/delegation-schemas.ts';

type Params = { zone: string };
const tags = ['delegations'];
const security = [{ bearer: [] }];

async function readable(deps: AppDeps, request: FastifyRequest, zone: string): Promise<DelegationRecord> {
  const r = await deps.store.getDelegation(fqdn(zone));
  if (!r) throw notFound(`delegation ${zone}`);
  check(authOf(request).principal, 'delegation.read', { kind: 'org', org: r.org }, `delegation ${zone}`);
  return r;
}

export async function delegationsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  api.get('/delegations', {
    schema: { summary: 'Watched delegations the caller may see: baseline, last sighting, status', tags, security,
      response: { 200: DelegationList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const rows = await deps.store.listDelegations(p.visible === 'all' ? {} : { org: [...p.visible] });
    return { delegations: rows.filter((r) => decide(p, 'delegation.read', { kind: 'org', org: r.org }) === 'allow').map(delegationView) };
  });

  api.get<{ Params: Params }>('/delegations/:zone/history', {
    schema: { summary: 'Baselines set and changes seen, newest first', tags, security, params: ZoneParam,
      response: { 200: DelegationHistory, ...SCOPED_ERRORS } },
  }, async (request) => {
    const r = await readable(deps, request, request.params.zone);
    const history = await deps.store.delegationHistory(r.zone, 200);
    return { zone: r.zone, history: history.map(({ zone: _z, ...h }) => h) };
  });

  api.post<{ Params: Params; Body: typeof ApproveBody.static }>('/delegations/:zone/approve', {
    schema: { summary: 'Approve the delegation as seen now as the new baseline (owning organisation or office); closes its finding', tags,
      security, params: ZoneParam, body: ApproveBody, response: { 200: ApproveAnswer, ...COMMAND_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const r = await readable(deps, request, request.params.zone);
    check(auth.principal, 'delegation.approve', { kind: 'org', org: r.org }, `delegation ${r.zone}`);
    return approveDelegation({ store: deps.store, now: deps.now ?? (() => new Date()), findings: deps.findings }, r.zone, actorOf(auth), request.body?.reason);
  });
}
