// DGA lists (issue 11 item 5) with 500 names against a real Knot primary: `names block --sinkhole
// --until 90d --file` creates every name at the primary pointing at the sinkhole (batched UPDATE),
// reports progress on stderr and each name on stdout; a second run is all "already"; a registered
// name is refused; `status` reads them back; the blocks whose agreed period ended are lifted by
// expire (clock injected), the others stay.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contractZoneText, SINKHOLE } from '../src/registry/connector.contract.ts';
import { DnsUpdateConnector } from '../src/registry/dns-update/dns-update-connector.ts';
import { NameService } from '../src/registry/name-service.ts';
import { liftExpiredBlocks } from '../src/registry/connectors.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { openStore } from '../src/store/open-store.ts';
import { freePort } from './support/dns-client-nsd.ts';
import { newKey, startKnotPrimary, type Primary } from './support/registry-primaries.ts';

const ADDRESS = '127.0.73.1';
const root = path.resolve(import.meta.dirname, '..');
const dga = (p: string, i: number) => `${p}${(i * 2654435761 % 4294967296).toString(36)}${i}.lab.`;

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'dnswarden.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('DGA lists: 500 names blocked and sinkholed through dns-update (Knot)', { timeout: 120_000 }, () => {
  let dir = '', conf = '', data = '', port = 0;
  let primary: Primary | undefined;
  const key = newKey();
  const names = Array.from({ length: 500 }, (_, i) => dga('q', i));

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-dga-'));
    data = path.join(dir, 'data');
    port = await freePort(ADDRESS);
    primary = await startKnotPrimary({ dir: path.join(dir, 'knot'), address: ADDRESS, port, zone: 'lab.', zoneText: contractZoneText('lab.', ADDRESS), key });
    conf = path.join(dir, 'c.yaml');
    writeFileSync(conf, `organizations:\n  - { id: reg, role: registry }\nsystems: []\nregistry:\n  zones: [lab.]\n  connector:\n    kind: dns-update
    primary: { address: ${ADDRESS}, port: ${port} }\n    tsig: { name: ${key.name}, algorithm: ${key.algorithm}, secret: "${key.secret}" }
  sinkhole: { nameservers: [${SINKHOLE.nameservers.join(', ')}], addresses: [${SINKHOLE.addresses.join(', ')}] }\n`);
    writeFileSync(path.join(dir, 'dga.txt'), `# DGA family X, 500 names\n\n${names.map((n) => n.toUpperCase().replace(/\.$/, '')).join('\n')}\n`);
  });
  after(async () => {
    await primary?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('block --sinkhole --until --file: every name applied, created at the sinkhole, progress on stderr; again: already', async () => {
    const r = await cli(['names', 'block', '--sinkhole', '--until', '90d', '--config', conf, '--data', data, '--reason', 'DGA family X', '--file', path.join(dir, 'dga.txt'), '--json']);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.deepEqual(out.counts, { applied: 500, already: 0, refused: 0, failed: 0 });
    assert.deepEqual(out.results.map((x: { name: string }) => x.name), names);
    assert.match(r.err, /names block: read 500\/500/);
    assert.match(r.err, /names block: apply 500\/500/);
    const seen = await new DnsUpdateConnector({ zones: ['lab.'], primary: { address: ADDRESS, port }, tsig: key }).read(names);
    assert.equal(names.filter((n) => seen.get(n)!.delegation?.ns.join() === SINKHOLE.nameservers.join()).length, 500);

    const again = await cli(['names', 'block', '--sinkhole', '--config', conf, '--data', data, '--reason', 'DGA family X', '--file', path.join(dir, 'dga.txt'), '--json']);
    assert.deepEqual(JSON.parse(again.out).counts, { applied: 0, already: 500, refused: 0, failed: 0 });
    const status = await cli(['names', 'status', '--config', conf, '--data', data, names[0], 'good.lab', '--json']);
    assert.deepEqual(JSON.parse(status.out).results.map((x: { state: { status: string } }) => x.state.status), ['reserved-sinkholed', 'active']);
    const registered = await cli(['names', 'block', '--config', conf, '--data', data, '--reason', 'x', 'good.lab']);
    assert.equal(registered.code, 1);
    assert.match(registered.out, /good\.lab\.\trefused\tactive\tregistered \(active\): use hold or sinkhole/);
  });

  test('expire lifts the blocks whose agreed period ended, and only those', async () => {
    const t0 = Date.UTC(2026, 11, 1, 0, 0, 0);
    const store = await openStore({ url: null, dataDir: data });
    try {
      const connector = new DnsUpdateConnector({ zones: ['lab.'], primary: { address: ADDRESS, port }, tsig: key });
      const short = Array.from({ length: 200 }, (_, i) => dga('short', i));
      const at = (ms: number) => new NameService({ store, connector, sinkhole: SINKHOLE, now: () => new Date(ms) });
      const blocked = await at(t0).run({ action: 'block', names: short, reason: 'DGA, one hour', actor: 'test', until: new Date(t0 + 3_600_000).toISOString() });
      assert.equal(blocked.filter((r) => r.outcome === 'applied').length, 200);
      assert.deepEqual(await at(t0 + 1_800_000).expire('test'), []);
      const lifted = await at(t0 + 7_200_000).expire('test');
      assert.deepEqual(lifted.map((r) => r.name).sort(), [...short].sort());
      assert.ok(lifted.every((r) => r.outcome === 'applied' && r.state?.status === 'absent'));
      assert.equal((await store.listNameStates({ statuses: ['reserved-sinkholed'] })).length, 500, 'the 90-day blocks stay');
      assert.deepEqual((await store.nameHistory(short[0])).map((h) => h.action), ['block', 'unblock']);
      // serve's tick: the same through the configured connector, nothing when none are due
      const config = await loadConfig(conf);
      await at(t0).run({ action: 'block', names: short.slice(0, 3), reason: 'again', actor: 'test', until: new Date(t0 + 3_600_000).toISOString() });
      assert.deepEqual(await liftExpiredBlocks(config, store, () => new Date(t0)), []);
      assert.deepEqual(await liftExpiredBlocks(config, store, () => new Date(t0 + 7_200_000)), ['names: 3 expired blocks lifted (3 applied, 0 already, 0 refused, 0 failed)']);
      assert.deepEqual((await store.nameHistory(short[0])).map((h) => `${h.action} ${h.actor}`), ['block test', 'unblock test', 'block test', 'unblock system']);
    } finally {
      await store.close();
    }
  });
});
