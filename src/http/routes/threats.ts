// Registers the threat-report routes (public intake and status; staff cases) with one ThreatService:
// the daemon's (AppDeps.threats) or, without one, a service on the app's store and clock.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { contactRecipients } from '../../daemon/platform-contacts.ts';
import { ThreatService } from '../../threats/threat-service.ts';
import { threatCaseRoutes } from './threat-cases.ts';
import { threatReportRoutes } from './threat-reports.ts';

export async function threatRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const channels = new Set<string>([...(deps.config.notifications.email ? ['email'] : []), ...((deps.config.notifications.webhooks ?? []).length > 0 ? ['webhook'] : [])]);
  const threats = deps.threats ?? new ThreatService({
    store: deps.store, config: deps.config, now: deps.now,
    contactsOf: async (org) => (await deps.store.getContacts(org)).contacts.flatMap((c) => contactRecipients(org, c, channels)),
  });
  await api.register(threatReportRoutes, { deps, threats });
  await api.register(threatCaseRoutes, { deps, threats });
}
