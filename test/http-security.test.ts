// The security review's findings (issue 9) over the real app: the sign-in flood guard, one audit
// entry per lockout, API tokens ending with a reset or role change, JSON-only writes and the Origin
// check, the login throttle's memory bound and per-account backoff, "on behalf of" audit entries,
// and the first admin's forced password change. Counters and statuses, never timings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWorld, PASSWORD, CHEAP, type World } from './http-access-fixtures.ts';
import { LoginGuard } from '../src/http/login-guard.ts';
import { LoginLimiter } from '../src/http/login-limiter.ts';
import { hashPassword } from '../src/auth/passwords.ts';

let world: World;
const guard = new LoginGuard({ maxConcurrent: 2, perAddress: 1 });
before(async () => { world = await buildWorld({ deps: { loginGuard: guard } }); });
after(async () => { await world.close(); });

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const entries = async (action: string) => (await world.store.auditEntries(1, 100_000)).filter((e) => e.action === action);

test('1. a full hash gate answers 503 (server) or 429 (address) before hashing; a flood never hashes more than the cap at once', async () => {
  assert.equal(guard.gate.tryEnter('10.9.9.1'), 'ok');
  assert.equal(guard.gate.tryEnter('10.9.9.2'), 'ok'); // two hashes "in flight": the gate is full
  const failedBefore = (await entries('login.failed')).length;
  const busy = await login('nobody-1', 'whatever password', '10.1.0.1');
  assert.equal(busy.statusCode, 503, busy.body);
  assert.ok(Number(busy.headers['retry-after']) > 0);
  guard.gate.leave('10.9.9.2');
  const sameAddress = await login('nobody-2', 'whatever password', '10.9.9.1');
  assert.equal(sameAddress.statusCode, 429, 'this address already hashes one (perAddress 1)');
  guard.gate.leave('10.9.9.1');
  assert.equal((await entries('login.failed')).length, failedBefore, 'nothing was hashed');

  const flood = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`unknown-${i}`, 'x', `10.2.0.${i + 1}`)));
  const statuses = flood.map((r) => r.statusCode);
  assert.ok(statuses.every((s) => s === 401 || s === 503), statuses.join());
  assert.ok(statuses.includes(401));
  assert.ok(guard.gate.peak <= 2, `peak ${guard.gate.peak}`);
  assert.equal(guard.gate.inFlight, 0, 'every slot is given back');
});

test('1. the address rate: after 30 tries a minute from one address, 429 without hashing', async () => {
  for (let i = 0; i < 30; i++) assert.equal((await login(`rate-${i}`, 'x', '10.3.0.1')).statusCode, 401);
  const failed = (await entries('login.failed')).length;
  const refused = await login('registry', PASSWORD, '10.3.0.1');
  assert.equal(refused.statusCode, 429);
  assert.equal((await entries('login.failed')).length, failed);
  world.clock.advance(61_000);
  assert.equal((await login('registry', PASSWORD, '10.3.0.1')).statusCode, 200, 'the next minute');
});

test('2. throttled sign-ins write one audit entry per lockout window, not one per request', async () => {
  for (let i = 0; i < 10; i++) assert.equal((await login('cert', `wrong ${i}`, '10.4.0.1')).statusCode, 401);
  const before = (await entries('login.throttled')).length;
  for (let i = 0; i < 15; i++) assert.equal((await login('cert', PASSWORD, '10.4.0.1')).statusCode, 429);
  const added = (await entries('login.throttled')).slice(before);
  assert.equal(added.length, 1, 'one entry for the whole window');
  const d = added[0].detail as { username: string; reason: string; failures: number };
  assert.deepEqual([d.username, d.reason, d.failures], ['cert', 'locked', 10], 'with the count of failures that locked it');
  world.clock.advance(15 * 60_000 + 1000);
  assert.equal((await login('cert', PASSWORD, '10.4.0.1')).statusCode, 200);
});

test('7. a locked key is never evicted by junk keys; memory stays bounded', () => {
  const l = new LoginLimiter({ max: 3, windowMs: 60_000, maxKeys: 100 });
  const victim = LoginLimiter.key('admin', '10.0.0.1');
  for (let i = 0; i < 3; i++) l.fail(victim, 1000 + i);
  for (let i = 0; i < 10_000; i++) l.fail(LoginLimiter.key(`junk-${i}`, '10.0.0.2'), 2000);
  assert.ok(l.retryAfter(victim, 3000) > 0, 'still locked');
  assert.ok(l.size <= 101, `size ${l.size}`);
});

test('7. one account attacked from many addresses backs off for every address', async () => {
  for (let i = 0; i < 20; i++) assert.equal((await login('bj-dns', `wrong ${i}`, `10.5.${i}.1`)).statusCode, 401);
  const next = await login('bj-dns', PASSWORD, '10.5.99.1');
  assert.equal(next.statusCode, 429, 'a fresh address waits too');
  assert.ok(Number(next.headers['retry-after']) >= 1);
  world.clock.advance(2000);
  assert.equal((await login('bj-dns', PASSWORD, '10.5.99.1')).statusCode, 200, 'after the backoff');
});

async function session(who: string): Promise<string> {
  const res = await login(who, PASSWORD, '10.6.0.1');
  assert.equal(res.statusCode, 200, res.body);
  return res.json().token;
}

test("3. an admin's password reset and a role change end the user's API tokens", async () => {
  const admin = await session('registry-admin');
  const mint = async (who: string) => {
    const res = await world.app.inject({ method: 'POST', url: `/api/v1/users/${world.userIds[who as 'registry']}/tokens`, headers: bearer(admin), payload: { name: 'ci' } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().token as string;
  };
  const me = async (token: string) => (await world.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode;
  const t1 = await mint('registry-viewer');
  assert.equal(await me(t1), 200);
  const reset = await world.app.inject({ method: 'POST', url: `/api/v1/users/${world.userIds['registry-viewer']}/password`, headers: bearer(admin), payload: {} });
  assert.equal(reset.statusCode, 200);
  assert.equal(await me(t1), 401, 'the reset ends the token');
  const t2 = await mint('registry');
  const patch = await world.app.inject({ method: 'PATCH', url: `/api/v1/users/${world.userIds.registry}`, headers: bearer(admin), payload: { roles: ['viewer'] } });
  assert.equal(patch.statusCode, 200);
  assert.equal(patch.json().tokensRevoked, 1);
  assert.equal(await me(t2), 401, 'the role change ends the token');
});

test('4. unsafe methods take JSON only (415), and cookie-authenticated writes from a foreign origin are refused', async () => {
  const token = await session('office');
  const cookie = `dw_session=${token}`;
  const url = `/api/v1/incidents/${world.incidents.registry.id}/close`;
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await world.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': type }, payload: 'a=1' });
    assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
  }
  const foreign = await world.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: { cookie, origin: 'https://evil.example' },
    payload: { level: 'blue', scope: { national: true }, text: 'csrf' } });
  assert.equal(foreign.statusCode, 403, foreign.body);
  assert.equal(foreign.json().code, 'FOREIGN_ORIGIN');
  const sibling = await world.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: { cookie, 'sec-fetch-site': 'same-site' },
    payload: { level: 'blue', scope: { national: true }, text: 'csrf' } });
  assert.equal(sibling.statusCode, 403);
  const own = await world.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: { cookie, origin: 'http://localhost:80' },
    payload: { level: 'blue', scope: { national: true }, text: 'from the console' } });
  assert.equal(own.statusCode, 201, own.body);
  const script = await world.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: { ...bearer(token), origin: 'https://tool.example' },
    payload: { level: 'blue', scope: { national: true }, text: 'a script with a bearer token' } });
  assert.equal(script.statusCode, 201, 'bearer tokens are not sent by browsers by themselves');
});

test('9. a token an admin mints for another user records the issuer; its audit entries say "on behalf of"', async () => {
  const admin = await session('office-admin');
  const res = await world.app.inject({ method: 'POST', url: `/api/v1/users/${world.userIds.office}/tokens`, headers: bearer(admin), payload: { name: 'wall' } });
  assert.equal(res.statusCode, 201);
  const token = res.json().token;
  const issued = (await world.store.listApiTokens(world.userIds.office)).find((t) => t.id === res.json().apiToken.id);
  assert.equal(issued?.issuedBy, world.userIds['office-admin']);
  const listed = await world.app.inject({ url: `/api/v1/users/${world.userIds.office}/tokens`, headers: bearer(admin) });
  assert.equal(listed.json().tokens.find((t: { id: string }) => t.id === res.json().apiToken.id).issuedBy, world.userIds['office-admin']);
  const warn = await world.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: bearer(token), payload: { level: 'blue', scope: { national: true }, text: 'x' } });
  assert.equal(warn.statusCode, 201, warn.body);
  const inc = await world.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: bearer(token),
    payload: { systemId: 'big-auth', grade: 'IV', title: 'manual', description: 'by token' } });
  assert.equal(inc.statusCode, 201, inc.body);
  const all = await world.store.auditEntries(1, 100_000);
  const byToken = [all.filter((e) => e.action === 'warning.issue').at(-1)!, ...all.filter((e) => e.target === inc.json().incident.id)];
  assert.ok(byToken.length >= 2, byToken.map((e) => e.action).join());
  const onBehalf = { issuer: world.userIds['office-admin'], user: world.userIds.office };
  for (const e of byToken) assert.deepEqual((e.detail as { onBehalfOf?: unknown }).onBehalfOf, onBehalf, e.action);
});

test('12. a user who must change the password: /me says so, other calls 403 PASSWORD_CHANGE_REQUIRED until changed', async () => {
  const u = await world.store.createUser({ org: 'office', username: 'first-admin', passwordHash: await hashPassword('printed-once-123', CHEAP),
    roles: ['admin'], mustChangePassword: true, createdAt: world.clock.now().toISOString() });
  const token = (await login('first-admin', 'printed-once-123', '10.7.0.1')).json().token;
  const me = await world.app.inject({ url: '/api/v1/me', headers: bearer(token) });
  assert.equal(me.json().mustChangePassword, true);
  const blocked = await world.app.inject({ url: '/api/v1/systems', headers: bearer(token) });
  assert.equal(blocked.statusCode, 403);
  assert.equal(blocked.json().code, 'PASSWORD_CHANGE_REQUIRED');
  const changed = await world.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/password`, headers: bearer(token),
    payload: { current: 'printed-once-123', password: 'a new and long passphrase' } });
  assert.equal(changed.statusCode, 200, changed.body);
  const fresh = changed.json().token;
  assert.equal((await world.app.inject({ url: '/api/v1/systems', headers: bearer(fresh) })).statusCode, 200);
  assert.equal((await world.app.inject({ url: '/api/v1/me', headers: bearer(fresh) })).json().mustChangePassword, false);
});
