import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditHash, GENESIS_HASH } from './audit-chain.ts';
import { verifyAuditLog } from './audit-verify.ts';
import type { AuditEntry } from './store.ts';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const fields = { seq, at: `2026-11-23T08:00:${String(seq % 60).padStart(2, '0')}.000Z`, actor: 'ops', action: 'x', org: null, target: null, detail: { seq }, prevHash: out.at(-1)?.hash ?? GENESIS_HASH };
    out.push({ ...fields, hash: auditHash(fields) });
  }
  return out;
}

/** Reads like Store#auditEntries, counting the pages asked for. */
function reader(entries: AuditEntry[]) {
  const calls: number[] = [];
  const read = async (fromSeq: number, limit: number) => {
    calls.push(fromSeq);
    return entries.filter((e) => e.seq >= fromSeq).slice(0, limit);
  };
  return { read, calls };
}

test('a whole chain verifies across pages; an empty log is ok with no head', async () => {
  const entries = chain(10);
  const r = reader(entries);
  assert.deepEqual(await verifyAuditLog(r.read, { pageSize: 3 }), { ok: true, head: { seq: 10, hash: entries[9].hash }, checked: 10 });
  assert.deepEqual(r.calls, [1, 4, 7, 10]);
  assert.deepEqual(await verifyAuditLog(reader([]).read), { ok: true, head: null, checked: 0 });
});

test('an edited entry, a removed entry (inside a page or at a page boundary), a removed first entry', async () => {
  const entries = chain(10);
  const edited = entries.map((e) => (e.seq === 5 ? { ...e, detail: { seq: 50 } } : e));
  assert.deepEqual(await verifyAuditLog(reader(edited).read, { pageSize: 3 }), {
    ok: false, seq: 5, problem: 'hash-mismatch', message: 'entry 5: content does not match its hash (edited)', checked: 4,
  });
  const inside = await verifyAuditLog(reader(entries.filter((e) => e.seq !== 5)).read, { pageSize: 3 });
  assert.deepEqual([inside.ok, !inside.ok && inside.seq, !inside.ok && inside.problem], [false, 6, 'seq-gap']);
  const boundary = await verifyAuditLog(reader(entries.filter((e) => e.seq !== 4)).read, { pageSize: 3 });
  assert.deepEqual([boundary.ok, !boundary.ok && boundary.seq, !boundary.ok && boundary.message], [false, 5, 'entry 5 follows 3: entries missing']);
  const first = await verifyAuditLog(reader(entries.slice(1)).read, { pageSize: 3 });
  assert.deepEqual([first.ok, !first.ok && first.seq, !first.ok && first.problem], [false, 2, 'seq-gap']);
});

test('a recorded head finds the newest entries removed or replaced', async () => {
  const entries = chain(10);
  const head = { seq: 10, hash: entries[9].hash };
  assert.equal((await verifyAuditLog(reader(entries).read, { pageSize: 4, expectedHead: head })).ok, true);
  const cut = await verifyAuditLog(reader(entries.slice(0, 8)).read, { pageSize: 4, expectedHead: head });
  assert.deepEqual([cut.ok, !cut.ok && cut.problem], [false, 'head-mismatch']);
  const other = await verifyAuditLog(reader(entries).read, { expectedHead: { seq: 3, hash: entries[4].hash } });
  assert.deepEqual([other.ok, !other.ok && other.seq], [false, 3]);
});
