// Managing accounts over a real socket: PATCH /users/:id (roles, disabled) with its refusals, the
// password change of a user and an admin's reset, and a user's API tokens (list, revoke). Expected
// answers follow the brief: admins of the user's organisation (the office's admins: any) manage it,
// outside the caller's sight is 404, inside but not allowed 403, an admin cannot lock themself out (409).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { buildWorld, PASSWORD, type World } from './http-access-fixtures.ts';
import { passwordProblems } from '../src/http/routes/users.ts';

let world: World;
let base: string;

before(async () => {
  world = await buildWorld();
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}/api/v1`;
});
after(async () => { await world.close(); });

interface Reply { status: number; json: any; cookie: string | null }

async function call(token: string | null, method: string, path: string, body?: unknown): Promise<Reply> {
  world.clock.advance(1000); // every step a second later: sessions and account changes are ordered
  const res = await fetch(`${base}${path}`, {
    method, signal: AbortSignal.timeout(10_000),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, cookie: res.headers.get('set-cookie') };
}

async function login(username: string, password = PASSWORD): Promise<string> {
  const r = await call(null, 'POST', '/auth/login', { username, password });
  assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.json)}`);
  return r.json.token;
}

/** A fresh user created by the office admin (the matrix users stay untouched for other checks). */
async function newUser(username: string, org: string, roles: string[]): Promise<{ id: string; password: string }> {
  const r = await call(await login('office-admin'), 'POST', '/users', { username, org, roles, password: `${PASSWORD} #${username.length}` });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return { id: r.json.user.id, password: `${PASSWORD} #${username.length}` };
}

async function auditActions(target: string): Promise<string[]> {
  return (await world.store.auditEntries(1, 5000)).filter((e) => e.target === target).map((e) => e.action);
}

test('PATCH /users/:id: admins of the organisation and the office admins; others 403 inside their sight, 404 outside', async () => {
  const u = await newUser('reg-patch', 'registry', ['viewer']);
  const expected: Array<[string, number]> = [
    ['registry-admin', 200], ['office-admin', 200], ['registry', 403], ['registry-viewer', 403], ['office', 403], ['big-dns', 404], ['bj', 404],
  ];
  for (const [who, status] of expected) {
    const r = await call(await login(who), 'PATCH', `/users/${u.id}`, { displayName: `set by ${who}` });
    assert.equal(r.status, status, `${who}: ${JSON.stringify(r.json)}`);
  }
  const admin = await login('registry-admin');
  const r = await call(admin, 'PATCH', `/users/${u.id}`, { roles: ['duty-officer', 'viewer'] });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.user.roles, ['duty-officer', 'viewer']);
  assert.equal(r.json.user.passwordHash, undefined);
  assert.equal((await call(admin, 'PATCH', `/users/${u.id}`, {})).status, 400, 'an empty change');
  assert.equal((await call(admin, 'PATCH', `/users/${u.id}`, { roles: ['root'] })).status, 400, 'an unknown role');
  assert.equal((await call(admin, 'PATCH', '/users/no-such-user', { disabled: true })).status, 404);
  assert.equal((await call(await login('registry-viewer'), 'GET', '/users')).status, 403, 'a viewer lists no users');
  const actions = await auditActions(u.id);
  assert.equal(actions.filter((a) => a === 'user.update').length, 3, actions.join());
});

test('an admin cannot disable themself or drop their own admin role (409 with the reason)', async () => {
  const admin = await login('registry-admin');
  const disable = await call(admin, 'PATCH', `/users/${world.userIds['registry-admin']}`, { disabled: true });
  assert.equal(disable.status, 409);
  assert.match(disable.json.error, /your own account/);
  const drop = await call(admin, 'PATCH', `/users/${world.userIds['registry-admin']}`, { roles: ['duty-officer'] });
  assert.equal(drop.status, 409);
  assert.match(drop.json.error, /own admin role/);
  assert.equal((await call(admin, 'GET', '/me')).status, 200, 'still signed in, still admin');
  assert.deepEqual((await world.store.getUser(world.userIds['registry-admin']))!.roles, ['admin']);
  // Editing your own account ends your sessions, but this one is replaced: you stay signed in.
  const own = await call(admin, 'PATCH', `/users/${world.userIds['registry-admin']}`, { roles: ['admin', 'duty-officer'] });
  assert.equal(own.status, 200);
  assert.match(String(own.cookie), /^dw_session=/);
  assert.equal((await call(admin, 'GET', '/me')).status, 401, 'the old session ended');
  assert.deepEqual((await call(own.json.token, 'GET', '/me')).json.user.roles, ['admin', 'duty-officer']);
  assert.equal((await call(own.json.token, 'PATCH', `/users/${world.userIds['registry-admin']}`, { roles: ['admin'] })).status, 200);
});

test('disabling refuses the user at the next request, revokes their API tokens; enabling does not revive old sessions', async () => {
  const u = await newUser('reg-disable', 'registry', ['duty-officer']);
  const session = await login('reg-disable', u.password);
  const issued = await call(session, 'POST', `/users/${u.id}/tokens`, { name: 'script' });
  assert.equal(issued.status, 201);
  assert.equal((await call(issued.json.token, 'GET', '/me')).status, 200, 'the API token works before');
  assert.equal((await call(session, 'GET', '/incidents')).status, 200);

  const admin = await login('registry-admin');
  const off = await call(admin, 'PATCH', `/users/${u.id}`, { disabled: true });
  assert.equal(off.status, 200, JSON.stringify(off.json));
  assert.equal(off.json.user.disabled, true);
  assert.equal(off.json.tokensRevoked, 1);
  assert.equal((await call(session, 'GET', '/incidents')).status, 401, 'the session is refused on the next request');
  assert.equal((await call(issued.json.token, 'GET', '/me')).status, 401, 'the API token is revoked');
  assert.equal((await call(null, 'POST', '/auth/login', { username: 'reg-disable', password: u.password })).status, 401);
  const listed = await call(admin, 'GET', `/users/${u.id}/tokens`);
  assert.equal(listed.json.tokens[0].active, false);
  assert.ok(listed.json.tokens[0].revokedAt);

  assert.equal((await call(admin, 'PATCH', `/users/${u.id}`, { disabled: false })).status, 200);
  assert.equal((await call(session, 'GET', '/me')).status, 401, 'enabling again does not revive the old session');
  assert.equal((await call(await login('reg-disable', u.password), 'GET', '/me')).status, 200, 'a new sign-in works');
  const actions = await auditActions(u.id);
  assert.ok(actions.includes('user.disable') && actions.includes('user.enable'), actions.join());
});

test('guessing the current password is throttled like sign-in (429 after 10 wrong tries)', async () => {
  const u = await newUser('reg-guess', 'registry', ['viewer']);
  const session = await login('reg-guess', u.password);
  const path = `/users/${u.id}/password`;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await call(session, 'POST', path, { current: `guess ${i}`, password: 'a much better passphrase 42' })).status);
  assert.deepEqual(statuses, [...Array(10).fill(403), 429]);
  const right = await call(session, 'POST', path, { current: u.password, password: 'a much better passphrase 42' });
  assert.equal(right.status, 429, 'even the right password waits until the window passes');
});

test('changing your own password: wrong current 403, weak 400 with the rule, then only the new one signs in', async () => {
  const u = await newUser('reg-passwd', 'registry', ['viewer']);
  const session = await login('reg-passwd', u.password);
  const other = await login('reg-passwd', u.password);
  const path = `/users/${u.id}/password`;
  const wrong = await call(session, 'POST', path, { current: 'not my password', password: 'a much better passphrase 42' });
  assert.equal(wrong.status, 403);
  const weak = await call(session, 'POST', path, { current: u.password, password: 'short' });
  assert.equal(weak.status, 400);
  assert.ok(weak.json.problems.some((p: string) => /at least 12 characters/.test(p)), JSON.stringify(weak.json));
  const named = await call(session, 'POST', path, { current: u.password, password: 'xx-reg-passwd-xx-2026' });
  assert.equal(named.status, 400);
  assert.ok(named.json.problems.some((p: string) => /username/.test(p)));
  assert.equal((await call(session, 'POST', path, { password: 'a much better passphrase 42' })).status, 400, 'the current password is required');

  const ok = await call(session, 'POST', path, { current: u.password, password: 'a much better passphrase 42' });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.password, undefined, 'nothing generated');
  assert.match(String(ok.cookie), /^dw_session=[A-Za-z0-9_-]{43}; HttpOnly/);
  assert.equal((await call(ok.json.token, 'GET', '/me')).status, 200, 'the new session works');
  assert.equal((await call(session, 'GET', '/me')).status, 401, 'the session that changed it was replaced');
  assert.equal((await call(other, 'GET', '/me')).status, 401, 'other sessions are signed out');
  assert.equal((await call(null, 'POST', '/auth/login', { username: 'reg-passwd', password: u.password })).status, 401, 'the old password fails');
  await login('reg-passwd', 'a much better passphrase 42');
  assert.ok((await auditActions(u.id)).includes('user.password'));
  assert.ok((await auditActions(u.id)).includes('user.password-refused'));
});

test("an admin resets another user's password to a generated one (shown once); others may not", async () => {
  const u = await newUser('reg-reset', 'registry', ['duty-officer']);
  const path = `/users/${u.id}/password`;
  assert.equal((await call(await login('registry'), 'POST', path, {})).status, 403, 'a duty officer of the same organisation');
  assert.equal((await call(await login('big-dns'), 'POST', path, {})).status, 404, 'another organisation');
  const admin = await login('registry-admin');
  assert.equal((await call(admin, 'POST', path, { password: 'chosen by the admin 123' })).status, 400, 'admins do not choose passwords');
  const reset = await call(admin, 'POST', path, {});
  assert.equal(reset.status, 200);
  assert.equal(typeof reset.json.password, 'string');
  assert.ok(reset.json.password.length >= 20);
  assert.equal((await call(null, 'POST', '/auth/login', { username: 'reg-reset', password: u.password })).status, 401);
  await login('reg-reset', reset.json.password);
  assert.ok((await auditActions(u.id)).includes('user.password-reset'));
  const entry = (await world.store.auditEntries(1, 5000)).find((e) => e.action === 'user.password-reset' && e.target === u.id);
  assert.ok(!JSON.stringify(entry).includes(reset.json.password), 'the audit never holds the password');
});

test("a user's API tokens: listed without secrets to the user and their admins, revoked by either", async () => {
  const u = await newUser('reg-tokens', 'registry', ['viewer']);
  const session = await login('reg-tokens', u.password);
  const a = await call(session, 'POST', `/users/${u.id}/tokens`, { name: 'first' });
  const b = await call(session, 'POST', `/users/${u.id}/tokens`, { name: 'second' });
  assert.equal((await call(a.json.token, 'GET', '/me')).status, 200);

  const listed = await call(session, 'GET', `/users/${u.id}/tokens`);
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.json.tokens.map((t: any) => t.name).sort(), ['first', 'second']);
  const text = JSON.stringify(listed.json);
  assert.ok(!text.includes(a.json.token) && !text.includes('tokenHash'), 'no secrets');
  assert.ok(listed.json.tokens.find((t: any) => t.name === 'first').lastUsedAt, 'last use is shown');
  assert.equal((await call(await login('registry-admin'), 'GET', `/users/${u.id}/tokens`)).status, 200);
  assert.equal((await call(await login('office-admin'), 'GET', `/users/${u.id}/tokens`)).status, 200);
  assert.equal((await call(await login('registry'), 'GET', `/users/${u.id}/tokens`)).status, 403);
  assert.equal((await call(await login('big-dns'), 'GET', `/users/${u.id}/tokens`)).status, 404);
  assert.equal((await call(await login('big-dns'), 'DELETE', `/users/${u.id}/tokens/${a.json.apiToken.id}`)).status, 404);

  assert.equal((await call(session, 'DELETE', `/users/${u.id}/tokens/${a.json.apiToken.id}`)).status, 200);
  assert.equal((await call(a.json.token, 'GET', '/me')).status, 401, 'revoked');
  assert.equal((await call(await login('registry-admin'), 'DELETE', `/users/${u.id}/tokens/${b.json.apiToken.id}`)).status, 200);
  assert.equal((await call(b.json.token, 'GET', '/me')).status, 401);
  assert.equal((await call(session, 'DELETE', `/users/${u.id}/tokens/no-such-token`)).status, 404);
  const other = await call(session, 'DELETE', `/users/${world.userIds.registry}/tokens/${a.json.apiToken.id}`);
  assert.equal(other.status, 403, "another user's tokens are not yours to revoke");
  assert.equal((await auditActions(u.id)).filter((x) => x === 'api-token.revoke').length, 2);
  assert.equal((await call(session, 'GET', '/me')).status, 200, 'revoking tokens leaves the session alone');
});

test('the new routes and bodies appear in the OpenAPI document', async () => {
  const doc = (await call(await login('office'), 'GET', '/openapi.json')).json;
  assert.ok(doc.paths['/api/v1/users/{id}'].patch, Object.keys(doc.paths).join());
  assert.ok(doc.paths['/api/v1/users/{id}/password'].post);
  assert.ok(doc.paths['/api/v1/users/{id}/tokens'].get);
  assert.ok(doc.paths['/api/v1/users/{id}/tokens/{tokenId}'].delete);
  const body = doc.paths['/api/v1/users/{id}'].patch.requestBody.content['application/json'].schema;
  assert.deepEqual(Object.keys(body.properties).sort(), ['disabled', 'displayName', 'roles']);
});

test('passwordProblems states each rule it finds broken', () => {
  assert.deepEqual(passwordProblems('a long enough passphrase', 'zoe'), []);
  assert.equal(passwordProblems('aaaaaaaaaaaaaaaa', 'zoe').length, 1);
  assert.equal(passwordProblems('zoe', 'zoe').length, 3);
  assert.deepEqual(passwordProblems('我的密码很长而且不一样啊', 'zoe'), [], 'characters, not bytes');
});
