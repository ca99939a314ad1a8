// IXFR (RFC 1995) against a real Knot primary that keeps its changes in a journal: "current" when the
// serial has not moved, the incremental steps after the zone file moves on by one serial (3 records
// changed), and the AXFR truth refreshed by that IXFR through CachedTruthProvider — the same records as
// a full AXFR, with the previous version kept in the truth's history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary } from '../src/lab/real-servers.ts';
import { startServerProcess, tcpAnswers, type ServerProcess } from '../src/lab/server-process.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { fetchZoneByAxfr } from '../src/zone/axfr-fetch.ts';
import { fetchZoneChangesByIxfr } from '../src/zone/ixfr-fetch.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { authSystem } from '../src/probe/testing/config-fixture.ts';
import type { ZoneRecord } from '../src/zone/zone-types.ts';
import { freePort } from './support/dns-client-nsd.ts';

const ADDRESS = '127.0.66.1';
const CHANGED = [2, 5, 9];
const zoneText = (serial: number, moved: boolean) => ['$ORIGIN lab.', '$TTL 300', `@ IN SOA ns1 hostmaster ${serial} 3600 600 86400 300`,
  '@ IN NS ns1', `ns1 IN A ${ADDRESS}`,
  ...Array.from({ length: 12 }, (_, i) => `h${i} IN A ${moved && CHANGED.includes(i) ? `198.51.100.${i}` : `192.0.2.${i}`}`), ''].join('\n');
const soa = (serial: number): ZoneRecord => ({ name: 'lab.', type: 'SOA', ttl: 300, data: `ns1.lab. hostmaster.lab. ${serial} 3600 600 86400 300` });
const line = (r: ZoneRecord) => `${r.name} ${r.type} ${r.data}`;

const knotd = findBinary('knotd'), knotc = findBinary('knotc');

describe('IXFR from a real Knot primary', { timeout: 60_000 }, () => {
  let dir = '', conf = '', port = 0;
  let knot: ServerProcess | undefined;
  const client = createDnsClient();

  const servedSerial = async () => {
    const a = await client.query({ address: ADDRESS, port, name: 'lab.', type: 'SOA', timeoutMs: 1000 });
    return a.outcome === 'answer' && a.rcode === 'NOERROR' ? Number(a.answer[0]?.data.split(' ')[2]) : null;
  };

  before(async () => {
    assert.ok(knotd && knotc, 'knotd and knotc (Debian package knot) are needed');
    dir = mkdtempSync(path.join(tmpdir(), 'dw-ixfr-'));
    mkdirSync(path.join(dir, 'db'));
    port = await freePort(ADDRESS);
    writeFileSync(path.join(dir, 'lab.zone'), zoneText(1, false));
    conf = path.join(dir, 'knot.conf');
    // zonefile-load: difference + a journal of changes: a reload turns the file's changes into IXFR.
    writeFileSync(conf, ['server:', `  listen: ${ADDRESS}@${port}`, `  rundir: "${dir}"`, `  pidfile: "${dir}/knot.pid"`,
      'control:', `  listen: "${dir}/knot.sock"`, 'database:', `  storage: "${dir}/db"`, 'log:', '  - target: stderr', '    any: warning',
      'acl:', '  - id: xfr', '    address: 127.0.0.0/8', '    action: transfer',
      'template:', '  - id: default', `    storage: "${dir}"`, '    zonefile-sync: -1', '    zonefile-load: difference',
      '    journal-content: changes', '    semantic-checks: off', '    acl: xfr',
      'zone:', '  - domain: lab.', `    file: "${dir}/lab.zone"`, ''].join('\n'));
    knot = await startServerProcess('knot', knotd!, ['-c', conf], async () => await tcpAnswers(ADDRESS, port) && await servedSerial() === 1);
  });

  after(async () => {
    await Promise.allSettled([knot?.stop(), client.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('current, then the incremental step; the AXFR truth is refreshed by IXFR and keeps the previous version', async () => {
    const opts = { address: ADDRESS, port, zone: 'lab.', timeoutMs: 5000 };
    assert.deepEqual(await fetchZoneChangesByIxfr({ ...opts, haveSoa: soa(1) }), { kind: 'current', serial: 1 });

    const system = authSystem('lab-tld', ['lab.'], [], { kind: 'tld', truth: { axfr: { address: ADDRESS, port } } });
    const truth = new CachedTruthProvider({ axfrRefreshMs: 0, axfrTimeoutMs: 5000 });
    const v1 = (await truth.truthFor(system))!;
    assert.equal(v1.serial, 1);
    assert.equal(await truth.truthFor(system), v1, 'serial unchanged: IXFR says current, the same index is kept');
    assert.deepEqual(truth.transfers, { axfr: 1, ixfr: 0, ixfrCurrent: 1, ixfrFull: 0, ixfrFailed: 0 });

    writeFileSync(path.join(dir, 'lab.zone'), zoneText(2, true));
    const reload = spawnSync(knotc!, ['-c', conf, 'zone-reload', 'lab.'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(reload.status, 0, reload.stderr);
    for (let i = 0; i < 100 && await servedSerial() !== 2; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await servedSerial(), 2);

    const changes = await fetchZoneChangesByIxfr({ ...opts, haveSoa: soa(1) });
    assert.equal(changes.kind, 'incremental');
    if (changes.kind !== 'incremental') return;
    assert.equal(changes.serial, 2);
    assert.deepEqual(changes.steps.map((s) => [s.from, s.to, s.deleted.map(line).sort(), s.added.map(line).sort()]), [[1, 2,
      CHANGED.map((i) => `h${i}.lab. A 192.0.2.${i}`).sort(), CHANGED.map((i) => `h${i}.lab. A 198.51.100.${i}`).sort()]]);

    const v2 = (await truth.truthFor(system))!;
    assert.equal(truth.transfers.ixfr, 1);
    assert.equal(truth.transfers.axfr, 1, 'no second full transfer');
    assert.equal(v2.serial, 2);
    const full = await fetchZoneByAxfr(opts);
    assert.deepEqual(v2.toRecords().map(line).sort(), full.records.map(line).sort(), 'IXFR-applied truth equals a full AXFR');
    const since1 = v2.changesSince(1)!;
    assert.deepEqual([...since1.keys()].sort(), ['h2.lab.|A', 'h5.lab.|A', 'h9.lab.|A', 'lab.|SOA']);
    assert.deepEqual(since1.get('h5.lab.|A'), ['192.0.2.5']);
  });
});
