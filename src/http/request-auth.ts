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
import { bearerToken, tokenMatches } from './auth.ts';

export const SESSION_COOKIE = 'dw_session';
/** The audit actor and username of the configuration's machine token. */
export const MACHINE_ACTOR = 'token:http';

export interface RequestAuth {
  principal: Principal;
  /** null for the machine token. */
  user: User | null;
  via: 'session' | 'api-token' | 'machine-token';
  /** The clear token that authenticated the request (logout revokes it). */
  token: string;
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
export function machinePrincipal(config: Pick<ResolvedConfig, 'organizations' | 'systems'>): Principal | null {
  const office = config.organizations.find((o) => o.role === 'emergency-office');
  if (!office) return { userId: MACHINE_ACTOR, username: MACHINE_ACTOR, org: 'http.token', orgRole: 'emergency-office', province: null, roles: ['viewer'], visible: 'all' };
  return principalFor({ id: MACHINE_ACTOR, username: MACHINE_ACTOR, org: office.id, roles: ['viewer'] }, config.organizations, config.systems);
}

/** The credential of a request: the bearer token first, else the session cookie. */
export function credentialOf(request: FastifyRequest): string | null {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer) return bearer;
  const cookie = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  return cookie && /^[\x21-\x7e]{1,256}$/.test(cookie) ? cookie : null;
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
  return principal ? { principal, user: who.user, via: who.via, token } : null;
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
    const auth = await resolveAuth(deps, credentialOf(request));
    if (!auth) {
      await unauthorized(reply);
      return;
    }
    request.auth = auth;
  };
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
