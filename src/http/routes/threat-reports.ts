// Public threat-report intake and status (contracts "Threat reports"): POST /threat-reports accepts a
// report from anyone — anonymous included — or, with a bearer token, from a known reporter whose
// organisation's `reporterClass` sets the source class; JSON in the contract's shape or X-ARF v4 JSON
// (detected by xarf_version). The per-address and global limits are checked before the body is read
// (intake-limiter.ts), the body is at most 64 KiB and the evidence capped. The answer is 202 with the
// tracking id and the status token (shown once; only its SHA-256 is stored). GET /threat-reports/:id
// ?statusToken= is the reporter's status page: an unknown id and a wrong token are the same 404.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { SourceClass } from '../../core/threats/threat-types.ts';
import { BODY_LIMIT, parseReport, type ReportBody } from '../../threats/intake-parse.ts';
import { sourceClassOf } from '../../threats/threat-settings.ts';
import { statusTokenHash, ThreatService } from '../../threats/threat-service.ts';
import { contactRecipients } from '../../daemon/platform-contacts.ts';
import { threatCaseRoutes } from './threat-cases.ts';
import { publicStatus } from '../../threats/threat-views.ts';
import { normalizeName } from '../../registry/connector.ts';
import { fromXarf, isXarf } from '../../threats/xarf.ts';
import { bearerToken } from '../auth.ts';
import { IntakeLimiter } from '../intake-limiter.ts';
import { resolveAuth, unauthorized } from '../request-auth.ts';
import { HttpError, notFound } from '../route-helpers.ts';
import { Problem } from '../schemas/common-schemas.ts';
import { IntakeAnswer, IntakeBody, PublicStatus, StatusQuery, TrackingParam } from '../schemas/threat-schemas.ts';

const tags = ['threat-reports'];

/** Registers the public routes and the staff's case routes with one ThreatService: the daemon's, or one on the app's store (no timers then). */
export async function threatRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const channels = new Set<string>([...(deps.config.notifications.email ? ['email'] : []), ...((deps.config.notifications.webhooks ?? []).length > 0 ? ['webhook'] : [])]);
  const threats = deps.threats ?? new ThreatService({ store: deps.store, config: deps.config, now: deps.now,
    contactsOf: async (org) => (await deps.store.getContacts(org)).contacts.flatMap((c) => contactRecipients(org, c, channels)) });
  await api.register(threatReportRoutes, { deps, threats });
  await api.register(threatCaseRoutes, { deps, threats });
}

export async function threatReportRoutes(api: FastifyInstance, opts: { deps: AppDeps; threats: ThreatService }): Promise<void> {
  const { deps, threats } = opts;
  const nowMs = () => (deps.now ?? (() => new Date()))().getTime();
  const limiter = new IntakeLimiter(threats.settings.publicIntake, nowMs());
  // Known reporters get their own, larger bucket per address (they are authenticated after the check).
  const known = new IntakeLimiter({ perAddressPerMinute: 120, burst: 240, perMinute: 6000 }, nowMs());
  // Reporters looking at their status page: generous, but bounded too.
  const status = new IntakeLimiter({ perAddressPerMinute: 60, burst: 60, perMinute: 6000 }, nowMs());

  const limit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const which = request.method === 'GET' ? status : request.headers.authorization ? known : limiter;
    const wait = which.take(request.ip, nowMs());
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      await reply.code(429).send({ error: 'too many reports from this address; try again later / 提交过于频繁，请稍后再试', statusCode: 429 });
    }
  };

  api.post<{ Body: typeof IntakeBody.static }>('/threat-reports', {
    config: { public: true }, bodyLimit: BODY_LIMIT, onRequest: limit,
    schema: { summary: 'Report a security threat on domain names (public; anonymous accepted; X-ARF v4 JSON accepted)', tags,
      security: [{}, { bearer: [] }], body: IntakeBody, response: { 202: IntakeAnswer, 400: Problem, 401: Problem, 413: Problem, 429: Problem, 503: Problem } },
  }, async (request, reply) => {
    let source: { sourceClass: SourceClass; reporterOrg: string | null; actor: string } = { sourceClass: 'anonymous', reporterOrg: null, actor: 'anonymous' };
    const token = bearerToken(request.headers.authorization);
    if (request.headers.authorization !== undefined) {
      const auth = await resolveAuth(deps, token);
      if (!auth) return unauthorized(reply);
      source = { sourceClass: sourceClassOf(deps.config, auth.principal.org), reporterOrg: auth.principal.org, actor: auth.user?.id ?? 'token:http' };
    }
    const xarf = isXarf(request.body);
    const body = xarf ? fromXarf(request.body as Record<string, unknown>) : (request.body as ReportBody);
    const parsed = parseReport(body);
    if ('problems' in parsed) throw new HttpError(400, `invalid report: ${parsed.problems[0]}`, parsed.problems);
    // A public report that names no reporter is anonymous whatever it claims; a named one is 'other'.
    if (source.reporterOrg === null && parsed.report.reporter) source = { ...source, sourceClass: 'other' };
    const out = await threats.intake(parsed.report, { ...source, format: xarf ? 'xarf' : 'json' });
    return reply.code(202).send({ trackingId: out.trackingId, statusToken: out.statusToken, acknowledgedAt: out.acknowledgedAt, assessmentDueAt: out.assessmentDueAt });
  });

  api.get<{ Params: typeof TrackingParam.static; Querystring: typeof StatusQuery.static }>('/threat-reports/:trackingId', {
    config: { public: true }, onRequest: limit,
    schema: { summary: "The reporter's status page: state, intended action, time frame, steps (no one's personal data)", tags, security: [{}],
      params: TrackingParam, querystring: StatusQuery, response: { 200: PublicStatus, 400: Problem, 404: Problem, 429: Problem } },
  }, async (request) => {
    const r = await deps.store.getThreatReport(request.params.trackingId);
    const given = Buffer.from(statusTokenHash(request.query.statusToken), 'hex');
    if (!r || !timingSafeEqual(given, Buffer.from(r.statusTokenHash, 'hex'))) throw notFound(`threat report ${request.params.trackingId}`);
    const c = await deps.store.getThreatCase(r.caseId);
    if (!c) throw notFound(`threat report ${request.params.trackingId}`);
    // The measure in force on each reported name ("on hold since …"): the name's registry-side state, never who acted.
    const names = c.names.map((n) => normalizeName(n)).filter((n): n is string => n !== null);
    const states = names.length ? await deps.store.getNameStates(names) : new Map();
    const measures = [...states.values()].filter((st) => st.status !== 'active' && st.status !== 'absent' || st.locked)
      .map((st) => ({ name: st.name.replace(/\.$/, ''), status: st.status, locked: st.locked, since: st.updatedAt, until: st.until }));
    return { ...publicStatus(c, r, await deps.store.threatTimeline(c.id)), measures };
  });
}
