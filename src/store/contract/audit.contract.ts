// Contract: the append-only audit log and its hash chain.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, verifyAuditChain } from '../audit-chain.ts';
import { auditContext } from '../audit-context.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

export function auditContract(makeStore: MakeStore): void {
  it('inside an "on behalf of" context each entry records issuer and user in its detail (hashed like the rest)', () =>
    withStore(makeStore, async (store) => {
      const onBehalfOf = { issuer: 'admin-1', user: 'u-1' };
      const e = await auditContext.run({ onBehalfOf }, () => store.appendAudit({ at: minute(0), actor: 'u-1', action: 'warning.issue', detail: { level: 'blue' } }));
      assert.deepEqual(e.detail, { level: 'blue', onBehalfOf });
      const plain = await store.appendAudit({ at: minute(1), actor: 'u-1', action: 'logout' });
      assert.equal(plain.detail, null);
      assert.deepEqual(verifyAuditChain(await store.auditEntries()), { ok: true, head: { seq: 2, hash: plain.hash } });
    }));

  it('appendAudit chains entries 1…n; auditEntries pages; the chain verifies', () =>
    withStore(makeStore, async (store) => {
      const first = await store.appendAudit({ at: minute(0), actor: 'alice', action: 'incident.create', org: 'cn-registry', target: 'INC-1', detail: { z: 1, a: { y: [1, 2], b: '中' } } });
      assert.deepEqual(first, {
        seq: 1, at: minute(0), actor: 'alice', action: 'incident.create', org: 'cn-registry', target: 'INC-1',
        detail: { a: { b: '中', y: [1, 2] }, z: 1 }, prevHash: GENESIS_HASH, hash: first.hash,
      });
      for (let i = 1; i < 6; i++) await store.appendAudit({ at: minute(i), actor: 'bob', action: `a${i}` });
      const all = await store.auditEntries();
      assert.deepEqual(all.map((e) => e.seq), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(all[0], first);
      assert.equal(all[1].prevHash, first.hash);
      assert.deepEqual([all[1].org, all[1].target, all[1].detail], [null, null, null]);
      assert.deepEqual(verifyAuditChain(all), { ok: true, head: { seq: 6, hash: all[5].hash } });
      const page = await store.auditEntries(3, 2);
      assert.deepEqual(page.map((e) => e.seq), [3, 4]);
      assert.equal(verifyAuditChain(page, { anchorHash: all[1].hash }).ok, true);
    }));

  it('the verifier catches an edited or removed entry read from the store', () =>
    withStore(makeStore, async (store) => {
      for (let i = 0; i < 4; i++) await store.appendAudit({ at: minute(i), actor: 'ops', action: 'x', detail: { i } });
      const all = await store.auditEntries();
      const edited = all.map((e) => (e.seq === 2 ? { ...e, detail: { i: 42 } } : e));
      const v1 = verifyAuditChain(edited);
      assert.ok(!v1.ok && v1.seq === 2);
      const v2 = verifyAuditChain(all.filter((e) => e.seq !== 3));
      assert.ok(!v2.ok && v2.seq === 4);
    }));

  it('concurrent appends still form one linear chain', () =>
    withStore(makeStore, async (store) => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendAudit({ at: minute(i), actor: `w${i}`, action: 'concurrent' })));
      const all = await store.auditEntries();
      assert.deepEqual(all.map((e) => e.seq), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal(verifyAuditChain(all).ok, true);
    }));
}
