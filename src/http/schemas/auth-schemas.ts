// Sign-in, the caller, users and API tokens.
import { Type } from '@sinclair/typebox';
import { Localized, Nullable, ONE_LINE_PATTERN, strict } from './common-schemas.ts';
import { MIN_PASSWORD_LENGTH } from '../../auth/password-policy.ts';

const UserRoleT = Type.Union([Type.Literal('admin'), Type.Literal('duty-officer'), Type.Literal('viewer')]);

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 128 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, strict);

const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Nullable(Type.String()),
  org: Type.String(),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
}, strict);

export const LoginResult = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserView }, strict);

export const OrgView = Type.Object({
  id: Type.String(),
  role: Type.String(),
  name: Type.Optional(Localized),
  province: Type.Optional(Type.String()),
  grade: Type.Optional(Type.Integer()),
  licensedBy: Type.Optional(Type.String()),
}, strict);

export const Me = Type.Object({
  user: Type.Object({
    id: Type.String(), username: Type.String(), displayName: Nullable(Type.String()), org: Type.String(), roles: Type.Array(Type.String()),
  }, strict),
  org: OrgView,
  via: Type.String({ description: 'session | api-token | machine-token' }),
  mustChangePassword: Type.Boolean({ description: 'true: change the password first (POST /users/:id/password); every other call but /me and logout answers 403 with code PASSWORD_CHANGE_REQUIRED' }),
  visible: Type.Union([Type.Literal('all'), Type.Array(Type.String())], { description: 'organisations the caller sees' }),
  permissions: Type.Array(Type.String(), { description: 'access-core actions and the incident commands the caller may use somewhere in its scope' }),
}, strict);

export const UserList = Type.Object({ users: Type.Array(UserView) }, strict);

export const NewUserBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' }),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: ONE_LINE_PATTERN })),
  org: Type.Optional(Type.String({ maxLength: 64, description: "default: the caller's organisation" })),
  roles: Type.Array(UserRoleT, { minItems: 1, maxItems: 3, uniqueItems: true }),
  password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024, description: 'at least 12 characters; generated (and shown once) when absent' })),
}, strict);

export const NewUserResult = Type.Object({
  user: UserView,
  password: Type.Optional(Type.String({ description: 'the generated password, shown once' })),
}, strict);

export const NewTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: ONE_LINE_PATTERN }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
}, strict);

export const NewTokenResult = Type.Object({
  token: Type.String({ description: 'shown once; only its hash is stored' }),
  apiToken: Type.Object({ id: Type.String(), name: Type.String(), userId: Type.String(), createdAt: Type.String(), expiresAt: Nullable(Type.String()) }, strict),
}, strict);

// ---- account management: PATCH /users/:id, POST /users/:id/password, the user's API tokens ----

export { MIN_PASSWORD_LENGTH };

export const UserPatchBody = Type.Object({
  displayName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, pattern: ONE_LINE_PATTERN }))),
  roles: Type.Optional(Type.Array(UserRoleT, { minItems: 1, maxItems: 3, uniqueItems: true })),
  disabled: Type.Optional(Type.Boolean({ description: 'true also revokes the user\'s API tokens; their sessions stop working at once' })),
}, { ...strict, minProperties: 1 });

export const UserPatchResult = Type.Object({
  user: UserView,
  tokensRevoked: Type.Integer({ description: 'API tokens revoked by this change (disabling revokes them all)' }),
  token: Type.Optional(Type.String({ description: 'an admin changing their own account through a session: the session that replaces it (also set as the cookie)' })),
  expiresAt: Type.Optional(Type.String()),
}, { ...strict, description: "a change ends the account's sessions" });

export const PasswordBody = Type.Object({
  current: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'your current password (changing your own)' })),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024,
    description: `your new password: at least ${MIN_PASSWORD_LENGTH} characters, 5 different ones, not containing the username, not the current one` })),
}, { ...strict, description: 'yourself: {current, password}; an admin resetting another user: {} (a password is generated and shown once)' });

export const PasswordResult = Type.Object({
  ok: Type.Literal(true),
  password: Type.Optional(Type.String({ description: 'the generated password (admin reset), shown once' })),
  token: Type.Optional(Type.String({ description: 'changing your own password signs out your other sessions; this is your new session (also set as the cookie)' })),
  expiresAt: Type.Optional(Type.String()),
}, strict);

const ApiTokenView = Type.Object({
  id: Type.String(), name: Type.String(), createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()), expiresAt: Nullable(Type.String()), revokedAt: Nullable(Type.String()),
  active: Type.Boolean({ description: 'neither revoked nor expired' }),
  issuedBy: Nullable(Type.String({ description: 'the admin who minted it for this user; null: the user themself' })),
}, strict);

export const ApiTokenList = Type.Object({ tokens: Type.Array(ApiTokenView) }, { ...strict, description: 'never the token or its hash' });

export const TokenParam = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }),
  tokenId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }),
}, strict);
