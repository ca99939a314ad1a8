// Contract: openOutage, closeOutage, openOutages, outageHistory.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { minute, withStore, type MakeStore } from './fixtures.ts';

export function outageContract(makeStore: MakeStore): void {
  it('one open outage per (system, node, service); close keeps the first end time', () =>
    withStore(makeStore, async (store) => {
      const sys = await store.openOutage({ systemId: 's', startedAt: minute(0) });
      assert.deepEqual(sys, { id: sys.id, systemId: 's', nodeId: null, service: null, startedAt: minute(0), endedAt: null, measuredMs: 0, lastMeasuredAt: null });
      const again = await store.openOutage({ systemId: 's', nodeId: null, startedAt: minute(3) });
      assert.deepEqual(again, sys, 'reopening returns the open outage with its original start');
      const nodeA = await store.openOutage({ systemId: 's', nodeId: 'a', startedAt: minute(1) });
      const whois = await store.openOutage({ systemId: 's', service: 'whois', startedAt: minute(2) });
      const other = await store.openOutage({ systemId: 't', startedAt: minute(2) });
      assert.equal(new Set([sys.id, nodeA.id, whois.id, other.id]).size, 4);
      assert.deepEqual((await store.openOutages('s')).map((o) => o.id), [sys.id, nodeA.id, whois.id]);
      assert.equal((await store.openOutages()).length, 4);

      const closed = await store.closeOutage(nodeA.id, minute(10));
      assert.equal(closed?.endedAt, minute(10));
      assert.equal((await store.closeOutage(nodeA.id, minute(20)))?.endedAt, minute(10));
      assert.equal(await store.closeOutage(987654, minute(20)), null);
      assert.deepEqual((await store.openOutages('s')).map((o) => o.id), [sys.id, whois.id]);

      const reopened = await store.openOutage({ systemId: 's', nodeId: 'a', startedAt: minute(30) });
      assert.notEqual(reopened.id, nodeA.id);
      assert.equal(reopened.startedAt, minute(30));
    }));

  it('outageHistory returns outages overlapping [from, to), oldest first, including open ones', () =>
    withStore(makeStore, async (store) => {
      const mk = async (node: string, start: number, end: number | null): Promise<number> => {
        const o = await store.openOutage({ systemId: 's', nodeId: node, startedAt: minute(start) });
        if (end !== null) await store.closeOutage(o.id, minute(end));
        return o.id;
      };
      await mk('before', 0, 10); // ends exactly at from: no overlap
      const straddle = await mk('straddle', 5, 15);
      const inside = await mk('inside', 12, 14);
      const open = await mk('open', 18, null);
      await mk('after', 20, 25); // starts exactly at to: no overlap
      await store.openOutage({ systemId: 'other', startedAt: minute(12) });
      const h = await store.outageHistory('s', minute(10), minute(20));
      assert.deepEqual(h.map((o) => o.id), [straddle, inside, open]);
      assert.equal(h[2].endedAt, null);
    }));
}
