// Users of the console and API: GET /users and POST /users for admins (the emergency office's admins
// for every organisation, other admins for their own), PATCH /users/:id (display name, roles,
// disabled) by those admins, POST /users/:id/password (yourself with the current password, or an
// admin's reset to a generated one), and a user's API tokens: issue (shown once), list, revoke — for
// the user themself or an admin. Password hashes and token hashes never leave the server.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import { decide } from '../../core/access/permissions.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { passwordProblems } from '../../auth/password-policy.ts';
import { revokeApiTokens } from '../../auth/credentials.ts';
import { LoginLimiter } from '../login-limiter.ts';
import { apiTokenActive, issueApiToken, SESSION_TTL_MS } from '../../auth/sessions.ts';
import { newPassword, newToken, tokenHash } from '../../auth/tokens.ts';
import type { ApiToken, User, UserPatch } from '../../store/store.ts';
import { actorId, authOf, cookieSecure, sessionCookie, type RequestAuth } from '../request-auth.ts';
import { HttpError, audit, check, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, Ok, SCOPED_ERRORS, strict } from '../schemas/common-schemas.ts';
import {
  ApiTokenList, MIN_PASSWORD_LENGTH, NewTokenBody, NewTokenResult, NewUserBody, NewUserResult, PasswordBody, PasswordResult,
  TokenParam, UserList, UserPatchBody, UserPatchResult,
} from '../schemas/auth-schemas.ts';
import { userView } from '../views.ts';
import { Type } from '@sinclair/typebox';

const tags = ['users'];
const security = [{ bearer: [] }];

/** The platform's one password policy (src/auth/password-policy.ts), also used by `dnswarden users`. */
export { passwordProblems };

function apiTokenView(t: ApiToken, now: string) {
  const { id, name, createdAt, lastUsedAt, expiresAt, revokedAt } = t;
  return { id, name, createdAt, lastUsedAt, expiresAt, revokedAt, active: apiTokenActive(t, now), issuedBy: t.issuedBy ?? null };
}

/** The user of `:id`, and whether the caller is that user (404 when unknown). */
async function targetUser(deps: AppDeps, auth: RequestAuth, id: string): Promise<{ user: User; self: boolean }> {
  const user = await deps.store.getUser(id);
  if (!user) throw notFound(`user ${id}`);
  return { user, self: auth.user?.id === user.id };
}

/**
 * Changing an account ends its sessions (request-auth.ts): when the caller changed their own account
 * through a session, a new session replaces it (cookie and token), so they stay signed in.
 */
async function renewOwnSession(deps: AppDeps, auth: RequestAuth, at: string, request: FastifyRequest, reply: FastifyReply):
Promise<{ token?: string; expiresAt?: string }> {
  if (auth.via !== 'session' || !auth.user) return {};
  const token = newToken();
  const ttlMs = deps.sessionTtlMs ?? SESSION_TTL_MS;
  const session = await deps.store.createSession({ tokenHash: tokenHash(token), userId: auth.user.id, createdAt: at, expiresAt: new Date(Date.parse(at) + ttlMs).toISOString() });
  await deps.store.revokeSession(tokenHash(auth.token), at);
  reply.header('set-cookie', sessionCookie(token, { secure: cookieSecure(request, deps.config), maxAgeSeconds: ttlMs / 1000 }));
  reply.header('cache-control', 'no-store');
  return { token, expiresAt: session.expiresAt };
}

/** The user themself, or an admin of their organisation (the office's admins: any). */
function selfOrAdmin(auth: RequestAuth, user: User, self: boolean): void {
  if (!self) check(auth.principal, 'users.manage', { kind: 'org', org: user.org }, `user ${user.id}`);
}

export async function usersRoutes(api: FastifyInstance, opts: { deps: AppDeps; limiter?: LoginLimiter }): Promise<void> {
  const { deps } = opts;
  const now = clock(deps.now);
  // Guessing the current password through a stolen session is throttled like guessing at sign-in.
  const limiter = opts.limiter ?? new LoginLimiter();

  api.get<{ Querystring: { org?: string } }>('/users', {
    schema: { summary: 'Users (admins: of their organisation; the emergency office: of any)', tags, security,
      querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 64 })) }, strict), response: { 200: UserList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const org = request.query.org;
    if (org === undefined && decide(p, 'users.manage', { kind: 'platform' }) === 'allow') {
      return { users: (await deps.store.listUsers()).map(userView) };
    }
    const target = org ?? p.org;
    check(p, 'users.manage', { kind: 'org', org: target }, `organisation ${target}`);
    return { users: (await deps.store.listUsers(target)).map(userView) };
  });

  api.post<{ Body: typeof NewUserBody.static }>('/users', {
    bodyLimit: 16 * 1024,
    schema: { summary: 'Create a user (a password is generated and shown once when none is given)', tags, security,
      body: NewUserBody, response: { 201: NewUserResult, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const b = request.body;
    const org = b.org ?? auth.principal.org;
    if (!deps.config.organizations.some((o) => o.id === org)) throw notFound(`organisation ${org}`);
    check(auth.principal, 'users.manage', { kind: 'org', org }, `organisation ${org}`);
    const weak = b.password === undefined ? [] : passwordProblems(b.password, b.username);
    if (weak.length > 0) throw new HttpError(400, `the password is too weak: ${weak.join('; ')}`, weak);
    const password = b.password ?? newPassword();
    const at = now();
    const user = await deps.store.createUser({
      org, username: b.username, displayName: b.displayName ?? null, passwordHash: await hashPassword(password, deps.scrypt), roles: [...b.roles], createdAt: at,
    });
    await audit(deps.store, auth, at, 'user.create', user.id, { username: user.username, org, roles: user.roles });
    return reply.code(201).send({ user: userView(user), ...(b.password ? {} : { password }) });
  });

  api.post<{ Params: { id: string }; Body: typeof NewTokenBody.static }>('/users/:id/tokens', {
    schema: { summary: 'Issue an API token for a user (shown once); for yourself, or as an admin', tags, security,
      params: IdParam, body: NewTokenBody, response: { 201: NewTokenResult, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const user = await deps.store.getUser(request.params.id);
    if (!user) throw notFound(`user ${request.params.id}`);
    const self = auth.user?.id === user.id && auth.via === 'session';
    if (!self) check(auth.principal, 'users.manage', { kind: 'org', org: user.org }, `user ${request.params.id}`);
    if (user.disabled) throw new HttpError(409, `user ${user.username} is disabled`);
    const at = now();
    if (request.body.expiresAt !== undefined && Date.parse(request.body.expiresAt) <= Date.parse(at)) throw new HttpError(400, 'expiresAt: must be in the future');
    // Minted by an admin for someone else: the token records its issuer, and every entry it writes says "on behalf of".
    const { token, apiToken } = await issueApiToken(deps.store, user.id, request.body.name,
      { now: at, expiresAt: request.body.expiresAt ?? null, issuedBy: self ? null : actorId(auth) });
    await audit(deps.store, auth, at, 'api-token.issue', user.id,
      { tokenId: apiToken.id, name: apiToken.name, expiresAt: apiToken.expiresAt, ...(self ? {} : { forUser: user.id }) });
    const { id, name, userId, createdAt, expiresAt } = apiToken;
    return reply.code(201).send({ token, apiToken: { id, name, userId, createdAt, expiresAt } });
  });

  api.patch<{ Params: { id: string }; Body: typeof UserPatchBody.static }>('/users/:id', {
    bodyLimit: 8 * 1024,
    schema: { summary: "Change a user's display name, roles or disabled state (admins of their organisation; the office's: any)", tags, security,
      params: IdParam, body: UserPatchBody, response: { 200: UserPatchResult, ...COMMAND_ERRORS } },
  }, async (request: FastifyRequest<{ Params: { id: string }; Body: typeof UserPatchBody.static }>, reply) => {
    const auth = authOf(request);
    const { user, self } = await targetUser(deps, auth, request.params.id);
    check(auth.principal, 'users.manage', { kind: 'org', org: user.org }, `user ${user.id}`);
    const b = request.body;
    if (self && b.disabled === true) throw new HttpError(409, 'you cannot disable your own account; ask another admin');
    if (self && b.roles && user.roles.includes('admin') && !b.roles.includes('admin')) {
      throw new HttpError(409, 'you cannot drop your own admin role; ask another admin');
    }
    const at = now();
    const patch: UserPatch = { updatedAt: at };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (b.displayName !== undefined && b.displayName !== user.displayName) { patch.displayName = b.displayName; changes.displayName = { from: user.displayName, to: b.displayName }; }
    if (b.roles && [...b.roles].sort().join() !== [...user.roles].sort().join()) { patch.roles = [...b.roles]; changes.roles = { from: user.roles, to: b.roles }; }
    if (b.disabled !== undefined && b.disabled !== user.disabled) { patch.disabled = b.disabled; changes.disabled = { from: user.disabled, to: b.disabled }; }
    if (Object.keys(changes).length === 0) return { user: userView(user), tokensRevoked: 0 };
    // Updating the account ends its sessions (request-auth refuses sessions older than the account's last change).
    const updated = await deps.store.updateUser(user.id, patch);
    // Disabling and role changes end the user's API tokens too (sessions end by the account change).
    const tokensRevoked = patch.disabled === true || patch.roles !== undefined ? await revokeApiTokens(deps.store, user.id, at) : 0;
    const action = patch.disabled === true ? 'user.disable' : patch.disabled === false ? 'user.enable' : 'user.update';
    await audit(deps.store, auth, at, action, user.id, { username: user.username, org: user.org, changes, tokensRevoked });
    return { user: userView(updated), tokensRevoked, ...(self ? await renewOwnSession(deps, auth, at, request, reply) : {}) };
  });

  api.post<{ Params: { id: string }; Body: typeof PasswordBody.static }>('/users/:id/password', {
    bodyLimit: 8 * 1024,
    schema: { summary: 'Change your password ({current, password}) or, as an admin of their organisation, reset a user\'s ({}: generated, shown once)',
      tags, security, params: IdParam, body: PasswordBody, response: { 200: PasswordResult, ...COMMAND_ERRORS, 429: COMMAND_ERRORS[409] } },
  }, async (request: FastifyRequest<{ Params: { id: string }; Body: typeof PasswordBody.static }>, reply) => {
    const auth = authOf(request);
    const { user, self } = await targetUser(deps, auth, request.params.id);
    const b = request.body;
    if (self) {
      if (b.current === undefined || b.password === undefined) throw new HttpError(400, 'send your current password and the new one: {current, password}');
      const key = LoginLimiter.key(user.username, request.ip);
      const wait = limiter.retryAfter(key, Date.now());
      if (wait > 0) return reply.code(429).header('retry-after', String(wait)).send({ error: `too many wrong current passwords; try again in ${wait} s`, statusCode: 429 });
      if (!(await verifyPassword(b.current, user.passwordHash))) {
        limiter.fail(key, Date.now());
        await audit(deps.store, auth, now(), 'user.password-refused', user.id, { reason: 'wrong current password' });
        throw new HttpError(403, 'the current password is wrong');
      }
      limiter.succeed(key);
      const problems = passwordProblems(b.password, user.username);
      if (b.password === b.current) problems.push('the new password must differ from the current one');
      if (problems.length > 0) throw new HttpError(400, `the new password is too weak: ${problems.join('; ')}`, problems);
      const at = now();
      await deps.store.updateUser(user.id, { passwordHash: await hashPassword(b.password, deps.scrypt), mustChangePassword: false, updatedAt: at });
      const tokensRevoked = await revokeApiTokens(deps.store, user.id, at);
      await audit(deps.store, auth, at, 'user.password', user.id, { by: 'self', tokensRevoked });
      return { ok: true as const, ...(await renewOwnSession(deps, auth, at, request, reply)) };
    }
    check(auth.principal, 'users.manage', { kind: 'org', org: user.org }, `user ${user.id}`);
    if (b.current !== undefined || b.password !== undefined) {
      throw new HttpError(400, "an admin resets another user's password with an empty body {}: a new one is generated and shown once");
    }
    const password = newPassword();
    const at = now();
    // The admin has seen the new password: the user must change it at the next sign-in; their API tokens end.
    await deps.store.updateUser(user.id, { passwordHash: await hashPassword(password, deps.scrypt), mustChangePassword: true, updatedAt: at });
    const tokensRevoked = await revokeApiTokens(deps.store, user.id, at);
    await audit(deps.store, auth, at, 'user.password-reset', user.id, { username: user.username, org: user.org, tokensRevoked });
    reply.header('cache-control', 'no-store');
    return { ok: true as const, password };
  });

  api.get<{ Params: { id: string } }>('/users/:id/tokens', {
    schema: { summary: "A user's API tokens (never the token): for the user themself or an admin of their organisation", tags, security,
      params: IdParam, querystring: Type.Object({}, strict), response: { 200: ApiTokenList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const { user, self } = await targetUser(deps, auth, request.params.id);
    selfOrAdmin(auth, user, self);
    const at = now();
    return { tokens: (await deps.store.listApiTokens(user.id)).map((t) => apiTokenView(t, at)) };
  });

  api.delete<{ Params: { id: string; tokenId: string } }>('/users/:id/tokens/:tokenId', {
    schema: { summary: "Revoke one of a user's API tokens: the user themself or an admin of their organisation", tags, security,
      params: TokenParam, response: { 200: Ok, ...COMMAND_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const { user, self } = await targetUser(deps, auth, request.params.id);
    selfOrAdmin(auth, user, self);
    const token = (await deps.store.listApiTokens(user.id)).find((t) => t.id === request.params.tokenId);
    if (!token) throw notFound(`API token ${request.params.tokenId}`);
    const at = now();
    await deps.store.revokeApiToken(token.id, at);
    await audit(deps.store, auth, at, 'api-token.revoke', user.id, { tokenId: token.id, name: token.name, alreadyRevoked: token.revokedAt !== null });
    return { ok: true as const };
  });
}
