// `dnswarden serve` with the security settings (issue 9): the printed first password must be changed
// before anything else; /metrics asks for http.metricsToken; the audit chain is keyed with
// audit.keyFile and its head anchored to audit.anchor.file, which `audit verify --expect-head` checks.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServe, stopServe, waitFor } from './platform-harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dnswarden-serve-sec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('serve: forced password change, metrics token, keyed audit chain anchored outside the database', async () => {
  writeFileSync(join(dir, 'audit.key'), 'a-key-outside-the-database-0123456789abcdef\n', { mode: 0o600 });
  const config = join(dir, 'c.yaml');
  writeFileSync(config, `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
systems:
  - { id: t, org: reg, kind: tld, zone: t., nodes: [{ id: a, address: 127.0.77.1, port: 5399 }] }
probing: { interval: 30s, timeout: 6s }
http: { listen: '127.0.0.1:0', metricsToken: metrics-token-0123456789 }
audit: { keyFile: audit.key, anchor: { file: anchor/head.json, interval: 1h } }
`);
  const data = join(dir, 'data');
  const serve = await startServe(config, data);
  try {
    const [, user, printed] = await waitFor('the console line', () => /console: \S+ — user (\S+), password (\S+) \(shown once/.exec(serve.stderr()) ?? undefined, 15_000);
    const login = await fetch(`${serve.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: printed }) });
    assert.equal(login.status, 200);
    const { token } = await login.json() as { token: string };
    const me = await (await fetch(`${serve.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json() as { mustChangePassword: boolean };
    assert.equal(me.mustChangePassword, true);
    const systems = await fetch(`${serve.url}/api/v1/systems`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(systems.status, 403);
    assert.equal((await systems.json() as { code: string }).code, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal((await fetch(`${serve.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${serve.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status, 200);
    const anchorFile = join(dir, 'anchor/head.json');
    const anchor = await waitFor('the anchor file', () => (existsSync(anchorFile) ? JSON.parse(readFileSync(anchorFile, 'utf8')) as { seq: number; hash: string } : undefined), 15_000);
    assert.match(anchor.hash, /^hmac:[0-9a-f]{64}$/);
    assert.match(serve.stderr(), /audit: the chain is keyed/);
  } finally {
    assert.equal(await stopServe(serve), 0);
  }
  const verify = spawnSync(process.execPath, [resolve(root, 'bin/dnswarden.mjs'), 'audit', 'verify', '--config', config, '--data', data, '--expect-head', join(dir, 'anchor/head.json')], { encoding: 'utf8' });
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /^ok: \d+ entries, head \d+:hmac:/);
});
