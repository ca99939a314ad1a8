// Recursive probing against a real resolver: unbound on loopback with a stub zone pointing at a lab
// authoritative server. Tampered authoritative data reaches the resolver's clients and must show up
// as data errors and as a hijacked key domain. Skipped when unbound is not installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { StaticTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import { generatedZone } from '../src/probe/testing/zone-generator.ts';
import { skipUnlessCi } from './support/peers.ts';

const UNBOUND = '/usr/sbin/unbound';
const UNBOUND_SKIP = skipUnlessCi(existsSync(UNBOUND) ? false : `peer missing: unbound not installed at ${UNBOUND} (Debian package "unbound")`);
const haveUnbound = !UNBOUND_SKIP;
const zone = generatedZone('rec.lab.', 400, 0);
const client = createDnsClient();
let auth: AuthServer;
let unbound: ChildProcess | undefined;
let dir: string;
let resolverPort = 0;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

before(async () => {
  if (!haveUnbound) return;
  auth = await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0 });
  auth.setFaults({ tamperRate: 0.01, tamperSeed: 4 });
  dir = await mkdtemp(path.join(tmpdir(), 'dw-unbound-'));
  resolverPort = await freePort();
  const conf = path.join(dir, 'unbound.conf');
  await writeFile(conf, `server:
  interface: 127.0.0.1
  port: ${resolverPort}
  username: ""
  chroot: ""
  directory: "${dir}"
  pidfile: "${dir}/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 0
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  module-config: "iterator"
  num-threads: 1
  outgoing-range: 256
  so-reuseport: no
stub-zone:
  name: "rec.lab."
  stub-addr: 127.0.0.1@${auth.port}
remote-control:
  control-enable: no
`);
  unbound = spawn(UNBOUND, ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Wait (bounded) until the resolver answers; fail here, clearly, when it never does.
  let ready = false;
  for (let i = 0; i < 100 && !ready; i++) {
    const a = await client.query({ address: '127.0.0.1', port: resolverPort, name: 'rec.lab.', type: 'SOA', timeoutMs: 200, recursionDesired: true });
    ready = a.outcome === 'answer' && a.rcode === 'NOERROR';
    if (!ready) await new Promise(r => setTimeout(r, 100));
  }
  assert.ok(ready, `unbound on 127.0.0.1:${resolverPort} never answered rec.lab. SOA (100 tries)`);
});

after(async () => {
  if (unbound && unbound.exitCode === null) {
    const exited = new Promise(r => unbound!.once('exit', r));
    unbound.kill('SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 3000))]);
  }
  await auth?.close();
  await client.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('resolver answers compared with the truth: tampered data and a hijacked key domain are found', { skip: UNBOUND_SKIP }, async () => {
  const tampered = auth.tamperedRecords();
  assert.ok(tampered.length >= 2);
  const victim = tampered.find(r => r.type === 'A' || r.type === 'AAAA') ?? tampered[0];
  const resolver = { ...authSystem('isp', [], [{ id: 'r1', address: '127.0.0.1', port: resolverPort }]), kind: 'recursive' as const };
  const cfg = probeConfig([authSystem('auth', [zone.origin], [{ id: 'ns1', address: '127.0.0.1', port: auth.port }]), resolver], { timeoutMs: 3000 }, [
    { name: victim.name, types: [victim.type], expect: 'authoritative', via: ['isp'] },
    { name: 'ns1.rec.lab', types: ['A'], expect: 'authoritative', via: ['isp'] },
  ]);
  const snap = await runProbeCycle(cfg, { client, truth: new StaticTruthProvider({ auth: [zone] }) });
  const [authSys, isp] = snap.systems;
  assert.equal(authSys.nodes[0].dataErrors, tampered.length);
  const r1 = isp.nodes[0];
  assert.equal(r1.successRate, 1, JSON.stringify(r1.failures));
  // Every tampered record is seen through the resolver (sample: all) exactly once: the victim through
  // the key-domain query only (it used to be counted twice, issue 8).
  assert.equal(r1.dataErrors, tampered.length);
  assert.equal(r1.keyDomainErrors, 1);
  const byName = Object.fromEntries(snap.keyDomains.map(f => [f.name, f.status]));
  assert.deepEqual(byName, { [victim.name]: 'hijacked', 'ns1.rec.lab.': 'ok' });
  const findings = snap.findings ?? [];
  const mismatch = findings.filter(f => f.kind === 'key-domain-mismatch');
  assert.deepEqual(mismatch.map(f => [f.node, f.subject, f.severity]), [['r1', `${victim.name}/${victim.type}`, 'critical']]);
  assert.match(String((mismatch[0].evidence.expected as string[])[0]), new RegExp(`^${victim.name.replace(/\./g, '\\.')} \\d+ IN ${victim.type} `));
  assert.equal(findings.filter(f => f.kind === 'resolver-data-wrong').length, tampered.length > 1 ? 1 : 0);
});
