// Signing in and out through the real app: the session cookie, bearer sessions and API tokens,
// expiry, the failed-login limit, /me, and the audit entries they leave.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWorld, PASSWORD, type World } from './http-access-fixtures.ts';
import { parseCookies, sessionCookie } from '../src/http/request-auth.ts';
import { LoginLimiter } from '../src/http/login-limiter.ts';

let world: World;
before(async () => { world = await buildWorld(); });
after(async () => { await world.close(); });

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

test('login sets an HttpOnly SameSite=Strict cookie that authenticates; logout revokes it and clears the cookie', async () => {
  const res = await login('registry', PASSWORD);
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.user.username, 'registry');
  assert.equal(body.user.passwordHash, undefined, 'never the hash');
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /^dw_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
  assert.doesNotMatch(cookie, /Secure/, 'plain http on loopback');
  const session = cookie.split(';')[0];

  const me = await world.app.inject({ url: '/api/v1/me', headers: { cookie: `other=1; ${session}` } });
  assert.equal(me.statusCode, 200);
  assert.deepEqual([me.json().user.username, me.json().org.id, me.json().org.role, me.json().via], ['registry', 'registry', 'registry', 'session']);
  assert.deepEqual(me.json().visible, ['registry']);
  const perms: string[] = me.json().permissions;
  for (const p of ['incident.read', 'incident.report', 'measure.execute', 'incident.execute-measure', 'incident.file-information-report', 'contacts.write'])
    assert.ok(perms.includes(p), p);
  for (const p of ['incident.directive', 'warning.issue', 'warning.write', 'users.manage', 'incident.reassign']) assert.ok(!perms.includes(p), p);

  const out = await world.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session } });
  assert.equal(out.statusCode, 200);
  assert.match(String(out.headers['set-cookie']), /^dw_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0/);
  assert.equal((await world.app.inject({ url: '/api/v1/me', headers: { cookie: session } })).statusCode, 401, 'revoked');
  assert.equal((await world.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } })).statusCode, 401);

  const actions = (await world.store.auditEntries(1, 1000)).filter((e) => e.actor === world.userIds.registry).map((e) => e.action);
  assert.ok(actions.includes('login') && actions.includes('logout'), actions.join());
});

test('the cookie is Secure when the request came over https', async () => {
  assert.match(sessionCookie('abc', { secure: true, maxAgeSeconds: 60 }), /; Secure$/);
  assert.deepEqual([...parseCookies('a=1; dw_session="tok"; b; =x; a=2')], [['a', '1'], ['dw_session', 'tok']]);
});

test('unknown user and wrong password answer the same 401 and are audited', async () => {
  const unknown = await login('nobody-at-all', PASSWORD);
  const wrong = await login('cert', 'not the password');
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.body, wrong.body);
  assert.equal(unknown.headers['set-cookie'], undefined);
  const failed = (await world.store.auditEntries(1, 1000)).filter((e) => e.action === 'login.failed');
  assert.ok(failed.some((e) => (e.detail as { username: string }).username === 'nobody-at-all'));
});

test('ten failures per username and address within 15 minutes answer 429 until the window passes', async () => {
  for (let i = 0; i < 10; i++) assert.equal((await login('bj', `wrong ${i}`, '127.0.0.9')).statusCode, 401);
  const blocked = await login('bj', PASSWORD, '127.0.0.9');
  assert.equal(blocked.statusCode, 429, 'even the right password waits');
  assert.ok(Number(blocked.headers['retry-after']) > 0);
  assert.equal((await login('bj', PASSWORD, '127.0.0.10')).statusCode, 200, 'another address is not blocked');
  world.clock.advance(15 * 60_000 + 1000);
  assert.equal((await login('bj', PASSWORD, '127.0.0.9')).statusCode, 200, 'after the window');
});

test('LoginLimiter: counts per key in a sliding window and a success clears the key', () => {
  const l = new LoginLimiter({ max: 3, windowMs: 1000 });
  const k = LoginLimiter.key('Zoe', '::1');
  assert.equal(LoginLimiter.key('zoe', '::1'), k, 'usernames compare case-insensitively');
  for (const t of [0, 100, 200]) l.fail(k, t);
  assert.equal(l.retryAfter(k, 300), 1);
  assert.equal(l.retryAfter(k, 1001), 0, 'the first failure left the window');
  l.fail(k, 1001);
  assert.ok(l.retryAfter(k, 1002) > 0);
  l.succeed(k);
  assert.equal(l.retryAfter(k, 1003), 0);
});

test('a session expires after its lifetime: 401', async () => {
  const { token } = (await login('sh', PASSWORD)).json();
  const me = () => world.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  assert.equal((await me()).statusCode, 200);
  world.clock.advance(12 * 3600_000 - 5000);
  assert.equal((await me()).statusCode, 200);
  world.clock.advance(10_000);
  const res = await me();
  assert.equal(res.statusCode, 401);
  assert.match(String(res.headers['www-authenticate']), /^Bearer/);
});

test('API tokens: issued once (to yourself or by an admin), then they authenticate; others may not issue them', async () => {
  const admin = (await login('registry-admin', PASSWORD)).json().token;
  const viewer = (await login('registry-viewer', PASSWORD)).json().token;
  const issue = (bearer: string, userId: string) => world.app.inject({
    method: 'POST', url: `/api/v1/users/${userId}/tokens`, headers: { authorization: `Bearer ${bearer}` }, payload: { name: 'grafana' } });
  const mine = await issue(viewer, world.userIds['registry-viewer']);
  assert.equal(mine.statusCode, 201, mine.body);
  const apiToken = mine.json().token;
  const me = await world.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${apiToken}` } });
  assert.deepEqual([me.json().user.username, me.json().via], ['registry-viewer', 'api-token']);
  assert.equal((await issue(viewer, world.userIds.registry)).statusCode, 403, 'a viewer does not issue for others');
  assert.equal((await issue(apiToken, world.userIds['registry-viewer'])).statusCode, 403, 'an API token does not mint more');
  assert.equal((await issue(admin, world.userIds.registry)).statusCode, 201, 'an admin issues for their organisation');
  assert.equal((await issue(admin, world.userIds['big-dns'])).statusCode, 404, 'not for another organisation');
  const listed = await world.store.listApiTokens(world.userIds['registry-viewer']);
  assert.ok(listed.every((t) => t.tokenHash !== apiToken), 'only the hash is stored');
});

test('missing, malformed and unknown credentials: 401 JSON on every API route except the public ones', async () => {
  for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Basic abc' }, { cookie: 'dw_session=' }, { cookie: 'dw_session=unknown-token' }]) {
    for (const url of ['/api/v1/me', '/api/v1/incidents', '/api/v1/audit', '/api/v1/openapi.json']) {
      const res = await world.app.inject({ url, headers });
      assert.equal(res.statusCode, 401, `${url} ${JSON.stringify(headers)}`);
      assert.equal(res.json().statusCode, 401);
    }
  }
  // the public routes answer without credentials (here: validation / not found, not 401)
  assert.equal((await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} })).statusCode, 400);
  assert.equal((await world.app.inject({ method: 'POST', url: '/api/v1/contact-drills/none/ack', payload: { token: 'x'.repeat(43) } })).statusCode, 404);
});
