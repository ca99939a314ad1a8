// Contract: findings (migration 005) — one open finding per key, updates only while open, closing
// kept once, the incident link set once, scoped and filtered lists newest first, kept across a reopen.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundError } from '../store-errors.ts';
import type { FindingInput } from '../store.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const input = (over: Partial<FindingInput> = {}): FindingInput => ({
  key: 'key-domain-mismatch|bj-resolver|r1|www.gov.lab. A', kind: 'key-domain-mismatch', system: 'bj-resolver', node: 'r1',
  subject: 'www.gov.lab. A', org: 'bj-telecom', severity: 'warning', summary: 'www.gov.lab. A hijacked / 重点域名被篡改',
  evidence: { expected: ['192.0.2.1'], seen: ['203.0.113.66'], via: 'bj-resolver/r1', at: minute(0), ttl: { expected: 300, seen: 60 } },
  firstSeen: minute(0), lastSeen: minute(1), ...over,
});

export function findingContract(makeStore: MakeStore): void {
  it('openFinding stores every field; the same key while open returns the open one', () =>
    withStore(makeStore, async (store) => {
      const { finding, created } = await store.openFinding(input({ id: 'f-1' }));
      assert.equal(created, true);
      assert.deepEqual(finding, {
        id: 'f-1', key: input().key, kind: 'key-domain-mismatch', system: 'bj-resolver', node: 'r1', org: 'bj-telecom', severity: 'warning',
        summary: input().summary, subject: 'www.gov.lab. A', evidence: input().evidence, state: 'open',
        firstSeen: minute(0), lastSeen: minute(1), closedAt: null, incidentId: null,
      });
      const again = await store.openFinding(input({ id: 'f-2', firstSeen: minute(5), lastSeen: minute(5) }));
      assert.deepEqual(again, { finding, created: false });
      assert.deepEqual(await store.getFinding('f-1'), finding);
      assert.equal(await store.getFinding('f-2'), null);
      const noNode = await store.openFinding(input({ key: 'truth-stale|lab-tld||', kind: 'truth-stale', system: 'lab-tld', node: null, subject: null }));
      assert.equal(noNode.created, true);
      assert.deepEqual([noNode.finding.node, noNode.finding.subject], [null, null]);
    }));

  it('update while open; close once; a closed key opens a new finding; the incident link is set once', () =>
    withStore(makeStore, async (store) => {
      const { finding } = await store.openFinding(input({ id: 'f-1' }));
      const up = await store.updateFinding(finding.id, { severity: 'critical', lastSeen: minute(3), evidence: { seen: ['198.51.100.9'], at: minute(3) } });
      assert.deepEqual([up.severity, up.lastSeen, up.evidence, up.summary], ['critical', minute(3), { seen: ['198.51.100.9'], at: minute(3) }, finding.summary]);
      const closed = await store.closeFinding(finding.id, minute(9));
      assert.deepEqual([closed?.state, closed?.closedAt], ['closed', minute(9)]);
      assert.equal((await store.closeFinding(finding.id, minute(20)))?.closedAt, minute(9), 'closing again changes nothing');
      assert.equal((await store.updateFinding(finding.id, { lastSeen: minute(30) })).lastSeen, minute(3), 'a closed finding is not updated');
      assert.equal(await store.closeFinding('nope', minute(9)), null);
      await assert.rejects(store.updateFinding('nope', { lastSeen: minute(1) }), NotFoundError);
      const next = await store.openFinding(input({ id: 'f-2', firstSeen: minute(40), lastSeen: minute(41) }));
      assert.equal(next.created, true);
      assert.equal(next.finding.id, 'f-2');
      const linked = await store.linkFindingIncident('f-1', 'inc-a');
      assert.equal(linked.incidentId, 'inc-a');
      assert.equal((await store.linkFindingIncident('f-1', 'inc-b')).incidentId, 'inc-a', 'the first link stays');
      await assert.rejects(store.linkFindingIncident('nope', 'inc-a'), NotFoundError);
    }));

  it('listFindings: newest first, filtered by state, kind, system and organisation set; an empty set matches nothing', () =>
    withStore(makeStore, async (store) => {
      await store.openFinding(input({ id: 'a', firstSeen: minute(0) }));
      await store.openFinding(input({ id: 'b', key: 'serial-lag|lab-tld|b|', kind: 'serial-lag', system: 'lab-tld', node: 'b', subject: null, org: 'lab-registry', firstSeen: minute(2), lastSeen: minute(2) }));
      await store.openFinding(input({ id: 'c', key: 'truth-stale|gov-dns||', kind: 'truth-stale', system: 'gov-dns', node: null, subject: null, org: 'gov-web', firstSeen: minute(4), lastSeen: minute(4) }));
      await store.closeFinding('c', minute(6));
      const ids = async (f: Parameters<typeof store.listFindings>[0]) => (await store.listFindings(f)).map((x) => x.id);
      assert.deepEqual(await ids({}), ['c', 'b', 'a']);
      assert.deepEqual(await ids({ state: 'open' }), ['b', 'a']);
      assert.deepEqual(await ids({ state: 'closed' }), ['c']);
      assert.deepEqual(await ids({ kind: 'serial-lag' }), ['b']);
      assert.deepEqual(await ids({ system: 'bj-resolver' }), ['a']);
      assert.deepEqual(await ids({ org: 'gov-web' }), ['c']);
      assert.deepEqual(await ids({ org: ['bj-telecom', 'lab-registry'] }), ['b', 'a']);
      assert.deepEqual(await ids({ org: [] }), []);
      assert.deepEqual(await ids({ limit: 1 }), ['c']);
    }));

  it('findings survive a reopen of the database (a restart)', () =>
    withStore(makeStore, async (store, handle) => {
      if (!handle.reopen) return;
      await store.openFinding(input({ id: 'f-1' }));
      const again = await handle.reopen();
      try {
        assert.deepEqual((await again.listFindings({ state: 'open' })).map((f) => [f.id, f.evidence.via]), [['f-1', 'bj-resolver/r1']]);
      } finally {
        await again.close();
      }
    }));
}
