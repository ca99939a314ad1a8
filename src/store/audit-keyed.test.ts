// The keyed audit chain (format 2) on a real embedded store: rewriting an entry and recomputing the
// plain chain — all an attacker with only database access can do — fails verification with the key;
// an old plain chain stays verifiable and continues keyed; "on behalf of" context lands in the detail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgeAuditLog } from '../../test/platform-harness.ts';
import { isKeyedHash } from './audit-chain.ts';
import { auditContext } from './audit-context.ts';
import { verifyAuditLog } from './audit-verify.ts';
import { openStore } from './open-store.ts';
import { SQLITE_FILE } from './backends.ts';
import type { Store } from './store.ts';

const KEY = Buffer.from('k'.repeat(40));
const T0 = '2026-11-23T08:00:00.000Z';
const verify = (store: Store, key: Buffer | null) => verifyAuditLog((from, limit) => store.auditEntries(from, limit), { pageSize: 2, key });

test('a keyed chain: intact verifies with the key; a rewritten and re-hashed log does not; without the key: key-needed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-keyed-'));
  try {
    let store = await openStore({ url: null, dataDir: dir, auditKey: KEY });
    for (let i = 0; i < 5; i++) await store.appendAudit({ at: T0, actor: 'u1', action: 'incident.close', target: `inc-${i}`, detail: { n: i } });
    const entries = await store.auditEntries(1, 10);
    assert.ok(entries.every((e) => isKeyedHash(e.hash)));
    assert.equal((await verify(store, KEY)).ok, true);
    const noKey = await verify(store, null);
    assert.equal(noKey.ok ? 'ok' : noKey.problem, 'key-needed');
    const wrong = await verify(store, Buffer.from('x'.repeat(40)));
    assert.equal(wrong.ok ? 'ok' : wrong.problem, 'hash-mismatch');
    await store.close();

    forgeAuditLog(join(dir, SQLITE_FILE), (e) => (e.seq === 3 ? { ...e, target: 'inc-forged' } : e));
    store = await openStore({ url: null, dataDir: dir, auditKey: KEY });
    const forged = await verify(store, KEY);
    assert.equal(forged.ok, false, 'the plain recomputed chain must not pass with the key');
    assert.equal(forged.ok ? 'ok' : forged.problem, 'not-keyed');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an existing plain chain stays verifiable and continues keyed; a plain entry after keyed ones is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-keyed-'));
  try {
    let store = await openStore({ url: null, dataDir: dir });
    for (let i = 0; i < 3; i++) await store.appendAudit({ at: T0, actor: 'u1', action: 'login', target: null });
    assert.equal((await verify(store, null)).ok, true, 'format 1 without a key, as before');
    const head = await verify(store, KEY);
    assert.equal(head.ok ? 'ok' : head.problem, 'not-keyed', 'a key is configured but the head is plain');
    await store.close();
    store = await openStore({ url: null, dataDir: dir, auditKey: KEY });
    await store.appendAudit({ at: T0, actor: 'system', action: 'audit.keyed', target: null });
    assert.equal((await verify(store, KEY)).ok, true, 'plain entries 1-3, keyed from 4');
    await store.close();
    store = await openStore({ url: null, dataDir: dir });
    await store.appendAudit({ at: T0, actor: 'u1', action: 'login', target: null });
    const downgrade = await verify(store, KEY);
    assert.equal(downgrade.ok ? 'ok' : `${downgrade.problem}@${downgrade.seq}`, 'not-keyed@5');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inside an "on behalf of" context every entry says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-keyed-'));
  try {
    const store = await openStore({ url: null, dataDir: dir });
    await auditContext.run({ onBehalfOf: { issuer: 'admin-1', user: 'u1' } }, async () => {
      await store.appendAudit({ at: T0, actor: 'u1', action: 'incident.close', target: 'i', detail: { reason: 'x' } });
      await store.appendAudit({ at: T0, actor: 'u1', action: 'logout', target: null });
    });
    await store.appendAudit({ at: T0, actor: 'u1', action: 'login', target: null });
    const d = (await store.auditEntries(1, 10)).map((e) => e.detail);
    assert.deepEqual(d, [{ reason: 'x', onBehalfOf: { issuer: 'admin-1', user: 'u1' } }, { onBehalfOf: { issuer: 'admin-1', user: 'u1' } }, null]);
    assert.equal((await verify(store, null)).ok, true);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
