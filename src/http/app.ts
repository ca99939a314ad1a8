// Builds the Fastify instance: /healthz and /metrics open, everything under /api/v1 behind the
// bearer token, OpenAPI 3.1 generated from the route schemas. Hostile input gets short JSON
// errors: a 1 MiB body limit, unknown query parameters rejected, no stack traces.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Snapshot } from '../core/snapshot.ts';
import type { Store } from '../store/store.ts';
import type { HealthT } from './api-schemas.ts';
import type { MetricFamily } from './prometheus-text.ts';
import { requireBearer } from './auth.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { systemsRoutes } from './routes/systems.ts';
import { openapiRoutes } from './routes/openapi.ts';

export const BODY_LIMIT = 1024 * 1024;

/** What the routes read: the daemon implements it; tests pass fakes. */
export interface AppDeps {
  version: string;
  config: ResolvedConfig;
  /** The bearer token for /api/v1; undefined keeps the API closed (every call 401). */
  token: string | undefined;
  latest: () => Snapshot | null;
  health: () => HealthT;
  metrics: () => MetricFamily[];
  store: Pick<Store, 'systemSeries' | 'nodeSeries' | 'outageHistory'>;
  /** Where unexpected errors are reported (never to the client). */
  logError?: (message: string) => void;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // Reject unknown properties instead of silently removing them; no type coercion surprises.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // Malformed URLs and over-long path parameters: the same short JSON error as everything else.
    frameworkErrors: (error, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      (reply as FastifyReply).code(status).send({ error: status === 414 ? 'path too long' : 'malformed URL', statusCode: status });
    },
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) {
      return reply.code(400).send({ error: validationMessage(error), statusCode: 400 });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      deps.logError?.(`http: ${error.message}`);
      return reply.code(status).send({ error: 'internal error', statusCode: status });
    }
    return reply.code(status).send({ error: clientMessage(error), statusCode: status });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, statusCode: 404 });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'dnswarden API', version: deps.version, description: 'DNS security monitoring: systems, measurements, outages.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  await app.register(healthRoutes, { deps });
  await app.register(metricsRoutes, { deps });
  await app.register(async (api) => {
    api.addHook('onRequest', requireBearer(deps.token));
    await api.register(systemsRoutes, { deps });
    await api.register(openapiRoutes, { app });
  }, { prefix: '/api/v1' });
  return app;
}

function validationMessage(error: FastifyError): string {
  const context = error.validationContext ?? 'request';
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : context;
  const first = error.validation?.[0];
  if (!first) return error.message;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `unknown ${where} '${params.additionalProperty.slice(0, 64)}'`;
  }
  const field = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  return `${where}${field ? ` '${field}'` : ''} ${first.message ?? 'is invalid'}`;
}

/** Fastify's own 4xx messages are safe to show; keep them short. */
function clientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return `request body larger than ${BODY_LIMIT} bytes`;
  return (error.message || 'bad request').split('\n')[0].slice(0, 200);
}
