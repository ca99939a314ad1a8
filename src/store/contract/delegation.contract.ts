// Contract: delegations (migration 009) — a baseline per zone replaced by an approval, each with a
// history entry; sightings stored, a 'changed' entry only when the state differs from the previous
// sighting (order and case do not count); scoped lists by zone; history newest first.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { DelegationSeen } from '../../core/delegations/delegation-findings.ts';
import type { DelegationState } from '../../core/delegations/delegation-state.ts';
import { NotFoundError } from '../store-errors.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const state: DelegationState = {
  parentNs: ['ns1.example.lab.', 'ns2.example.lab.'], glue: { 'ns1.example.lab.': ['127.0.20.1'] }, ds: [], childNs: ['ns1.example.lab.', 'ns2.example.lab.'],
};
const seen = (s: DelegationState): DelegationSeen => ({
  state: s, parentNodes: [{ node: 'lab-tld/a', address: '127.0.10.1:53', state: { parentNs: s.parentNs, glue: s.glue, ds: s.ds } }],
  childNodes: [{ node: 'big-dns-auth/ns1', address: '127.0.20.1:53', ns: s.childNs }],
});
const baseline = { zone: 'example.lab.', parent: 'lab.', system: 'big-dns-auth', org: 'big-dns', state, source: 'first-seen' as const, at: minute(0), by: 'system' };

export function delegationContract(makeStore: MakeStore): void {
  it('a first baseline, sightings that change or not, an approval that moves the baseline; history newest first', () =>
    withStore(makeStore, async (store) => {
      const first = await store.putDelegationBaseline(baseline);
      assert.deepEqual(first, {
        zone: 'example.lab.', parent: 'lab.', system: 'big-dns-auth', org: 'big-dns', baseline: state, baselineSource: 'first-seen',
        baselineAt: minute(0), baselineBy: 'system', seen: null, seenAt: null,
      });
      const same = await store.recordDelegationSeen('example.lab.', seen({ ...state, parentNs: ['NS2.example.lab.', 'ns1.example.lab.'] }), minute(1));
      assert.equal(same.changed, false);
      assert.equal(same.record.seenAt, minute(1));
      const hijacked = { ...state, parentNs: ['ns1.evil.lab.'] };
      const changed = await store.recordDelegationSeen('example.lab.', seen(hijacked), minute(2));
      assert.equal(changed.changed, true);
      assert.deepEqual(changed.record.seen?.state.parentNs, ['ns1.evil.lab.']);
      assert.equal((await store.recordDelegationSeen('example.lab.', seen(hijacked), minute(3))).changed, false);
      const approved = await store.putDelegationBaseline({ ...baseline, state: hijacked, source: 'approved', at: minute(4), by: 'u-1' });
      assert.deepEqual([approved.baseline.parentNs, approved.baselineSource, approved.baselineBy, approved.seenAt], [['ns1.evil.lab.'], 'approved', 'u-1', minute(3)]);
      assert.deepEqual(await store.getDelegation('example.lab.'), approved);
      const history = await store.delegationHistory('example.lab.');
      assert.deepEqual(history.map((h) => [h.kind, h.at, h.actor, h.state.parentNs]), [
        ['approved', minute(4), 'u-1', ['ns1.evil.lab.']],
        ['changed', minute(2), null, ['ns1.evil.lab.']],
        ['baseline', minute(0), null, state.parentNs],
      ]);
      assert.equal((await store.delegationHistory('example.lab.', 1)).length, 1);
      assert.deepEqual(await store.delegationHistory('other.lab.'), []);
    }));

  it('lists by zone, scoped by organisation; unknown zones', () =>
    withStore(makeStore, async (store) => {
      await store.putDelegationBaseline(baseline);
      await store.putDelegationBaseline({ ...baseline, zone: 'gov.lab.', system: 'lab-tld', org: 'lab-registry' });
      assert.deepEqual((await store.listDelegations()).map((d) => d.zone), ['example.lab.', 'gov.lab.']);
      assert.deepEqual((await store.listDelegations({ org: 'lab-registry' })).map((d) => d.zone), ['gov.lab.']);
      assert.deepEqual((await store.listDelegations({ org: ['big-dns', 'x'] })).map((d) => d.zone), ['example.lab.']);
      assert.deepEqual(await store.listDelegations({ org: [] }), []);
      assert.equal(await store.getDelegation('nope.lab.'), null);
      await assert.rejects(store.recordDelegationSeen('nope.lab.', seen(state), minute(1)), NotFoundError);
    }));
}
