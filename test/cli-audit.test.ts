// `dnswarden audit` and `dnswarden users` end to end: spawns bin/dnswarden.mjs on an embedded
// database in a temp dir. The tampering tests edit the SQLite file directly, as someone with file
// access would: drop the append-only trigger, then change or delete a row.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { login } from '../src/auth/sessions.ts';
import { auditHash } from '../src/store/audit-chain.ts';
import { openStore } from '../src/store/open-store.ts';
import type { AuditEntry } from '../src/store/store.ts';
import { ROOT, runCli } from './platform-harness.ts';

const config = resolve(ROOT, 'test/fixtures/config/example.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'dnswarden-cli-audit-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A data dir whose audit log holds `count` entries; returns them as written. */
async function auditedDataDir(count: number): Promise<{ dir: string; entries: AuditEntry[] }> {
  const dir = join(tmp, `data${++n}`);
  const store = await openStore({ url: null, dataDir: dir });
  try {
    const entries: AuditEntry[] = [];
    for (let i = 1; i <= count; i++) {
      entries.push(await store.appendAudit({ at: `2026-11-23T08:0${i}:00Z`, actor: 'duty', action: 'incident.confirm-grade', org: 'lab-registry', target: `INC-${i}`, detail: { grade: 'III', i } }));
    }
    return { dir, entries };
  } finally {
    await store.close();
  }
}

function tamper(dir: string, ...sql: string[]): void {
  const db = new DatabaseSync(join(dir, 'dnswarden.sqlite'));
  try {
    for (const s of sql) db.exec(s);
  } finally {
    db.close();
  }
}

test('verify: an intact chain is ok, with its head; --json says the same', async () => {
  const { dir, entries } = await auditedDataDir(5);
  const r = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.deepEqual(r, { code: 0, stdout: `ok: 5 entries, head 5:${entries[4].hash}\n`, stderr: '' });
  const j = await runCli(['audit', 'verify', '-c', config, '--data', dir, '--json']);
  assert.equal(j.code, 0);
  assert.deepEqual(JSON.parse(j.stdout), { ok: true, entries: 5, head: { seq: 5, hash: entries[4].hash } });
  const pinned = await runCli(['audit', 'verify', '-c', config, '--data', dir, '--expect-head', `5:${entries[4].hash}`]);
  assert.equal(pinned.code, 0, pinned.stderr);
});

test('verify: an entry edited in the database file is named, exit 1', async () => {
  const { dir } = await auditedDataDir(5);
  tamper(dir, 'DROP TRIGGER audit_log_no_update', `UPDATE audit_log SET detail = '{"grade":"IV","i":3}' WHERE seq = 3`);
  const r = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'audit chain broken at entry 3 (hash-mismatch): entry 3: content does not match its hash (edited)\n2 entries before it verified\n');
  const j = await runCli(['audit', 'verify', '--config', config, '--data', dir, '--json']);
  assert.equal(j.code, 1);
  assert.deepEqual(JSON.parse(j.stdout), { ok: false, seq: 3, problem: 'hash-mismatch', message: 'entry 3: content does not match its hash (edited)', checkedBefore: 2 });
});

test('verify: an edit that also recomputes its own hash is caught at the next entry', async () => {
  const { dir, entries } = await auditedDataDir(4);
  const { hash: _old, ...fields } = { ...entries[1], actor: 'mallory' };
  tamper(dir, 'DROP TRIGGER audit_log_no_update', `UPDATE audit_log SET actor = 'mallory', hash = '${auditHash(fields)}' WHERE seq = 2`);
  const r = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'audit chain broken at entry 3 (prev-hash-mismatch): entry 3: prevHash does not match the previous entry\n2 entries before it verified\n');
});

test('verify: an entry whose detail is no longer JSON is named as unreadable', async () => {
  const { dir } = await auditedDataDir(4);
  tamper(dir, 'DROP TRIGGER audit_log_no_update', `UPDATE audit_log SET detail = '{grade: IV' WHERE seq = 3`);
  const r = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^audit chain broken at entry 3 \(unreadable\): entry 3: cannot be read back/);
});

test('verify: a deleted middle entry is a gap before the next one, exit 1', async () => {
  const { dir } = await auditedDataDir(5);
  tamper(dir, 'DROP TRIGGER audit_log_no_delete', 'DELETE FROM audit_log WHERE seq = 3');
  const r = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'audit chain broken at entry 4 (seq-gap): entry 4 follows 2: entries missing\n2 entries before it verified\n');
});

test('verify: deleting the newest entries passes alone but not against a recorded head', async () => {
  const { dir, entries } = await auditedDataDir(5);
  tamper(dir, 'DROP TRIGGER audit_log_no_delete', 'DELETE FROM audit_log WHERE seq >= 4');
  const plain = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /^ok: 3 entries, head 3:/);
  const pinned = await runCli(['audit', 'verify', '--config', config, '--data', dir, '--expect-head', `5:${entries[4].hash}`]);
  assert.equal(pinned.code, 1);
  assert.match(pinned.stderr, /entry 5 \(head-mismatch\): chain ends at 3, expected head 5: entries removed/);
});

test('audit list prints entries; mistakes are usage errors; a missing database is an error, not a new file', async () => {
  const { dir, entries } = await auditedDataDir(3);
  const r = await runCli(['audit', 'list', '--config', config, '--data', dir, '--from', '2', '--limit', '1']);
  assert.deepEqual(r, { code: 0, stdout: `2\t2026-11-23T08:02:00.000Z\tduty\tincident.confirm-grade\tlab-registry\tINC-2 {"grade":"III","i":2}\n`, stderr: '' });
  const j = await runCli(['audit', 'list', '--config', config, '--data', dir, '--json']);
  assert.deepEqual(JSON.parse(j.stdout), entries);
  assert.equal((await runCli(['audit', '--config', config])).code, 2);
  assert.equal((await runCli(['audit', 'fix', '--config', config])).code, 2);
  assert.equal((await runCli(['audit', 'verify'])).code, 2);
  assert.equal((await runCli(['audit', 'verify', '--config', config, '--expect-head', 'abc'])).code, 2);
  const missing = await runCli(['audit', 'verify', '--config', config, '--data', join(tmp, 'nothing-here')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no database at .*nothing-here/);
});

test('users add / list / disable: password from stdin signs in; every change is audited and the chain verifies', async () => {
  const dir = join(tmp, 'users');
  const add = await runCli(['users', 'add', '--config', config, '--data', dir, '--org', 'office', '--username', 'li.wei',
    '--role', 'admin', '--role', 'duty-officer', '--name', '李伟', '--password-stdin'], 'correct horse battery\n');
  assert.deepEqual(add, { code: 0, stdout: 'created user li.wei (office; admin, duty-officer)\n', stderr: '' });
  const gen = await runCli(['users', 'add', '--config', config, '--data', dir, '--org', 'lab-registry', '--username', 'ops', '--json']);
  assert.equal(gen.code, 0, gen.stderr);
  const created = JSON.parse(gen.stdout) as { user: Record<string, unknown>; password: string };
  assert.deepEqual([created.user.username, created.user.roles, 'passwordHash' in created.user], ['ops', ['viewer'], false]);
  assert.match(created.password, /^[A-Za-z0-9_-]{24}$/);

  const dup = await runCli(['users', 'add', '--config', config, '--data', dir, '--org', 'office', '--username', 'ops']);
  assert.deepEqual([dup.code, dup.stderr], [1, "dnswarden users: username 'ops' is taken\n"]);
  assert.equal((await runCli(['users', 'add', '--config', config, '--data', dir, '--org', 'nowhere', '--username', 'x'])).code, 2);
  assert.equal((await runCli(['users', 'add', '--config', config, '--data', dir, '--org', 'office', '--username', 'y', '--role', 'root'])).code, 2);
  assert.equal((await runCli(['users', 'add', '--config', config, '--data', dir, '--org', 'office', '--username', 'z', '--password-stdin'], 'short\n')).code, 2);
  assert.equal((await runCli(['users', 'disable', '--config', config, '--data', dir, '--username', 'ops'])).code, 0);
  assert.equal((await runCli(['users', 'disable', '--config', config, '--data', dir, '--username', 'ghost'])).code, 1);

  const list = await runCli(['users', 'list', '--config', config, '--data', dir]);
  assert.deepEqual(list, { code: 0, stdout: 'lab-registry\tops\tviewer\tdisabled\t\noffice\tli.wei\tadmin,duty-officer\tenabled\t李伟\n', stderr: '' });

  const store = await openStore({ url: null, dataDir: dir });
  try {
    assert.ok(await login(store, 'li.wei', 'correct horse battery'));
    assert.equal(await login(store, 'ops', created.password), null, 'disabled');
    assert.deepEqual((await store.auditEntries()).map((e) => [e.action, e.target]), [['user.create', 'li.wei'], ['user.create', 'ops'], ['user.disable', 'ops']]);
  } finally {
    await store.close();
  }
  const verify = await runCli(['audit', 'verify', '--config', config, '--data', dir]);
  assert.match(verify.stdout, /^ok: 3 entries, head 3:[0-9a-f]{64}\n$/);
});
