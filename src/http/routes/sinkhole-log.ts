// GET /threat-cases/:id/sinkhole-log (issue 11 item 6): who queried the case's sinkholed names — time,
// client address and port, name, type — so that the victims can be told. The client addresses are the
// victims' addresses, personal data: only who may read the registry's names (the office, the CERT and
// the handling registry, `names.read`) and the case gets them; a registrar the case was referred to gets
// 403, anyone outside the case 404. Every read is audited (`personal-data.read`, what: sinkhole log,
// the number of entries; never the addresses). ?format=csv gives the same rows as CSV.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../app.ts';
import { sinkholeQueriesOfCase } from '../../registry/sinkhole-service.ts';
import { authOf } from '../request-auth.ts';
import { can } from '../../core/access/permissions.ts';
import { HttpError, audit, clock, notFound } from '../route-helpers.ts';
import { IdParam, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import { mayReadCase } from './threat-cases.ts';
import { registryOrg } from './names.ts';

const Query = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'default json' })) }, { additionalProperties: false });
const Entry = Type.Object({ at: Type.String(), client: Type.String(), port: Type.Integer(), name: Type.String(), type: Type.String(),
  sinkholed: Type.Union([Type.String(), Type.Null()]), case: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false });
const Answer = Type.Object({ case: Type.String(), names: Type.Array(Type.String()), count: Type.Integer(), queries: Type.Array(Entry) }, { additionalProperties: false });

const csvCell = (v: string | number | null) => { const s = v === null ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };

export async function sinkholeLogRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
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
