// GET /metrics — Prometheus text exposition format 0.0.4; open, or behind
// `Authorization: Bearer <http.metricsToken>` when the configuration sets one (401 otherwise).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../app.ts';
import { NoQuery } from '../api-schemas.ts';
import { CONTENT_TYPE, renderPrometheus } from '../prometheus-text.ts';
import { requireBearer } from '../auth.ts';

export async function metricsRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const token = opts.deps.config.http.metricsToken;
  app.get('/metrics', {
    ...(token ? { onRequest: requireBearer(token) } : {}),
    schema: {
      summary: 'Prometheus metrics (text format 0.0.4)',
      tags: ['health'],
      querystring: NoQuery,
      response: { 200: Type.String({ description: 'Prometheus text exposition format 0.0.4' }) },
    },
  }, async (_request, reply) => {
    const text = renderPrometheus(opts.deps.metrics());
    return reply.type(CONTENT_TYPE).send(text);
  });
}
