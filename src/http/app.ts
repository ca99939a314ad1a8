// Builds the Fastify instance: /healthz and /metrics open, everything under /api/v1 behind
// authentication (session cookie, session/API token, or the config's machine token; request-auth.ts)
// and scoped to the caller's organisation, OpenAPI 3.1 generated from the route schemas. Hostile input gets short JSON
// errors: a 1 MiB body limit, unknown query parameters rejected, no stack traces.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import type { Server } from 'node:http';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Snapshot } from '../core/snapshot.ts';
import type { Store } from '../store/store.ts';
import type { HealthT } from './api-schemas.ts';
import type { MetricFamily } from './prometheus-text.ts';
import type { IncidentService } from '../response/incident-service.ts';
import type { FindingService } from '../response/finding-service.ts';
import type { ThreatService } from '../threats/threat-service.ts';
import type { ScryptParams } from '../auth/passwords.ts';
import type { LoginGuard } from './login-guard.ts';
import { auditScope, requireAuth } from './request-auth.ts';
import { ONE_LINE_PATTERN } from './schemas/common-schemas.ts';
import { applyServerLimits, jsonBodiesOnly, serverOptions } from './server-options.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { systemsRoutes } from './routes/systems.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { eventsRoutes, type LiveEvent, type Subscribe } from './routes/events.ts';
import { consoleRoutes } from './routes/console.ts';

const BODY_LIMIT = 1024 * 1024;

/** What the routes read: the daemon implements it; tests pass fakes. */
export interface AppDeps {
  version: string;
  config: ResolvedConfig;
  /**
   * The configuration's http.token: a machine credential for /api/v1 that acts as a read-only
   * 'viewer' of the first emergency-office organisation. undefined: only users' sessions and API tokens.
   */
  token: string | undefined;
  latest: () => Snapshot | null;
  health: () => HealthT;
  metrics: () => MetricFamily[];
  store: Store;
  /** The response process; without it incident commands and drills answer 503 (reads still work). */
  incidents?: IncidentService;
  /** Findings (GET /findings, convert to an incident); without it a conversion answers 503 (reads still work). */
  findings?: FindingService;
  /** Registry threat response; without it the routes make one on the store (no timers run then). */
  threats?: ThreatService;
  /** The clock of sessions, audit entries and reports (default: the system clock). */
  now?: () => Date;
  /** Incident and warning changes made through the API, for the live feed. */
  publish?: (event: LiveEvent) => void;
  /** Cost of password hashes made through the API (tests use cheaper ones). */
  scrypt?: ScryptParams;
  /** Lifetime of a console session (default 12 h). */
  sessionTtlMs?: number;
  /** The live feed of /api/v1/events (the daemon's cycles); without it the stream only pings. */
  subscribe?: Subscribe;
  /** The built console (default web/dist). */
  consoleDir?: string;
  /** Seals contact-drill codes in the outbox (src/notify/ack-seal.ts); without it they are queued in clear. */
  ackKey?: Buffer | null;
  /** Sign-in rate limits and the password-hash gate (default: login-guard.ts defaults). */
  loginGuard?: LoginGuard;
  /** The data folder: GET /threat-cases/:id/sinkhole-log reads <dataDir>/sinkhole-log/ (without it that route answers 503). */
  dataDir?: string;
  /** Where unexpected errors are reported (never to the client). */
  logError?: (message: string) => void;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // https (http.tls), trustProxy and the timeouts of http.limits (server-options.ts).
    ...serverOptions(deps.config),
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

  applyServerLimits(app.server as Server, deps.config);
  app.addHook('onRequest', jsonBodiesOnly);

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
    api.decorateRequest('auth', null);
    api.addHook('onRequest', requireAuth(deps));
    api.addHook('onRequest', auditScope);
    await api.register(systemsRoutes, { deps });
    await api.register(openapiRoutes, { app });
    await api.register(eventsRoutes, { deps });
    await api.register(apiRoutes, { deps });
  }, { prefix: '/api/v1' });
  await app.register(consoleRoutes, { deps });
  return app;
}

function validationMessage(error: FastifyError): string {
  const context = error.validationContext ?? 'request';
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : context === 'body' ? 'field' : context;
  // A line break in a one-line field names the field, whichever branch of a union Ajv reported first.
  const oneLine = error.validation?.find((v) => v.keyword === 'pattern' && (v.params as { pattern?: string }).pattern === ONE_LINE_PATTERN);
  if (oneLine) return `${where} '${(oneLine.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')}' must be a single line (no line breaks or control characters)`;
  const first = error.validation?.[0];
  if (!first) return error.message;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `unknown ${where} '${params.additionalProperty.slice(0, 64)}'`;
  }
  const field = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  return `${field ? `${where} '${field}'` : context === 'body' ? 'request body' : where} ${first.message ?? 'is invalid'}`;
}

/** Fastify's own 4xx messages are safe to show; keep them short. */
function clientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return `request body larger than ${BODY_LIMIT} bytes`;
  return (error.message || 'bad request').split('\n')[0].slice(0, 200);
}
