// The API around the response process: users, hostile bodies, the OpenAPI document, and the API
// without the incident service. The process itself: http-response.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { worldForFile } from './http-access-fixtures.ts';

const shared = worldForFile();
const call = shared.call;

test('users: admins create users (password shown once, never the hash); duplicates 409', async () => {
  const created = await call('registry-admin', 'POST', '/users', { username: 'reg-night', displayName: '夜班', roles: ['duty-officer'] });
  assert.equal(created.status, 201);
  assert.match(created.json.password, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(created.json.user.passwordHash, undefined);
  const login = await shared.world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reg-night', password: created.json.password } });
  assert.equal(login.statusCode, 200);
  assert.equal((await call('registry-admin', 'POST', '/users', { username: 'reg-night', roles: ['viewer'] })).status, 409);
  assert.equal((await call('registry-admin', 'POST', '/users', { username: 'x', roles: ['root'] })).status, 400);
  assert.equal((await call('registry-admin', 'POST', '/users', { username: 'y', roles: ['viewer'], password: 'short' })).status, 400);
  const list = await call('registry-admin', 'GET', '/users');
  assert.ok(list.json.users.every((u: { org: string; passwordHash?: string }) => u.org === 'registry' && u.passwordHash === undefined));
  assert.equal((await call('registry-admin', 'GET', '/users?org=big-dns')).status, 404);
  assert.ok((await call('office-admin', 'GET', '/users')).json.users.length >= 13);
});

test('hostile bodies: unknown fields, wrong types (naming the field), oversized, malformed JSON', async () => {
  const id = shared.world.incidents.registry.id;
  const unknown = await call('registry', 'POST', `/incidents/${id}/measures`, { measureId: 'rate-limit-responses', execute: true, sudo: true });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error, "unknown field 'sudo'");
  const wrongType = await call('registry', 'POST', `/incidents/${id}/measures`, { measureId: 'rate-limit-responses', execute: 'yes' });
  assert.equal(wrongType.status, 400);
  assert.match(wrongType.json.error, /'execute'.*boolean/);
  const nested = await call('registry', 'PUT', '/orgs/registry/contacts', { contacts: [{ name: 'a', role: 'chief' }], version: 0 });
  assert.equal(nested.status, 400);
  assert.match(nested.json.error, /contacts\.0\.role/);
  const huge = await call('registry', 'POST', `/incidents/${id}/closing-report`, { summary: 'x'.repeat(1100 * 1024), cause: 'c', lessons: 'l' });
  assert.equal(huge.status, 413);
  assert.match(huge.json.error, /larger than/);
  const bigLogin = await shared.world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'p'.repeat(10_000) } });
  assert.equal(bigLogin.statusCode, 413, 'the login route takes small bodies only');
  const malformed = await shared.world.app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/phase`, headers: { authorization: `Bearer ${shared.tokens.registry}`, 'content-type': 'application/json' }, payload: '{"to":' });
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json().statusCode, 400);
  const badId = await call('registry', 'GET', '/incidents/..%2F..%2Fetc');
  assert.equal(badId.status, 400);
  const badQuery = await call('registry', 'GET', '/incidents?limit=-1');
  assert.equal(badQuery.status, 400);
  assert.match(badQuery.json.error, /limit/);
  const form = await shared.world.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: { authorization: `Bearer ${shared.tokens.office}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'level=red' });
  assert.equal(form.statusCode, 415, 'no form posts (a cross-site form cannot reach a state-changing route)');
});

test('OpenAPI: every route of the response process with request and response schemas', async () => {
  const doc = (await call('cert', 'GET', '/openapi.json')).json;
  const expected: Array<[string, string]> = [
    ['post', '/api/v1/auth/login'], ['post', '/api/v1/auth/logout'], ['get', '/api/v1/me'],
    ['get', '/api/v1/incidents'], ['post', '/api/v1/incidents'], ['get', '/api/v1/incidents/{id}'],
    ['post', '/api/v1/incidents/{id}/confirm-grade'], ['post', '/api/v1/incidents/{id}/phase'], ['post', '/api/v1/incidents/{id}/information-report'],
    ['post', '/api/v1/incidents/{id}/closing-report'], ['post', '/api/v1/incidents/{id}/directives'], ['post', '/api/v1/incidents/{id}/measures'],
    ['post', '/api/v1/incidents/{id}/reassign'], ['post', '/api/v1/incidents/{id}/close'], ['get', '/api/v1/incidents/{id}/report'],
    ['get', '/api/v1/measures/catalogue'], ['get', '/api/v1/warnings'], ['post', '/api/v1/warnings'], ['post', '/api/v1/warnings/{id}/adjust'],
    ['post', '/api/v1/warnings/{id}/lift'], ['get', '/api/v1/orgs'], ['get', '/api/v1/orgs/{id}/contacts'], ['put', '/api/v1/orgs/{id}/contacts'],
    ['get', '/api/v1/contact-changes'], ['post', '/api/v1/contact-changes/{id}/report'], ['post', '/api/v1/contact-drills'], ['get', '/api/v1/contact-drills'],
    ['get', '/api/v1/contact-drills/{id}'], ['post', '/api/v1/contact-drills/{id}/ack'], ['get', '/api/v1/drills'], ['post', '/api/v1/drills'],
    ['get', '/api/v1/drills/{id}/report'], ['get', '/api/v1/audit'], ['get', '/api/v1/audit/verify'], ['get', '/api/v1/users'], ['post', '/api/v1/users'],
    ['post', '/api/v1/users/{id}/tokens'],
  ];
  for (const [method, path] of expected) {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method} ${path} documented`);
    assert.ok(op.responses['200'] || op.responses['201'], `${method} ${path} has a success response schema`);
    if (method !== 'get' && !path.endsWith('/logout') && !path.endsWith('/report') && !path.endsWith('/close')) assert.ok(op.requestBody, `${method} ${path} has a request body schema`);
  }
  assert.equal(doc.paths['/api/v1/auth/login'].post.security, undefined, 'login is public');
  assert.ok(doc.paths['/api/v1/incidents/{id}/measures'].post.responses['409'], 'the refusal is documented');
});

test('without the incident service, reads work and commands answer 503', async () => {
  const { buildApp } = await import('../src/http/app.ts');
  const app = await buildApp({ version: 't', config: shared.world.config, token: undefined, latest: () => null,
    health: () => ({ status: 'ok', version: 't', lastCycleAt: null, store: 'ok', reasons: [] }), metrics: () => [], store: shared.world.store, now: shared.world.clock.now });
  try {
    const auth = { authorization: `Bearer ${shared.tokens.registry}` };
    const id = shared.world.incidents.registry.id;
    assert.equal((await app.inject({ url: `/api/v1/incidents/${id}`, headers: auth })).statusCode, 200);
    const cmd = await app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/phase`, headers: auth, payload: { to: 'emergency-handling' } });
    assert.equal(cmd.statusCode, 503);
    assert.match(cmd.json().error, /incident service/);
  } finally {
    await app.close();
  }
});
