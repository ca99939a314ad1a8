// The lab TLD's registration and query services (issue 10 item 6): `lab up` starts the EPP test server
// (TLS, client certificate, login), WHOIS and RDAP on 127.0.11.1 and writes them into dnswarden.yaml;
// the service probe finds them up; `dnswarden lab fault <epp|whois|rdap> …` stops, silences, slows or
// garbles them and the probe sees each: down with its reason, or slow (degraded).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config.ts';
import type { ResolvedSystem } from '../src/config/config-types.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { checkServices } from '../src/probe/service/probe-services.ts';
import { BIN, freeLabPort, ROOT } from './platform-harness.ts';

describe('lab EPP, WHOIS and RDAP with faults', { timeout: 180_000 }, () => {
  let dir = '';
  let tld: ResolvedSystem;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-lab-services-'));
    await labUp({ dir, port: await freeLabPort(), resolver: 'forwarder', readyTimeoutMs: 30_000 });
    const config = await loadConfig(path.join(dir, 'dnswarden.yaml'));
    tld = config.systems.find((s) => s.id === 'lab-tld')!;
  });

  after(async () => {
    if (dir) {
      await labDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const probe = () => checkServices(tld, 6000);

  test('the generated config names the three services; all up (EPP with client certificate and login)', async () => {
    const epp = tld.services?.registration?.epp;
    assert.equal(epp?.clientId, 'dnswarden');
    assert.ok(epp?.tls?.cert?.endsWith('/epp/client.pem'), epp?.tls?.cert);
    assert.equal(tld.services?.whois?.knownName, 'gov.lab');
    const s = await probe();
    for (const name of ['registration', 'whois', 'rdap'] as const) assert.equal(s[name]?.up, true, `${name}: ${s[name]?.error}`);
    const status = spawnSync(process.execPath, [BIN, 'lab', 'status', '--dir', dir], { cwd: ROOT, encoding: 'utf8' });
    for (const name of ['epp', 'whois', 'rdap']) assert.match(status.stdout, new RegExp(`^  ${name} +127\\.0\\.11\\.1:\\d+ +service +listening  faults: none$`, 'm'), status.stdout);
  });

  test('lab fault epp silent (CLI): accepts TLS, never greets → down; clear → up', async () => {
    const r = spawnSync(process.execPath, [BIN, 'lab', 'fault', 'epp', 'silent', '--dir', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^epp \(127\.0\.11\.1:\d+\): faults: silent\n$/);
    const silent = (await probe()).registration;
    assert.deepEqual([silent?.up, silent?.error], [false, 'no greeting within 6000 ms']);
    await labFault(dir, 'epp', 'clear');
    assert.equal((await probe()).registration?.up, true);
    await labFault(dir, 'epp', 'stop');
    assert.match((await probe()).registration?.error ?? '', /ECONNREFUSED/);
    await labFault(dir, 'epp', 'start');
    assert.equal((await probe()).registration?.up, true);
  });

  test('whois garbage and rdap stop → down; rdap delay 2.1s → up but over its 2 s limit', async () => {
    await labFault(dir, 'whois', 'garbage');
    await labFault(dir, 'rdap', 'stop');
    const down = await probe();
    assert.deepEqual([down.whois?.up, down.whois?.error], [false, 'the answer does not name gov.lab']);
    assert.equal(down.rdap?.up, false);
    assert.match(down.rdap?.error ?? '', /fetch failed|ECONNREFUSED/);
    await labFault(dir, 'whois', 'clear');
    await labFault(dir, 'rdap', 'start');
    await labFault(dir, 'rdap', 'delay', '2100ms');
    const slow = await probe();
    assert.equal(slow.whois?.up, true);
    assert.equal(slow.rdap?.up, true, slow.rdap?.error);
    assert.ok(slow.rdap!.latencyMs! > slow.rdap!.degradedAboveMs!, `${slow.rdap?.latencyMs} > ${slow.rdap?.degradedAboveMs}`);
    await labFault(dir, 'rdap', 'clear');
  });

  test('usage: an unknown service fault kind exits 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'lab', 'fault', 'whois', 'tamper', '0.1', '--dir', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /unknown fault 'tamper' for a service/);
  });
});
