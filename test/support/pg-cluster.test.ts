// Finding PostgreSQL's server binaries for any installed major, not one hard-coded version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findPgBin } from './pg-cluster.ts';

function fakeRoot(t: { after: (fn: () => void) => void }, withServer: string[], clientOnly: string[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dw-pgbin-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const major of [...withServer, ...clientOnly]) mkdirSync(path.join(root, major, 'bin'), { recursive: true });
  for (const major of withServer) for (const bin of ['initdb', 'pg_ctl']) writeFileSync(path.join(root, major, 'bin', bin), '');
  return root;
}

test('findPgBin: the highest major that has initdb and pg_ctl, numerically (16 above 9.6)', (t) => {
  const root = fakeRoot(t, ['9.6', '13', '16'], ['17']);
  assert.equal(findPgBin({ env: {}, root, pgConfig: '/nonexistent/pg_config' }), path.join(root, '16', 'bin'));
});

test('findPgBin: pg_config --bindir first when the server is there, else the folders', (t) => {
  const root = fakeRoot(t, ['14', '15']);
  const script = path.join(root, 'pg_config');
  writeFileSync(script, `#!/bin/sh\necho ${path.join(root, '14', 'bin')}\n`);
  chmodSync(script, 0o755);
  assert.equal(findPgBin({ env: {}, root, pgConfig: script }), path.join(root, '14', 'bin'));
  writeFileSync(script, `#!/bin/sh\necho ${path.join(root, '18', 'bin')}\n`); // libpq's major, no server installed
  assert.equal(findPgBin({ env: {}, root, pgConfig: script }), path.join(root, '15', 'bin'));
});

test('findPgBin: $DNSWARDEN_PG_BIN wins; nothing installed → undefined', (t) => {
  const root = fakeRoot(t, ['15']);
  assert.equal(findPgBin({ env: { DNSWARDEN_PG_BIN: '/opt/pg/bin' }, root }), '/opt/pg/bin');
  assert.equal(findPgBin({ env: {}, root: path.join(root, 'absent'), pgConfig: '/nonexistent/pg_config' }), undefined);
  assert.equal(findPgBin({ env: {}, root: fakeRoot(t, [], ['16']), pgConfig: '/nonexistent/pg_config' }), undefined);
});
