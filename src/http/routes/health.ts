// GET /healthz — open; for load balancers and operators: ok, or degraded with the reasons.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { Health, NoQuery } from '../api-schemas.ts';

export async function healthRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  app.get('/healthz', {
    schema: {
      summary: 'Liveness and health: last cycle, store',
      tags: ['health'],
      querystring: NoQuery,
      response: { 200: Health },
    },
  }, async () => opts.deps.health());
}
