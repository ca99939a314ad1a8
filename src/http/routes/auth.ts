// POST /auth/login (public), POST /auth/logout, GET /me. Login sets the console's session cookie
// (HttpOnly, SameSite=Strict, Path=/, Secure over https) and also returns the token for scripts.
// Unknown user and wrong password answer the same 401; repeated failures per username and client
// address answer 429 for a while. Every login, failure and logout is audited.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { ACTIONS, type Action, type Principal } from '../../core/access/access-types.ts';
import { PERMISSIONS } from '../../core/access/permissions.ts';
import { COMMAND_ACTIONS } from '../../daemon/incident-authorize.ts';
import { login, logout, SESSION_TTL_MS } from '../../auth/sessions.ts';
import { tokenHash } from '../../auth/tokens.ts';
import { LoginLimiter } from '../login-limiter.ts';
import { authOf, sessionCookie } from '../request-auth.ts';
import { audit, clock } from '../route-helpers.ts';
import { Ok, Problem, strict } from '../schemas/common-schemas.ts';
import { LoginBody, LoginResult, Me } from '../schemas/auth-schemas.ts';
import { orgView, userView } from '../views.ts';
import { Type } from '@sinclair/typebox';

/** Console-facing names for rights that the access core calls otherwise. */
const ALIASES: Record<string, Action> = { 'warning.write': 'warning.issue', 'drill.write': 'drill.run', 'contacts.drill': 'drill.run' };

/** What the caller may do somewhere in its scope (the console shows or hides controls by it; the routes decide per resource). */
export function permissionsOf(p: Principal): string[] {
  const held = new Set<string>(ACTIONS.filter((a) => PERMISSIONS[a].some((rule) =>
    rule.orgRoles.includes(p.orgRole) && p.roles.some((r) => rule.userRoles.includes(r)))));
  for (const [command, actions] of Object.entries(COMMAND_ACTIONS)) if (actions.some((a) => held.has(a))) held.add(command);
  for (const [alias, action] of Object.entries(ALIASES)) if (held.has(action)) held.add(alias);
  return [...held].sort();
}

export async function authRoutes(api: FastifyInstance, opts: { deps: AppDeps; limiter?: LoginLimiter }): Promise<void> {
  const { deps } = opts;
  const limiter = opts.limiter ?? new LoginLimiter();
  const now = clock(deps.now);
  const ttlMs = deps.sessionTtlMs ?? SESSION_TTL_MS;

  api.post<{ Body: typeof LoginBody.static }>('/auth/login', {
    config: { public: true },
    bodyLimit: 8 * 1024,
    schema: {
      summary: 'Sign in: a session token (also set as the dw_session cookie)', tags: ['auth'], body: LoginBody,
      response: { 200: LoginResult, 400: Problem, 401: Problem, 413: Problem, 429: Problem },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const key = LoginLimiter.key(username, request.ip);
    const at = now();
    const wait = limiter.retryAfter(key, Date.parse(at));
    if (wait > 0) {
      await deps.store.appendAudit({ at, actor: 'anonymous', action: 'login.throttled', target: null, detail: { username, ip: request.ip } });
      return reply.code(429).header('retry-after', String(wait)).send({ error: `too many failed sign-ins; try again in ${wait} s`, statusCode: 429 });
    }
    const result = await login(deps.store, username, password, { now: at, ttlMs });
    if (!result) {
      limiter.fail(key, Date.parse(at));
      await deps.store.appendAudit({ at, actor: 'anonymous', action: 'login.failed', target: null, detail: { username, ip: request.ip } });
      return reply.code(401).send({ error: 'unknown username or wrong password', statusCode: 401 });
    }
    limiter.succeed(key);
    await deps.store.appendAudit({ at, actor: result.user.id, action: 'login', org: result.user.org, target: result.user.id, detail: { ip: request.ip } });
    reply.header('set-cookie', sessionCookie(result.token, { secure: request.protocol === 'https', maxAgeSeconds: ttlMs / 1000 }));
    reply.header('cache-control', 'no-store');
    return { token: result.token, expiresAt: result.session.expiresAt, user: userView(result.user) };
  });

  api.post('/auth/logout', {
    schema: { summary: 'Sign out: revokes the session and clears the cookie', tags: ['auth'], security: [{ bearer: [] }],
      response: { 200: Ok, 401: Problem } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const at = now();
    if (auth.via === 'session') await logout(deps.store, auth.token, at);
    await audit(deps.store, auth, at, 'logout', auth.user?.id ?? null, { via: auth.via, ...(auth.via === 'session' ? { session: tokenHash(auth.token).slice(0, 16) } : {}) });
    reply.header('set-cookie', sessionCookie(null, { secure: request.protocol === 'https' }));
    return { ok: true as const };
  });

  api.get('/me', {
    schema: { summary: 'The caller: user, organisation, what they see and may do', tags: ['auth'], security: [{ bearer: [] }],
      querystring: Type.Object({}, strict), response: { 200: Me, 401: Problem } },
  }, async (request) => {
    const { principal: p, user, via } = authOf(request);
    const org = deps.config.organizations.find((o) => o.id === p.org);
    return {
      user: user ? { id: user.id, username: user.username, displayName: user.displayName, org: user.org, roles: p.roles }
        : { id: p.userId ?? 'token:http', username: p.username ?? 'token:http', displayName: 'machine token (http.token)', org: p.org, roles: p.roles },
      org: org ? orgView(org) : { id: p.org, role: p.orgRole },
      via,
      visible: p.visible === 'all' ? 'all' as const : [...p.visible].sort(),
      permissions: permissionsOf(p),
    };
  });
}
