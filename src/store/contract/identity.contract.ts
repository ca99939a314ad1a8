// Contract: users, sessions and API tokens (migration 004).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AlreadyExistsError, NotFoundError } from '../store-errors.ts';
import type { Store, UserInput } from '../store.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const HASH = 'scrypt$32768$8$1$c2FsdA$aGFzaA';
const userInput = (username: string, over: Partial<UserInput> = {}): UserInput =>
  ({ org: 'office', username, passwordHash: HASH, roles: ['viewer'], createdAt: minute(0), ...over });

async function twoUsers(store: Store): Promise<void> {
  await store.createUser(userInput('zoe', { id: 'u-zoe', org: 'cn-registry', roles: ['admin', 'duty-officer'], displayName: 'Zoe 张' }));
  await store.createUser(userInput('adam', { id: 'u-adam', org: 'cn-registry' }));
}

export function identityContract(makeStore: MakeStore): void {
  it('createUser / getUser / getUserByUsername / listUsers round-trip every field', () =>
    withStore(makeStore, async (store) => {
      const admin = await store.createUser(userInput('root', { id: 'u-root', roles: ['admin'] }));
      assert.deepEqual(admin, {
        id: 'u-root', org: 'office', username: 'root', displayName: null, passwordHash: HASH, roles: ['admin'], disabled: false,
        mustChangePassword: false, createdAt: minute(0), updatedAt: minute(0),
      });
      const first = await store.createUser(userInput('first', { id: 'u-first', roles: ['admin'], mustChangePassword: true }));
      assert.equal(first.mustChangePassword, true, 'migration 006: the first admin must change the printed password');
      assert.equal((await store.updateUser('u-first', { mustChangePassword: false, updatedAt: minute(1) })).mustChangePassword, false);
      await twoUsers(store);
      assert.deepEqual(await store.getUser('u-root'), admin);
      assert.deepEqual(await store.getUserByUsername('root'), admin);
      assert.equal(await store.getUser('nobody'), null);
      assert.equal(await store.getUserByUsername('ROOT'), null, 'usernames are exact');
      const zoe = await store.getUserByUsername('zoe');
      assert.deepEqual([zoe?.displayName, zoe?.roles], ['Zoe 张', ['admin', 'duty-officer']]);
      assert.deepEqual((await store.listUsers()).map((u) => u.username), ['adam', 'zoe', 'first', 'root'], 'by org, then username');
      assert.deepEqual((await store.listUsers('cn-registry')).map((u) => u.id), ['u-adam', 'u-zoe']);
      assert.deepEqual(await store.listUsers('nowhere'), []);
      const id = (await store.createUser(userInput('anon'))).id;
      assert.match(id, /^[0-9a-f-]{36}$/);
    }));

  it('usernames and ids are unique (AlreadyExistsError)', () =>
    withStore(makeStore, async (store) => {
      await store.createUser(userInput('root', { id: 'u1' }));
      await assert.rejects(store.createUser(userInput('root', { id: 'u2', org: 'other' })), AlreadyExistsError);
      await assert.rejects(store.createUser(userInput('other', { id: 'u1' })), AlreadyExistsError);
      assert.equal((await store.listUsers()).length, 1);
    }));

  it('updateUser changes only the given fields; unknown id is NotFoundError', () =>
    withStore(makeStore, async (store) => {
      await twoUsers(store);
      const u = await store.updateUser('u-adam', { roles: ['duty-officer'], disabled: true, updatedAt: '2026-11-23T09:00:00+01:00' });
      assert.deepEqual([u.roles, u.disabled, u.displayName, u.passwordHash, u.updatedAt, u.createdAt], [['duty-officer'], true, null, HASH, minute(0), minute(0)]);
      const v = await store.updateUser('u-adam', { displayName: 'Adam', passwordHash: 'scrypt$new', disabled: false, updatedAt: minute(5) });
      assert.deepEqual([v.roles, v.disabled, v.displayName, v.passwordHash], [['duty-officer'], false, 'Adam', 'scrypt$new']);
      assert.deepEqual(await store.getUser('u-adam'), v);
      await assert.rejects(store.updateUser('ghost', { disabled: true, updatedAt: minute(1) }), NotFoundError);
    }));

  it('sessions: stored by token hash, revocation keeps the first time, unknown user refused', () =>
    withStore(makeStore, async (store) => {
      await twoUsers(store);
      const s = await store.createSession({ tokenHash: 'h1', userId: 'u-zoe', createdAt: minute(0), expiresAt: minute(60) });
      assert.deepEqual(s, { tokenHash: 'h1', userId: 'u-zoe', createdAt: minute(0), expiresAt: minute(60), revokedAt: null });
      assert.deepEqual(await store.getSession('h1'), s);
      assert.equal(await store.getSession('h2'), null);
      assert.equal(await store.revokeSession('h1', minute(10)), true);
      assert.equal(await store.revokeSession('h1', minute(20)), true);
      assert.equal((await store.getSession('h1'))?.revokedAt, minute(10));
      assert.equal(await store.revokeSession('nope', minute(10)), false);
      await assert.rejects(store.createSession({ tokenHash: 'h3', userId: 'ghost', createdAt: minute(0), expiresAt: minute(1) }), NotFoundError);
      await assert.rejects(store.createSession({ tokenHash: 'h1', userId: 'u-adam', createdAt: minute(0), expiresAt: minute(1) }), AlreadyExistsError);
    }));

  it('API tokens: create, find by hash, list, touch, revoke', () =>
    withStore(makeStore, async (store) => {
      await twoUsers(store);
      const t = await store.createApiToken({ id: 't1', name: 'grafana', userId: 'u-zoe', tokenHash: 'th1', createdAt: minute(0) });
      assert.deepEqual(t, { id: 't1', name: 'grafana', userId: 'u-zoe', tokenHash: 'th1', createdAt: minute(0), expiresAt: null, lastUsedAt: null, revokedAt: null, issuedBy: null });
      const t2 = await store.createApiToken({ id: 't2', name: 'ci', userId: 'u-adam', tokenHash: 'th2', createdAt: minute(1), expiresAt: minute(100), issuedBy: 'u-zoe' });
      assert.equal(t2.issuedBy, 'u-zoe', 'migration 006: who minted it for someone else');
      assert.deepEqual(await store.getApiToken('th1'), t);
      assert.equal(await store.getApiToken('zzz'), null);
      assert.deepEqual((await store.listApiTokens()).map((x) => x.id), ['t1', 't2']);
      assert.deepEqual((await store.listApiTokens('u-adam')).map((x) => [x.id, x.expiresAt]), [['t2', minute(100)]]);
      await store.touchApiToken('t1', minute(3));
      await store.touchApiToken('t1', minute(4));
      assert.equal((await store.getApiToken('th1'))?.lastUsedAt, minute(4));
      await assert.rejects(store.touchApiToken('t9', minute(4)), NotFoundError);
      assert.equal(await store.revokeApiToken('t1', minute(5)), true);
      assert.equal(await store.revokeApiToken('t1', minute(6)), true);
      assert.equal((await store.getApiToken('th1'))?.revokedAt, minute(5));
      assert.equal(await store.revokeApiToken('t9', minute(6)), false);
      await assert.rejects(store.createApiToken({ name: 'dup', userId: 'u-zoe', tokenHash: 'th2', createdAt: minute(0) }), AlreadyExistsError);
      await assert.rejects(store.createApiToken({ name: 'x', userId: 'ghost', tokenHash: 'th3', createdAt: minute(0) }), NotFoundError);
    }));
}
