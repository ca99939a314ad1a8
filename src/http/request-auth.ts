// Who is calling /api/v1: one onRequest hook resolves a Principal from `Authorization: Bearer <token>`
// (a console session, an API token, or the configuration's http.token machine credential) or from
// the console's `dw_session` cookie (a session older than its account's last change is refused by
// `authenticate`).
// Routes marked `config: { public: true }` (login, the contact-drill acknowledgement) skip it.
// Anything else without a valid credential answers 401 JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Principal } from '../core/access/access-types.ts';
import { principalFor } from '../core/access/visibility.ts';
import { authenticate } from '../auth/sessions.ts';
import type { Store, User } from '../store/store.ts';
import { auditContext } from '../store/audit-context.ts';
import { bearerToken, tokenMatches } from './auth.ts';

const SESSION_COOKIE = 'dw_session';
/** The audit actor and username of the configuration's machine token. */
const MACHINE_ACTOR = 'token:http';

export interface RequestAuth {
  principal: Principal;
  /** null for the machine token. */
  user: User | null;
  via: 'session' | 'api-token' | 'machine-token';
  /** The clear token that authenticated the request (logout revokes it). */
  token: string;
  /** Where the credential came from: the cookie is what a browser sends by itself (CSRF check). */
  source?: 'bearer' | 'cookie';
  /** An API token minted for this user by someone else (an admin): that person's user id. */
  issuedBy?: string;
}

declare module 'fastify' {
  interface FastifyRequest { auth: RequestAuth | null }
  interface FastifyContextConfig { public?: boolean }
}

/** Cookie header → name/value pairs (RFC 6265 syntax; malformed pairs are skipped, values kept as sent). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof header !== 'string' || header.length > 8192) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

/** The Set-Cookie value of a session (or of its removal when token is null). */
export function sessionCookie(token: string | null, opts: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${SESSION_COOKIE}=${token ?? ''}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
  parts.push(token === null ? 'Max-Age=0' : `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds ?? 0))}`);
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * The machine token acts as a read-only viewer of the first emergency-office organisation (it sees
 * everything and changes nothing). A configuration without an emergency office gets the same rights
 * under the pseudo-organisation 'http.token'.
 */
function machinePrincipal(config: Pick<ResolvedConfig, 'organizations' | 'systems'>): Principal | null {
  const office = config.organizations.find((o) => o.role === 'emergency-office');
  if (!office) return { userId: MACHINE_ACTOR, username: MACHINE_ACTOR, org: 'http.token', orgRole: 'emergency-office', province: null, roles: ['viewer'], visible: 'all' };
  return principalFor({ id: MACHINE_ACTOR, username: MACHINE_ACTOR, org: office.id, roles: ['viewer'] }, config.organizations, config.systems);
}

function credentialWithSource(request: FastifyRequest): { token: string; source: 'bearer' | 'cookie' } | null {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer) return { token: bearer, source: 'bearer' };
  const cookie = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  return cookie && /^[\x21-\x7e]{1,256}$/.test(cookie) ? { token: cookie, source: 'cookie' } : null;
}

/** Session cookies are Secure over https, and always when the server has http.tls or sits behind a trusted proxy. */
export function cookieSecure(request: FastifyRequest, config: Pick<ResolvedConfig, 'http'>): boolean {
  return request.protocol === 'https' || config.http.tls !== undefined || config.http.trustProxy === true;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A cookie-authenticated write from another origin (a sibling site is "same-site", so SameSite=Strict
 * does not stop it): the foreign Origin (or Sec-Fetch-Site), or null when the request is from the console itself.
 */
function foreignOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string') return origin === `${request.protocol}://${request.host}` ? null : origin.slice(0, 200);
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site' ? `Sec-Fetch-Site: ${site}` : null;
}

/** What a user who must change their password may still call: /me, logout, and changing their own password. */
function allowedBeforePasswordChange(request: FastifyRequest, userId: string): boolean {
  const url = request.routeOptions.url ?? '';
  if (url.endsWith('/me') || url.endsWith('/auth/logout')) return true;
  return url.endsWith('/users/:id/password') && (request.params as { id?: string } | undefined)?.id === userId;
}

export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/** A JSON error that keeps fields the route's response schema would drop (code). */
function sendRaw(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').serializer((p: unknown) => JSON.stringify(p)).send(body);
}

export interface AuthDeps {
  config: ResolvedConfig;
  token: string | undefined;
  store: Pick<Store, 'getSession' | 'getUser' | 'getApiToken' | 'touchApiToken' | 'getUserByUsername' | 'createSession' | 'revokeSession' | 'createApiToken'>;
  now?: () => Date;
}

/** Resolves the caller, or null. */
export async function resolveAuth(deps: AuthDeps, token: string | null): Promise<RequestAuth | null> {
  if (!token) return null;
  if (tokenMatches(token, deps.token)) {
    const principal = machinePrincipal(deps.config);
    return principal ? { principal, user: null, via: 'machine-token', token } : null;
  }
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const who = await authenticate(deps.store, token, now);
  if (!who) return null;
  const principal = principalFor(who.user, deps.config.organizations, deps.config.systems);
  return principal ? { principal, user: who.user, via: who.via, token, ...(who.issuedBy ? { issuedBy: who.issuedBy } : {}) } : null;
}

export function unauthorized(reply: FastifyReply): FastifyReply {
  reply.header('www-authenticate', 'Bearer realm="dnswarden"');
  return reply.code(401).send({ error: 'missing or invalid bearer token', statusCode: 401 });
}

/** The onRequest hook of /api/v1. */
export function requireAuth(deps: AuthDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.auth = null;
    if (request.routeOptions.config?.public) return;
    const credential = credentialWithSource(request);
    const auth = await resolveAuth(deps, credential?.token ?? null);
    if (!auth) {
      await unauthorized(reply);
      return;
    }
    auth.source = credential?.source;
    if (auth.source === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const foreign = foreignOrigin(request);
      if (foreign !== null) {
        await sendRaw(reply, 403, { error: `cross-origin request refused (${foreign})`, statusCode: 403, code: 'FOREIGN_ORIGIN' });
        return;
      }
    }
    if (auth.user?.mustChangePassword && !allowedBeforePasswordChange(request, auth.user.id)) {
      await sendRaw(reply, 403, {
        error: 'change your password first: the first sign-in uses a printed password / 请先修改初始密码', statusCode: 403, code: PASSWORD_CHANGE_REQUIRED,
      });
      return;
    }
    request.auth = auth;
  };
}

/** Runs the rest of the request inside an audit context when an admin's token acts for a user (audit-context.ts). */
export function auditScope(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  const auth = request.auth;
  if (auth?.issuedBy && auth.user) auditContext.run({ onBehalfOf: { issuer: auth.issuedBy, user: auth.user.id } }, done);
  else done();
}

/** The caller of a route behind requireAuth (throws if the hook did not run: a wiring bug). */
export function authOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new Error('route reached without authentication');
  return request.auth;
}

/** The audit actor of the caller: the user id, or token:http. */
export function actorId(auth: RequestAuth): string {
  return auth.user?.id ?? MACHINE_ACTOR;
}
