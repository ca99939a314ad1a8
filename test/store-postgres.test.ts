// The Store contract on PostgreSQL (a throwaway cluster), plus the server going away mid-use.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { cycle, minute, node } from '../src/store/contract/fixtures.ts';
import { openStore } from '../src/store/open-store.ts';
import { runStoreContract } from '../src/store/store.contract.ts';
import { StoreUnavailableError } from '../src/store/store-errors.ts';
import type { StoredCycle } from '../src/store/store.ts';
import { PG_SKIP, startPgCluster, type PgCluster } from './support/pg-cluster.ts';

const skip = PG_SKIP;
let cluster: PgCluster | undefined;
before(async () => {
  if (!skip) cluster = await startPgCluster();
}, { timeout: 120_000 });
after(async () => {
  await cluster?.stop();
});

let n = 0;
runStoreContract('postgres', async () => {
  const url = await cluster!.createDatabase(`contract_${++n}`);
  const store = await openStore({ url });
  return { store, reopen: () => openStore({ url }), cleanup: () => store.close() };
}, { skip });

describe('postgres going away', { skip }, () => {
  it('a server stopped mid-use makes calls reject (no crash); after a restart the same store works again', { timeout: 120_000 }, async () => {
    const url = await cluster!.createDatabase('going_away');
    const poolErrors: Error[] = [];
    const store = await openStore({ url, postgres: { onPoolError: (e) => poolErrors.push(e), connectTimeoutMs: 2_000 } });
    try {
      await Promise.all([0, 1, 2, 3, 4].map((m) => store.recordCycle(cycle('s', minute(m), [node('a'), node('b')]))));
      await store.appendAudit({ at: minute(0), actor: 'ops', action: 'before-stop' });

      // Writes keep going while the server shuts down: each one either lands or rejects cleanly.
      const outcomes: unknown[] = [];
      let stopping = true;
      const writer = (async () => {
        for (let i = 0; i < 5_000 && stopping; i++) {
          outcomes.push(await store.recordCycle(cycle('s', minute(100 + i), [node('a')])).then(() => 'ok', (e: unknown) => e));
        }
      })();
      await cluster!.stopServer();
      stopping = false;
      await writer;
      assert.ok(outcomes.length > 0);
      for (const r of outcomes) assert.ok(r === 'ok' || r instanceof StoreUnavailableError, `unexpected outcome: ${String(r)}`);
      if (process.env.DNSWARDEN_TEST_VERBOSE) {
        console.log(`writes during shutdown: ${outcomes.filter((r) => r === 'ok').length} ok, ${outcomes.filter((r) => r !== 'ok').length} rejected; pool errors: ${poolErrors.length}`);
      }

      // Down: every kind of call rejects with StoreUnavailableError.
      await assert.rejects(store.recordCycle(cycle('s', minute(200), [node('a')])), StoreUnavailableError);
      await assert.rejects(store.latestBySystem(), StoreUnavailableError);
      await assert.rejects(store.appendAudit({ at: minute(200), actor: 'ops', action: 'while-down' }), StoreUnavailableError);
      await assert.rejects(store.claimDueNotifications(minute(200), 10), StoreUnavailableError);
      await assert.rejects(store.updateIncident('x', 1, { updatedAt: minute(200) }), StoreUnavailableError);

      await cluster!.startServer();
      // The pool reconnects by itself; allow a bounded number of tries for stale sockets.
      let latest: StoredCycle[] | undefined;
      for (let attempt = 0; attempt < 40 && !latest; attempt++) {
        try {
          latest = await store.latestBySystem();
        } catch (err) {
          assert.ok(err instanceof StoreUnavailableError, String(err));
          await sleep(250);
        }
      }
      assert.ok(latest, 'the store did not recover after the restart');
      assert.equal(latest[0].systemId, 's');
      assert.ok(latest[0].at >= minute(4), 'data written before the stop is kept');

      // The caller retries what failed: recordCycle is idempotent, so a retry of a write that did land is harmless.
      assert.deepEqual(await store.recordCycle(cycle('s', minute(200), [node('a')])), { created: true });
      assert.deepEqual(await store.recordCycle(cycle('s', minute(4), [node('a')])), { created: false });
      const audit = await store.appendAudit({ at: minute(201), actor: 'ops', action: 'after-restart' });
      assert.equal(audit.seq, 2);
      assert.ok(poolErrors.every((e) => e instanceof Error));
    } finally {
      await store.close();
    }
  });
});
