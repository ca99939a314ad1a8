// Users of the console and API: GET /users and POST /users for admins (the emergency office's admins
// for every organisation, other admins for their own), POST /users/:id/tokens issues an API token
// (shown once) to the user themself or by an admin. Password hashes never leave the server.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { decide } from '../../core/access/permissions.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { issueApiToken } from '../../auth/sessions.ts';
import { newPassword } from '../../auth/tokens.ts';
import { authOf } from '../request-auth.ts';
import { HttpError, audit, check, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, SCOPED_ERRORS, strict } from '../schemas/common-schemas.ts';
import { NewTokenBody, NewTokenResult, NewUserBody, NewUserResult, UserList } from '../schemas/auth-schemas.ts';
import { userView } from '../views.ts';
import { Type } from '@sinclair/typebox';

const tags = ['users'];
const security = [{ bearer: [] }];

export async function usersRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const now = clock(deps.now);

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
    const { token, apiToken } = await issueApiToken(deps.store, user.id, request.body.name, { now: at, expiresAt: request.body.expiresAt ?? null });
    await audit(deps.store, auth, at, 'api-token.issue', user.id, { tokenId: apiToken.id, name: apiToken.name, expiresAt: apiToken.expiresAt });
    const { id, name, userId, createdAt, expiresAt } = apiToken;
    return reply.code(201).send({ token, apiToken: { id, name, userId, createdAt, expiresAt } });
  });
}
