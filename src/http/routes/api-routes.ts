// The response-process routes of /api/v1 in one encapsulated plugin, with an error handler that
// answers route errors (HttpError), the incident service's ResponseError and the store's conflict
// errors as JSON 4xx; anything else goes on to the application's handler (validation 400, 500).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { sendHttpError, toHttpError } from '../route-helpers.ts';
import { authRoutes } from './auth.ts';
import { incidentsRoutes } from './incidents.ts';
import { reportsRoutes } from './reports.ts';
import { measuresRoutes } from './measures.ts';
import { warningsRoutes } from './warnings.ts';
import { contactsRoutes } from './contacts.ts';
import { contactDrillsRoutes } from './contact-drills.ts';
import { drillsRoutes } from './drills.ts';
import { auditRoutes } from './audit.ts';
import { usersRoutes } from './users.ts';
import { findingsRoutes } from './findings.ts';
import { delegationsRoutes } from './delegations.ts';
import { labMailRoutes } from './lab-mail.ts';
import { threatRoutes } from './threat-reports.ts';
import { namesRoutes } from './names.ts';
import { dnssecRoutes } from './dnssec.ts';

export async function apiRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  api.setErrorHandler((error, _request, reply) => {
    // Validation and Fastify's own errors: the application's handler words them.
    if ((error as { validation?: unknown }).validation) throw error;
    let mapped;
    try {
      mapped = toHttpError(error);
    } catch {
      throw error;
    }
    return sendHttpError(reply, mapped);
  });
  // In this order (measuresRoutes ignores opts).
  for (const routes of [
    authRoutes, incidentsRoutes, reportsRoutes, measuresRoutes, warningsRoutes, contactsRoutes,
    contactDrillsRoutes, drillsRoutes, auditRoutes, usersRoutes, findingsRoutes, delegationsRoutes,
    labMailRoutes, threatRoutes, namesRoutes, dnssecRoutes,
  ]) await api.register(routes, opts);
}
