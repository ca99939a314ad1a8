// fetchZoneByAxfr against real primaries (NSD, Knot, BIND) and our own server, each serving the same zone file
// on a loopback port: the transferred records must equal the parsed zone file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchZoneByAxfr } from '../src/zone/axfr-fetch.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import type { Zone } from '../src/zone/zone-types.ts';
import { startAuthServer } from '../src/authserver/auth-server.ts';
import { axfrMessages, buildZoneIndex } from '../src/authserver/zone-index.ts';
import { LAB_ZONE, hasBinary, udpQuery } from './authserver-helpers.ts';
import { skipPeer } from './support/peers.ts';

// ~2,500 records: large enough that every server splits the transfer over several messages
const BULK = Array.from({ length: 600 }, (_v, i) =>
  `h${i} A 10.1.${i >> 8}.${i & 0xff}\nh${i} AAAA 2001:db8:1::${i.toString(16)}\nh${i} TXT "record number ${i}"\nh${i} MX 10 mx${i}\n`).join('');
const ZONE_TEXT = LAB_ZONE + BULK;
const expected = parseZoneFile(ZONE_TEXT, { origin: 'lab.' });
const keyed = (z: Zone): string[] => z.records.map((r) => `${r.name} ${r.ttl} ${r.type} ${r.data}`).sort();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls the SOA until the server answers NOERROR (bounded: 50 × 200 ms). */
async function waitReady(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const r = await udpQuery(port, 'lab', 'SOA', { timeoutMs: 200 });
    if (r?.rcode === 'NOERROR' && (r.answers ?? []).length === 1) return;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error('server did not start serving lab. within 10 s');
}

async function withDaemon(
  name: string, conf: (dir: string, port: number) => string, args: (confPath: string) => string[],
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `axfr-${name}-`));
  let child: ChildProcess | undefined;
  let stderr = '';
  try {
    const port = await freePort();
    writeFileSync(join(dir, 'lab.zone'), ZONE_TEXT);
    const confPath = join(dir, `${name}.conf`);
    writeFileSync(confPath, conf(dir, port));
    child = spawn(name, args(confPath), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    try {
      await waitReady(port, child);
    } catch (e) {
      throw new Error(`${name}: ${(e as Error).message}\n${stderr}`);
    }
    const got = await fetchZoneByAxfr({ address: '127.0.0.1', port, zone: 'lab.', timeoutMs: 10_000 });
    assert.equal(got.origin, 'lab.');
    assert.equal(got.records[0].type, 'SOA');
    assert.deepEqual(keyed(got), keyed(expected));
    await assert.rejects(fetchZoneByAxfr({ address: '127.0.0.1', port, zone: 'other.', timeoutMs: 5000 }), /refused|NOTAUTH|REFUSED|NOTAUTH/i);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((res) => child!.once('exit', res));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((res) => setTimeout(res, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

test('axfr: from NSD', async (t) => {
  if (!hasBinary('nsd')) { skipPeer(t, 'peer missing: nsd not installed (Debian package "nsd")'); return; }
  await withDaemon('nsd', (dir, port) => `server:
  ip-address: 127.0.0.1
  port: ${port}
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  pidfile: "${dir}/nsd.pid"
  database: ""
  xfrdfile: "${dir}/xfrd.state"
  zonelistfile: "${dir}/zone.list"
  verbosity: 1
remote-control:
  control-enable: no
zone:
  name: lab.
  zonefile: lab.zone
  provide-xfr: 127.0.0.1 NOKEY
`, (c) => ['-d', '-c', c]);
});

test('axfr: from Knot', async (t) => {
  if (!hasBinary('knotd')) { skipPeer(t, 'peer missing: knotd not installed (Debian package "knot")'); return; }
  await withDaemon('knotd', (dir, port) => `server:
  rundir: "${dir}"
  listen: 127.0.0.1@${port}
database:
  storage: "${dir}/db"
control:
  listen: "${dir}/knot.sock"
log:
  - target: stderr
    any: warning
acl:
  - id: xfr
    address: 127.0.0.1
    action: transfer
template:
  - id: default
    storage: "${dir}"
    semantic-checks: off
zone:
  - domain: lab.
    file: lab.zone
    acl: xfr
`, (c) => ['-c', c]);
});

test('axfr: from BIND (named)', async (t) => {
  if (!hasBinary('named')) { skipPeer(t, 'peer missing: named not installed (Debian package "bind9")'); return; }
  await withDaemon('named', (dir, port) => `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  managed-keys-directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  notify no;
  dnssec-validation no;
  allow-transfer { 127.0.0.1; };
};
controls { };
zone "lab." { type primary; file "lab.zone"; };
`, (c) => ['-g', '-4', '-n', '1', '-c', c]);
});

test('axfr: from our own server (several messages)', async () => {
  assert.ok(axfrMessages(buildZoneIndex(expected)).length > 3, 'transfer should span several messages');
  const server = await startAuthServer({ zones: [expected], address: '127.0.0.1', port: 0 });
  try {
    const got = await fetchZoneByAxfr({ address: '127.0.0.1', port: server.port, zone: 'lab', timeoutMs: 10_000 });
    assert.deepEqual(keyed(got), keyed(expected));
    await assert.rejects(fetchZoneByAxfr({ address: '127.0.0.1', port: server.port, zone: 'www.lab.', timeoutMs: 5000 }), /NOTAUTH/);
    server.setFaults({ stopped: true });
    await assert.rejects(fetchZoneByAxfr({ address: '127.0.0.1', port: server.port, zone: 'lab.', timeoutMs: 300 }), /timed out/);
  } finally {
    await server.close();
  }
});
