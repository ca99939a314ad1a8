// The HTTP server's transport settings from the configuration (security review): HTTPS with
// http.tls, proxy trust with http.trustProxy, and limits that keep one client from holding the
// server — request, header and idle timeouts and a cap on open connections (http.limits).
// Also the one body rule of the API: an unsafe method carries JSON or nothing (415 otherwise), so a
// plain HTML form (text/plain, urlencoded, multipart) can never reach a state-changing route.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedConfig } from '../config/config-types.ts';

const DEFAULT_LIMITS = { maxConnections: 512, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, idleTimeoutMs: 60_000, streamsPerUser: 4 };

function limitsOf(config: Pick<ResolvedConfig, 'http'>): typeof DEFAULT_LIMITS {
  return { ...DEFAULT_LIMITS, ...(config.http.limits ?? {}) };
}

/** Options for Fastify(): https (when configured), trustProxy and the timeouts Fastify passes to node:http. */
export function serverOptions(config: Pick<ResolvedConfig, 'http'>): Record<string, unknown> {
  const limits = limitsOf(config);
  const tls = config.http.tls;
  return {
    ...(tls ? { https: { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } } : {}),
    trustProxy: config.http.trustProxy === true,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: Math.min(limits.idleTimeoutMs, 5_000),
    requestTimeout: limits.requestTimeoutMs,
  };
}

/** What Fastify does not set itself: the header timeout and the connection cap. */
export function applyServerLimits(server: Server, config: Pick<ResolvedConfig, 'http'>): void {
  const limits = limitsOf(config);
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  server.maxConnections = limits.maxConnections;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/json[ \t]*(;|$)/i;

/** onRequest hook: 415 for an unsafe method whose body is not JSON (or whose content type is anything else). */
export async function jsonBodiesOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!UNSAFE.has(request.method)) return;
  const type = request.headers['content-type'];
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (type === undefined ? !hasBody : JSON_TYPE.test(type)) return;
  await reply.code(415).send({ error: 'the request body must be JSON (Content-Type: application/json)', statusCode: 415 });
}
