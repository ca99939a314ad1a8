// Contract: names (migration 010) — states written and replaced, read back in bulk; history appended
// in order per name and per case; lists by status and by expiry; a whole run in one call.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { NameHistoryInput, StoredNameState } from '../name-types.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const state = (name: string, over: Partial<StoredNameState> = {}): StoredNameState => ({
  name, status: 'held', locked: false, saved: { ns: [`ns1.${name}`], glue: [{ name: `ns1.${name}`, type: 'A', ttl: 300, data: '192.0.2.1' }], ds: [] },
  until: null, caseId: 'case-1', updatedAt: minute(0), ...over,
});
const entry = (name: string, over: Partial<NameHistoryInput> = {}): NameHistoryInput => ({
  name, at: minute(0), action: 'hold', outcome: 'applied', actor: 'user:alice', reason: 'phishing 钓鱼', caseId: 'case-1', approver: 'bob',
  evidence: ['https://evil.lab/login'], detail: { from: { status: 'active', locked: false }, to: { status: 'held', locked: false } }, ...over,
});

export function namesContract(makeStore: MakeStore): void {
  it('recordNameActions writes states and history; getNameStates reads them back; a later write replaces the state', () =>
    withStore(makeStore, async (store) => {
      await store.recordNameActions([state('evil.lab.')], [entry('evil.lab.')]);
      const got = await store.getNameStates(['evil.lab.', 'other.lab.']);
      assert.deepEqual([...got.keys()], ['evil.lab.']);
      assert.deepEqual(got.get('evil.lab.'), state('evil.lab.'));
      await store.recordNameActions([state('evil.lab.', { status: 'active', saved: null, locked: true, updatedAt: minute(5) })],
        [entry('evil.lab.', { at: minute(5), action: 'unhold', approver: null, evidence: [] }), entry('evil.lab.', { at: minute(5), action: 'lock', outcome: 'refused', detail: { reason: 'x' } })]);
      assert.deepEqual((await store.getNameStates(['evil.lab.'])).get('evil.lab.'), state('evil.lab.', { status: 'active', saved: null, locked: true, updatedAt: minute(5) }));
      const history = await store.nameHistory('evil.lab.');
      assert.deepEqual(history.map((h) => [h.action, h.outcome, h.at]), [['hold', 'applied', minute(0)], ['unhold', 'applied', minute(5)], ['lock', 'refused', minute(5)]]);
      assert.deepEqual({ ...history[0], seq: 0 }, { ...entry('evil.lab.'), seq: 0 });
      assert.ok(history[0].seq < history[1].seq && history[1].seq < history[2].seq);
      assert.deepEqual((await store.nameHistory('evil.lab.', 1)).map((h) => h.action), ['lock']);
    }));

  it('thousands of names in one run; per-case history; lists by status and expiry', () =>
    withStore(makeStore, async (store) => {
      const names = Array.from({ length: 3000 }, (_, i) => `dga${i}.lab.`);
      await store.recordNameActions(names.map((n, i) => state(n, { status: i % 2 ? 'reserved' : 'reserved-sinkholed', saved: null, caseId: 'case-dga',
        until: i < 10 ? minute(60) : minute(600) })), names.map((n) => entry(n, { action: 'block', caseId: 'case-dga' })));
      assert.equal((await store.getNameStates(names)).size, 3000);
      assert.equal((await store.caseNameHistory('case-dga')).length, 3000);
      assert.deepEqual(await store.caseNameHistory('case-none'), []);
      assert.equal((await store.listNameStates({ statuses: ['reserved-sinkholed'] })).length, 1500);
      const expiring = await store.listNameStates({ statuses: ['reserved', 'reserved-sinkholed'], expiresBy: minute(60) });
      assert.deepEqual(expiring.map((s) => s.name), names.slice(0, 10).sort());
      assert.equal(expiring[0].until, minute(60));
      assert.equal((await store.listNameStates({})).length, 3000);
    }));
}
