// GET /api/v1/systems — every configured system with its latest figures and per-node figures.
// GET /api/v1/systems/:id — one system, with its series, outages and measurement gaps from the store (?from&to).
// The detail carries the latest key-domain findings (hijacked / missing answers through a resolver).
// Both scoped: a caller sees the systems of the organisations it sees; another's system answers 404.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { ErrorBody, SeriesQuery, SystemDetail, SystemList, SystemParams, NoQuery } from '../api-schemas.ts';
import { allSystemFigures, gapView, nodePoint, outageView, systemFigures, systemPoint } from '../system-figures.ts';
import { isVisible } from '../../core/access/visibility.ts';
import { authOf } from '../request-auth.ts';
import type { KeyDomainFinding } from '../../probe/probe-types.ts';
import { findingView } from '../../response/finding-service.ts';

const DEFAULT_RANGE_MS = 3600_000;
const MAX_RANGE_MS = 31 * 86_400_000;
const MAX_POINTS = 2000;

export async function systemsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

  api.get('/systems', {
    schema: {
      summary: 'Every system with its latest figures',
      tags: ['systems'],
      security: [{ bearer: [] }],
      querystring: NoQuery,
      response: { 200: SystemList, 401: ErrorBody },
    },
  }, async (request) => {
    const { visible } = authOf(request).principal;
    const snapshot = deps.latest();
    return { at: snapshot?.at ?? null, systems: allSystemFigures(deps.config, snapshot).filter((s) => isVisible(visible, s.org)) };
  });

  api.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/systems/:id', {
    schema: {
      summary: 'One system: latest figures, series, outages and measurement gaps in a time range',
      tags: ['systems'],
      security: [{ bearer: [] }],
      params: SystemParams,
      querystring: SeriesQuery,
      response: { 200: SystemDetail, ...errors },
    },
  }, async (request, reply) => {
    const config = deps.config.systems.find((s) => s.id === request.params.id);
    if (!config || !isVisible(authOf(request).principal.visible, config.org)) return reply.code(404).send({ error: `no system '${request.params.id}'`, statusCode: 404 });
    const toMs = request.query.to ? Date.parse(request.query.to) : Date.now();
    const fromMs = request.query.from ? Date.parse(request.query.from) : toMs - DEFAULT_RANGE_MS;
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return reply.code(400).send({ error: 'from/to must be RFC 3339 times', statusCode: 400 });
    if (fromMs >= toMs) return reply.code(400).send({ error: "'from' must be before 'to'", statusCode: 400 });
    if (toMs - fromMs > MAX_RANGE_MS) return reply.code(400).send({ error: 'range longer than 31 days', statusCode: 400 });
    const from = new Date(fromMs).toISOString();
    const to = new Date(toMs).toISOString();

    const snapshot = deps.latest();
    const measured = snapshot?.systems.find((s) => s.id === config.id);
    const [series, outages, gaps, open, nodes] = await Promise.all([
      deps.store.systemSeries(config.id, from, to, { limit: MAX_POINTS }),
      deps.store.outageHistory(config.id, from, to),
      deps.store.gapHistory(from, to),
      deps.store.listFindings({ state: 'open', system: config.id, limit: 200 }),
      Promise.all(config.nodes.map(async (n) => ({
        id: n.id, series: (await deps.store.nodeSeries(config.id, n.id, from, to, MAX_POINTS)).map(nodePoint),
      }))),
    ]);
    // The probe adds key-domain findings to the snapshot (hijack checks through resolvers).
    const findings = ((snapshot as { keyDomains?: KeyDomainFinding[] } | null)?.keyDomains ?? [])
      .filter((f) => f.system === config.id).map(({ system: _system, ...f }) => f);
    return {
      system: systemFigures(config, measured, snapshot?.at ?? null),
      keyDomains: findings,
      from, to,
      series: series.map(systemPoint),
      nodes,
      outages: outages.map(outageView),
      gaps: gaps.map(gapView),
      findings: open.filter((f) => isVisible(authOf(request).principal.visible, f.org)).map(findingView),
    };
  });
}
