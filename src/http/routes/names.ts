// Actions on names over HTTP (contracts "Acting on names"): GET /names/:name (the stored state and the
// history) for the office, the CERT and the registry; POST /names/actions (one action on many names,
// the same semantics as `dnswarden names`) for the actors of the registry and the office. The registry
// organisation is the owner of the tld system serving one of `registry.zones` (else the first registry
// organisation). Without a `registry` block actions answer 503.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { ResolvedConfig } from '../../config/config-types.ts';
import { parseUntil, type NameAction } from '../../core/names/name-rules.ts';
import { openConnector } from '../../registry/connectors.ts';
import { normalizeName } from '../../registry/connector.ts';
import { NameService } from '../../registry/name-service.ts';
import { NameRecords } from '../../registry/name-records.ts';
import type { DeleteCheck } from '../../core/names/name-rules.ts';
import { ThreatService } from '../../threats/threat-service.ts';
import { actorId, authOf } from '../request-auth.ts';
import { HttpError, check, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import {
  DeleteAnswer, DeleteRequestBody, NameActionAnswer, NameActionBody, NameParam, NameView, type DeleteRequestBodyT, type NameActionBodyT,
} from '../schemas/name-schemas.ts';

const tags = ['names'];
const security = [{ bearer: [] }];

export function registryOrg(config: ResolvedConfig): string | null {
  const zones = config.registry?.zones ?? [];
  const tld = config.systems.find((s) => s.kind === 'tld' && s.zones.some((z) => zones.includes(z)));
  return tld?.org ?? config.organizations.find((o) => o.role === 'registry')?.id ?? null;
}

export async function namesRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const services = () => {
    const connector = openConnector(deps.config.registry!);
    const threats = deps.threats ?? new ThreatService({ store: deps.store, config: deps.config, now: deps.now });
    const service = new NameService({ store: deps.store, connector, sinkhole: deps.config.registry!.sinkhole, now: deps.now,
      recordOnCase: (caseId, actor, a) => threats.recordAction(actor, caseId, a) });
    return { connector, service, records: new NameRecords({ service, store: deps.store, connector, sinkhole: deps.config.registry!.sinkhole }) };
  };
  const actingOn = (request: { params: { name: string } }, auth: ReturnType<typeof authOf>) => {
    const org = registryOrg(deps.config);
    if (!org || !deps.config.registry) throw new HttpError(503, 'no registry is configured (registry key)');
    check(auth.principal, 'names.act', { kind: 'org', org }, `name ${request.params.name}`);
  };

  api.get<{ Params: { name: string } }>('/names/:name', {
    schema: { summary: "A name's registry-side state and the history of actions on it", tags, security, params: NameParam, response: { 200: NameView, ...SCOPED_ERRORS } },
  }, async (request) => {
    const name = normalizeName(request.params.name);
    const org = registryOrg(deps.config);
    if (!name || !org) throw notFound(`name ${request.params.name}`);
    check(authOf(request).principal, 'names.read', { kind: 'org', org }, `name ${name}`);
    const stored = (await deps.store.getNameStates([name])).get(name) ?? null;
    return { name, stored: stored && { status: stored.status, locked: stored.locked, until: stored.until, caseId: stored.caseId, updatedAt: stored.updatedAt,
      saved: stored.saved as Record<string, unknown> | null }, history: await deps.store.nameHistory(name) };
  });

  api.post<{ Body: NameActionBodyT }>('/names/actions', {
    schema: { summary: 'One action on many names through the registry connector (as `dnswarden names`)', tags, security, body: NameActionBody,
      response: { 200: NameActionAnswer, ...COMMAND_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const b = request.body;
    const org = registryOrg(deps.config);
    if (!org || !deps.config.registry) throw new HttpError(503, 'no registry is configured (registry key)');
    check(auth.principal, b.action === 'status' ? 'names.read' : 'names.act', { kind: 'org', org }, 'names');
    if (b.action !== 'status' && !b.reason?.trim()) throw new HttpError(400, "field 'reason' is required for changes");
    if ((b.sinkhole || b.until) && b.action !== 'block') throw new HttpError(400, "'sinkhole' and 'until' go with block");
    const until = b.until ? parseUntil(b.until, (deps.now ?? (() => new Date()))()) : undefined;
    if (until && 'error' in until) throw new HttpError(400, `field 'until': ${until.error}`);
    if (b.case && !(await deps.store.getThreatCase(b.case))) throw new HttpError(400, `no threat case '${b.case}'`);
    const { connector, service, records } = services();
    await service.checkCase(b.case).catch((err: Error) => { throw new HttpError(409, err.message); });
    try {
      const results = b.action === 'refer' || b.action === 'no-action'
        ? await records.recordOnly({ action: b.action, names: b.names, reason: b.reason ?? '', actor: actorId(auth), caseId: b.case ?? null, registrar: b.registrar, evidence: b.evidence })
          .catch((err: Error) => { throw new HttpError(400, err.message); })
        : await service.run({ action: b.action as NameAction | 'status', names: b.names, reason: b.reason ?? '', actor: actorId(auth), org,
        caseId: b.case ?? null, evidence: b.evidence, approver: b.approver ?? null, withSinkhole: b.sinkhole, until: until && 'at' in until ? until.at : null });
      const counts = { applied: 0, already: 0, refused: 0, failed: 0 };
      for (const r of results) counts[r.outcome]++;
      return { action: b.action, results, counts };
    } finally {
      await connector.close();
    }
  });

  api.post<{ Params: { name: string }; Body: DeleteRequestBodyT }>('/names/:name/delete-request', {
    schema: { summary: 'Asks to delete a name: the due-diligence checklist complete; two other people must approve', tags, security, params: NameParam,
      body: DeleteRequestBody, response: { 200: DeleteAnswer, ...COMMAND_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    actingOn(request, auth);
    const b = request.body;
    if (b.case && !(await deps.store.getThreatCase(b.case))) throw new HttpError(400, `no threat case '${b.case}'`);
    const { connector, records } = services();
    try {
      const r = await records.requestDelete(request.params.name, { reason: b.reason, actor: actorId(auth), caseId: b.case ?? null, evidence: b.evidence,
        checklist: b.checklist as Partial<Record<DeleteCheck, boolean>> });
      if (r.outcome === 'refused') throw new HttpError(400, r.reason ?? 'refused');
      if (r.outcome === 'already') throw new HttpError(409, r.reason ?? 'already requested');
      return r;
    } finally { await connector.close(); }
  });

  api.post<{ Params: { name: string } }>('/names/:name/delete-approve', {
    schema: { summary: 'Approves the open deletion of a name; the second approver (neither the requester) deletes it through the connector', tags, security,
      params: NameParam, response: { 200: DeleteAnswer, ...COMMAND_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    actingOn(request, auth);
    const { connector, records } = services();
    try {
      const r = await records.approveDelete(request.params.name, actorId(auth));
      if (r.outcome === 'refused' && r.approvals.length < 2) throw new HttpError(409, r.reason ?? 'refused');
      return r;
    } finally { await connector.close(); }
  });
}
