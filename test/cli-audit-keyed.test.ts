// Security review (issue 9) items 10 and 12 end to end through bin/dnswarden.mjs: the audit chain
// keyed with audit.keyFile — rewriting an entry and recomputing the plain SHA-256 chain (all one can
// do with the database alone) fails `audit verify`; an old plain chain stays verifiable and is keyed
// from the next entry; `audit anchor` records the head in a file that `verify --expect-head <file>`
// checks; and `users` applies the API's password policy.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ensureKeyedHead } from '../src/store/audit-anchor.ts';
import { openStore } from '../src/store/open-store.ts';
import { forgeAuditLog, runCli } from './platform-harness.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dnswarden-keyed-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const KEY = 'a-secret-kept-outside-the-database-0123456789';

function config(name: string, audit: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'audit.key'), `${KEY}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'c.yaml'), `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
systems:
  - { id: t, org: reg, kind: tld, zone: t., nodes: [{ id: a, address: 127.0.0.1 }] }
${audit}`);
  return dir;
}

test('10. keyed chain: intact verifies; a rewritten, re-hashed log fails; a removed newest entry fails against the anchor file', async () => {
  const dir = config('keyed', 'audit: { keyFile: audit.key, anchor: { file: anchor.json } }\n');
  const cfg = join(dir, 'c.yaml');
  const data = join(dir, 'data');
  for (const u of ['ann.admin', 'bo.duty']) {
    const add = await runCli(['users', 'add', '--config', cfg, '--data', data, '--org', 'office', '--username', u, '--password-stdin'], 'a long passphrase 12345\n');
    assert.equal(add.code, 0, add.stderr);
  }
  const ok = await runCli(['audit', 'verify', '--config', cfg, '--data', data]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^ok: 2 entries, head 2:hmac:[0-9a-f]{64}\n$/);

  const anchored = await runCli(['audit', 'anchor', '--config', cfg, '--data', data]);
  assert.equal(anchored.code, 0, anchored.stderr);
  assert.equal(JSON.parse(readFileSync(join(dir, 'anchor.json'), 'utf8')).seq, 2);
  assert.equal((await runCli(['audit', 'verify', '--config', cfg, '--data', data, '--expect-head', join(dir, 'anchor.json')])).code, 0);

  const db = new DatabaseSync(join(data, 'dnswarden.sqlite'));
  db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2');
  db.close();
  assert.equal((await runCli(['audit', 'verify', '--config', cfg, '--data', data])).code, 0, 'cutting the newest entry passes alone…');
  const cut = await runCli(['audit', 'verify', '--config', cfg, '--data', data, '--expect-head', join(dir, 'anchor.json')]);
  assert.equal(cut.code, 1, '…but not against the anchor');
  assert.match(cut.stderr, /head-mismatch/);

  forgeAuditLog(join(data, 'dnswarden.sqlite'), (e) => (e.seq === 1 ? { ...e, target: 'FORGED' } : e)); // someone with the database file only
  const forged = await runCli(['audit', 'verify', '--config', cfg, '--data', data, '--json']);
  assert.equal(forged.code, 1, forged.stdout);
  assert.equal(JSON.parse(forged.stdout).problem, 'not-keyed');
});

test('10. an existing plain chain stays verifiable, and is keyed from the next entry once a key is configured', async () => {
  const dir = config('legacy', '');
  const data = join(dir, 'data');
  const plain = await openStore({ url: null, dataDir: data });
  for (let i = 0; i < 3; i++) await plain.appendAudit({ at: '2026-11-23T08:00:00Z', actor: 'u', action: 'login', target: null });
  await plain.close();
  assert.equal((await runCli(['audit', 'verify', '--config', join(dir, 'c.yaml'), '--data', data])).code, 0);
  writeFileSync(join(dir, 'keyed.yaml'), `${readFileSync(join(dir, 'c.yaml'), 'utf8')}audit: { keyFile: audit.key }\n`);
  const notYet = await runCli(['audit', 'verify', '--config', join(dir, 'keyed.yaml'), '--data', data]);
  assert.equal(notYet.code, 1, 'a key is configured but nothing is keyed yet');
  const keyed = await openStore({ url: null, dataDir: data, auditKey: Buffer.from(KEY) });
  assert.equal(await ensureKeyedHead(keyed, Buffer.from(KEY), '2026-11-23T09:00:00Z'), true, 'what serve does at start');
  assert.equal(await ensureKeyedHead(keyed, Buffer.from(KEY), '2026-11-23T09:00:00Z'), false, 'once');
  await keyed.close();
  const now = await runCli(['audit', 'verify', '--config', join(dir, 'keyed.yaml'), '--data', data]);
  assert.equal(now.code, 0, now.stderr);
  assert.match(now.stdout, /^ok: 4 entries, head 4:hmac:/);
});

test('12. `users` applies the same password policy as the API', async () => {
  const dir = config('policy', '');
  const cfg = join(dir, 'c.yaml');
  const data = join(dir, 'data');
  const short = await runCli(['users', 'add', '--config', cfg, '--data', data, '--org', 'office', '--username', 'li', '--password-stdin'], 'eight888\n');
  assert.equal(short.code, 2);
  assert.match(short.stderr, /at least 12 characters/);
  const same = await runCli(['users', 'add', '--config', cfg, '--data', data, '--org', 'office', '--username', 'wang.fang', '--password-stdin'], 'wang.fang-2026-ok\n');
  assert.equal(same.code, 2);
  assert.match(same.stderr, /must not contain the username/);
  assert.equal((await runCli(['users', 'add', '--config', cfg, '--data', data, '--org', 'office', '--username', 'li', '--password-stdin'], 'twelve chars ok\n')).code, 0);
});
