// The Store contract on embedded SQLite (node:sqlite), plus SQLite-only checks.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '../src/store/open-store.ts';
import { runStoreContract } from '../src/store/store.contract.ts';
import { migrations } from '../src/store/migrations/index.ts';

const root = mkdtempSync(join(tmpdir(), 'dnswarden-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

runStoreContract('sqlite', async () => {
  const dataDir = join(root, `db${++n}`);
  const store = await openStore({ url: null, dataDir });
  return {
    store,
    reopen: () => openStore({ url: null, dataDir }),
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describe('sqlite backend specifics', () => {
  it('openStore({ url: null }) creates <dataDir>/dnswarden.sqlite in WAL mode with the migrations recorded', async () => {
    const dataDir = join(root, 'nested', 'data');
    const store = await openStore({ url: null, dataDir });
    try {
      assert.equal(store.backend, 'sqlite');
      const file = join(dataDir, 'dnswarden.sqlite');
      assert.ok(existsSync(file));
      const peek = new DatabaseSync(file, { readOnly: true });
      try {
        assert.equal((peek.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
        const versions = peek.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => Number(r.version));
        assert.deepEqual(versions, migrations.map((m) => m.version), 'every migration applied');
      } finally {
        peek.close();
      }
    } finally {
      await store.close();
    }
  });

  it('the audit table refuses UPDATE and DELETE (append-only at the database level)', async () => {
    const dataDir = join(root, 'audit-guard');
    const store = await openStore({ url: null, dataDir });
    await store.appendAudit({ at: '2026-11-23T08:00:00Z', actor: 'a', action: 'b' });
    await store.close();
    const db = new DatabaseSync(join(dataDir, 'dnswarden.sqlite'));
    try {
      assert.throws(() => db.exec(`UPDATE audit_log SET actor = 'mallory'`), /append-only/);
      assert.throws(() => db.exec('DELETE FROM audit_log'), /append-only/);
    } finally {
      db.close();
    }
  });

  it('an unknown URL scheme is refused with a clear message', async () => {
    await assert.rejects(openStore({ url: 'mysql://x' }), /unsupported scheme "mysql"/);
  });
});
