// Actions on names over HTTP (contracts "Acting on names"): GET /names/:name (the stored state and the
// history) for the office, the CERT and the registry; POST /names/actions (one action on many names,
// the same semantics as `dnswarden names`) for the actors of the registry and the office. The registry
// organisation is the owner of the tld system serving one of `registry.zones` (else the first registry
// organisation). Without a `registry` block actions answer 503.
// GET /threat-cases/:id/sinkhole-log (issue 11 item 6): who queried the case's sinkholed names — time,
// client address and port, name, type — so that the victims can be told. The client addresses are the
// victims' addresses, personal data: only who may read the case and the registry's names (`names.read`:
// the office, the CERT, the registry) gets them; a registrar the case was referred to gets 403, anyone
// outside the case 404. Every read is audited (`personal-data.read`, the number of entries, never the
// addresses). ?format=csv gives the same rows as CSV.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { ResolvedConfig } from '../../config/config-types.ts';
import { parseUntil, type NameAction } from '../../core/names/name-rules.ts';
import { openConnector, sinkholeQueriesOfCase } from '../../registry/connectors.ts';
import { Type } from '@sinclair/typebox';
import { can } from '../../core/access/permissions.ts';
import { mayReadCase } from './threat-cases.ts';
import { normalizeName } from '../../registry/connector.ts';
import { NameService } from '../../registry/name-service.ts';
import { NameRecords } from '../../registry/name-records.ts';
import type { DeleteCheck } from '../../core/names/name-rules.ts';
import { ThreatService } from '../../threats/threat-service.ts';
import { actorId, authOf } from '../request-auth.ts';
import { HttpError, audit, check, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import {
  DeleteAnswer, DeleteRequestBody, NameActionAnswer, NameActionBody, NameParam, NameView, type DeleteRequestBodyT, type NameActionBodyT,
} from '../schemas/name-schemas.ts';

const Query = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'default json' })) }, { additionalProperties: false });
const Entry = Type.Object({ at: Type.String(), client: Type.String(), port: Type.Integer(), name: Type.String(), type: Type.String(),
  sinkholed: Type.Union([Type.String(), Type.Null()]), case: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false });
const Answer = Type.Object({ case: Type.String(), names: Type.Array(Type.String()), count: Type.Integer(), queries: Type.Array(Entry) }, { additionalProperties: false });

const csvCell = (v: string | number | null) => { const s = v === null ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };

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
    try {
      await service.checkCase(b.case).catch((err: Error) => { throw new HttpError(409, err.message); });
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

  const now = clock(deps.now);
  api.get<{ Params: { id: string }; Querystring: { format?: 'json' | 'csv' } }>('/threat-cases/:id/sinkhole-log', {
    schema: { summary: "Who queried the case's sinkholed names (time, client, name, type): personal data, every read audited", tags: ['threat-cases'],
      security: [{ bearer: [] }], params: IdParam, querystring: Query, response: { 200: Answer, ...SCOPED_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const c = await deps.store.getThreatCase(request.params.id);
    if (!c || !mayReadCase(auth.principal, c)) throw notFound(`threat case ${request.params.id}`);
    // Who sees the case but may not read the registry's names (a referred registrar): 403, the case is no secret to them.
    if (!can(auth.principal, 'names.read', { kind: 'org', org: registryOrg(deps.config) ?? c.org })) throw new HttpError(403, 'the sinkhole log (victims\' addresses) is for the office, the CERT and the registry');
    if (!deps.dataDir) throw new HttpError(503, 'the sinkhole log is not available here (no data folder)');
    const queries = sinkholeQueriesOfCase(deps.dataDir, c.id, c.names);
    await audit(deps.store, auth, now(), 'personal-data.read', c.id, { what: 'sinkhole log', entries: queries.length, format: request.query.format ?? 'json' });
    if (request.query.format === 'csv') {
      const rows = [['at', 'client', 'port', 'name', 'type', 'sinkholed', 'case'], ...queries.map((q) => [q.at, q.client, q.port, q.name, q.type, q.sinkholed, q.case])];
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${c.id}-sinkhole-log.csv"`)
        .send(rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
    }
    return { case: c.id, names: c.names, count: queries.length, queries };
  });
}
