// Sign-in, bearer tokens and the first admin, on a real embedded store in a temp dir.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { ensureBootstrapAdmin } from './bootstrap.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { authenticate, issueApiToken, login, logout } from './sessions.ts';
import { tokenHash } from './tokens.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const T0 = '2026-11-23T08:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const dir = mkdtempSync(join(tmpdir(), 'dnswarden-auth-'));
let store: Store;
before(async () => {
  store = await openStore({ url: null, dataDir: dir });
  await store.createUser({ id: 'u1', org: 'cn-registry', username: 'zoe', passwordHash: await hashPassword('s3cret!', CHEAP), roles: ['duty-officer'], createdAt: T0 });
  await store.createUser({ id: 'u2', org: 'cn-registry', username: 'gone', passwordHash: await hashPassword('pw', CHEAP), roles: ['viewer'], disabled: true, createdAt: T0 });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('login: the right password gives a session whose token is not stored; anything else gives null', async () => {
  const ok = await login(store, 'zoe', 's3cret!', { now: T0, ttlMs: 3600_000 });
  assert.ok(ok);
  assert.equal(ok.user.id, 'u1');
  assert.deepEqual(ok.session, { tokenHash: tokenHash(ok.token), userId: 'u1', createdAt: T0, expiresAt: at(60), revokedAt: null });
  assert.equal(await store.getSession(ok.token), null, 'looked up by hash only');
  assert.equal(await login(store, 'zoe', 'wrong', { now: T0 }), null);
  assert.equal(await login(store, 'nobody', 's3cret!', { now: T0 }), null);
  assert.equal(await login(store, 'gone', 'pw', { now: T0 }), null, 'disabled');
});

test('authenticate: a live session until it expires or is revoked', async () => {
  const s = await login(store, 'zoe', 's3cret!', { now: T0, ttlMs: 3600_000 });
  assert.ok(s);
  assert.deepEqual(await authenticate(store, s.token, at(59)), { user: s.user, via: 'session', credential: tokenHash(s.token) });
  assert.equal(await authenticate(store, s.token, at(60)), null, 'expired');
  assert.equal(await logout(store, s.token, at(1)), true);
  assert.equal(await authenticate(store, s.token, at(2)), null, 'revoked');
  assert.equal(await authenticate(store, 'not-a-token', at(2)), null);
  assert.equal(await authenticate(store, '', at(2)), null);
});

test('authenticate: a session opened before the account last changed is refused; a newer one counts', async () => {
  await store.createUser({ id: 'u3', org: 'cn-registry', username: 'yan', passwordHash: await hashPassword('pw3', CHEAP), roles: ['viewer'], createdAt: T0 });
  const old = await login(store, 'yan', 'pw3', { now: at(1), ttlMs: 3600_000 });
  assert.ok(old);
  await store.updateUser('u3', { roles: ['duty-officer'], updatedAt: at(2) });
  assert.equal(await authenticate(store, old.token, at(3)), null, 'older than the change');
  const fresh = await login(store, 'yan', 'pw3', { now: at(2), ttlMs: 3600_000 });
  assert.ok(fresh);
  assert.equal((await authenticate(store, fresh.token, at(3)))?.user.id, 'u3', 'opened at the change itself: counts');
});

test('API tokens: recognised until revoked or expired, last use recorded; a disabled user is refused', async () => {
  const { token, apiToken } = await issueApiToken(store, 'u1', 'grafana', { now: T0, expiresAt: at(600) });
  const who = await authenticate(store, token, at(5));
  assert.deepEqual([who?.user.username, who?.via, who?.credential], ['zoe', 'api-token', apiToken.id]);
  assert.equal((await store.getApiToken(tokenHash(token)))?.lastUsedAt, at(5));
  assert.equal(await authenticate(store, token, at(600)), null, 'expired');
  const second = await issueApiToken(store, 'u1', 'ci', { now: T0 });
  await store.revokeApiToken(second.apiToken.id, at(1));
  assert.equal(await authenticate(store, second.token, at(2)), null);
  const disabled = await issueApiToken(store, 'u2', 'old', { now: T0 });
  assert.equal(await authenticate(store, disabled.token, at(2)), null);
});

test('ensureBootstrapAdmin: only when there are no users; the printed password signs in', async () => {
  const orgs = [{ id: 'cert', role: 'cert' as const }, { id: 'office', role: 'emergency-office' as const }];
  assert.deepEqual(await ensureBootstrapAdmin(store, { organizations: orgs, scrypt: CHEAP }), { created: false });

  const fresh = mkdtempSync(join(tmpdir(), 'dnswarden-boot-'));
  const empty = await openStore({ url: null, dataDir: fresh });
  try {
    await assert.rejects(ensureBootstrapAdmin(empty, { organizations: [orgs[0]] }), /no emergency-office/);
    const r = await ensureBootstrapAdmin(empty, { organizations: orgs, now: T0, scrypt: CHEAP });
    assert.ok(r.created);
    assert.deepEqual([r.username, r.user.org, r.user.roles], ['admin', 'office', ['admin']]);
    assert.equal(r.user.mustChangePassword, true, 'the printed password must be changed at the first sign-in');
    assert.equal(await verifyPassword(r.password, r.user.passwordHash), true);
    assert.ok(await login(empty, 'admin', r.password, { now: T0 }));
    assert.deepEqual(await ensureBootstrapAdmin(empty, { organizations: orgs }), { created: false }, 'never twice');
  } finally {
    await empty.close();
    rmSync(fresh, { recursive: true, force: true });
  }
});
