// POST /auth/login (public), POST /auth/logout, GET /me. Login sets the console's session cookie
// (HttpOnly, SameSite=Strict, Path=/, Secure over https) and also returns the token for scripts.
// Unknown user and wrong password answer the same 401; repeated failures per username and client
// address answer 429 for a while; the hash gate and rate limits of login-guard.ts come first. Every
// login, failure and logout is audited (throttling once per lockout window).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { ACTIONS, type Action, type Principal } from '../../core/access/access-types.ts';
import { PERMISSIONS } from '../../core/access/permissions.ts';
import { COMMAND_ACTIONS } from '../../daemon/incident-authorize.ts';
import { login, logout, SESSION_TTL_MS } from '../../auth/sessions.ts';
import { tokenHash } from '../../auth/tokens.ts';
import { LoginGuard, type Refusal } from '../login-guard.ts';
import { authOf, cookieSecure, sessionCookie } from '../request-auth.ts';
import { audit, clock } from '../route-helpers.ts';
import { Ok, Problem, strict } from '../schemas/common-schemas.ts';
import { LoginBody, LoginResult, Me } from '../schemas/auth-schemas.ts';
import { orgView, userView } from '../views.ts';
import { Type } from '@sinclair/typebox';

/** Console-facing names for rights that the access core calls otherwise. */
const ALIASES: Record<string, Action> = { 'warning.write': 'warning.issue', 'drill.write': 'drill.run', 'contacts.drill': 'drill.run' };

/** What the caller may do somewhere in its scope (the console shows or hides controls by it; the routes decide per resource). */
function permissionsOf(p: Principal): string[] {
  const held = new Set<string>(ACTIONS.filter((a) => PERMISSIONS[a].some((rule) =>
    rule.orgRoles.includes(p.orgRole) && p.roles.some((r) => rule.userRoles.includes(r)))));
  for (const [command, actions] of Object.entries(COMMAND_ACTIONS)) if (actions.some((a) => held.has(a))) held.add(command);
  for (const [alias, action] of Object.entries(ALIASES)) if (held.has(action)) held.add(alias);
  return [...held].sort();
}

/** A full hash gate as a refusal: 503 when the server is busy, 429 when this address already hashes enough. */
function gateRefusal(entered: 'ok' | 'busy' | 'address-busy'): Refusal | null {
  if (entered === 'ok') return null;
  return { status: entered === 'busy' ? 503 : 429, retryAfter: entered === 'busy' ? 2 : 1, reason: entered, first: false, count: 1, failures: 0 };
}

export async function authRoutes(api: FastifyInstance, opts: { deps: AppDeps; guard?: LoginGuard }): Promise<void> {
  const { deps } = opts;
  const guard = opts.guard ?? deps.loginGuard ?? new LoginGuard();
  const now = clock(deps.now);
  const ttlMs = deps.sessionTtlMs ?? SESSION_TTL_MS;

  api.post<{ Body: typeof LoginBody.static }>('/auth/login', {
    config: { public: true },
    bodyLimit: 8 * 1024,
    schema: {
      summary: 'Sign in: a session token (also set as the dw_session cookie)', tags: ['auth'], body: LoginBody,
      response: { 200: LoginResult, 400: Problem, 401: Problem, 413: Problem, 429: Problem, 503: Problem },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const ip = request.ip;
    const at = now();
    const nowMs = Date.parse(at);
    // Rate, lockout and backoff before any hashing; one audit entry per lockout window.
    const refused = guard.check(username, ip, nowMs) ?? gateRefusal(guard.gate.tryEnter(ip));
    if (refused) {
      if (refused.first) {
        await deps.store.appendAudit({ at, actor: 'anonymous', action: 'login.throttled', target: null,
          detail: { username, ip, reason: refused.reason, failures: refused.failures, retryAfter: refused.retryAfter } });
      }
      const msg = refused.status === 503 ? 'too many sign-ins in progress; try again shortly' : `too many sign-in attempts; try again in ${refused.retryAfter} s`;
      return reply.code(refused.status).header('retry-after', String(refused.retryAfter)).send({ error: msg, statusCode: refused.status });
    }
    const result = await guard.gate.run(ip, () => login(deps.store, username, password, { now: at, ttlMs }));
    if (!result) {
      guard.failed(username, ip, nowMs);
      await deps.store.appendAudit({ at, actor: 'anonymous', action: 'login.failed', target: null, detail: { username, ip } });
      return reply.code(401).send({ error: 'unknown username or wrong password', statusCode: 401 });
    }
    guard.succeeded(username, ip);
    await deps.store.appendAudit({ at, actor: result.user.id, action: 'login', org: result.user.org, target: result.user.id, detail: { ip } });
    reply.header('set-cookie', sessionCookie(result.token, { secure: cookieSecure(request, deps.config), maxAgeSeconds: ttlMs / 1000 }));
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
    reply.header('set-cookie', sessionCookie(null, { secure: cookieSecure(request, deps.config) }));
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
      // The console shows only the password form until it is changed (other calls answer 403 PASSWORD_CHANGE_REQUIRED).
      mustChangePassword: user?.mustChangePassword === true,
      visible: p.visible === 'all' ? 'all' as const : [...p.visible].sort(),
      permissions: permissionsOf(p),
    };
  });
}
