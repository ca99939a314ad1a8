// `dnswarden probe --once --json` end to end: YAML config + zone file on disk, a lab server, fake
// WHOIS/RDAP services and the EPP test server (src/epp) on loopback; the truth is reloaded when the zone file changes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { run } from '../src/cli/cmd-probe.ts';
import { zoneText, generatedZone } from '../src/probe/testing/zone-generator.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { loadConfig } from '../src/config/load-config.ts';
import type { ProbeSnapshot } from '../src/probe/probe-engine.ts';
import { startEppTestServer, type EppTestServer } from '../src/epp/epp-test-server.ts';
import { makeTestCertificates } from '../src/epp/test-certificates.ts';

let dir: string;
let dns: AuthServer;
let tcpServer: net.Server;
let httpServer: http.Server;
let epp: EppTestServer;
let configFile: string;

const listen = (server: net.Server | http.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dw-probe-'));
  await writeFile(path.join(dir, 'example.lab.zone'), zoneText('example.lab.', 40));
  dns = await startAuthServer({ zones: [generatedZone('example.lab.', 40)], address: '127.0.0.1', port: 0 });
  // EPP: the test server over TLS (greeting, hello); WHOIS: a TCP server that answers a line.
  const certs = makeTestCertificates(dir);
  epp = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey }, clients: {} });
  tcpServer = net.createServer((s) => { s.on('data', () => s.end('No match\r\n')); s.on('error', () => {}); });
  httpServer = http.createServer((req, res) => {
    res.writeHead(req.url?.startsWith('/rdap/domain/') ? 404 : 500, { 'content-type': 'application/rdap+json' });
    res.end(JSON.stringify({ errorCode: 404, title: 'not found' }));
  });
  const tcpPort = await listen(tcpServer);
  const httpPort = await listen(httpServer);
  configFile = path.join(dir, 'config.yaml');
  await writeFile(configFile, `
organizations:
  - { id: big-dns, role: dns-provider, grade: 1, licensedBy: national }
systems:
  - id: big-dns-auth
    org: big-dns
    kind: authoritative
    zones: [example.lab.]
    nodes:
      - { id: ns1, address: 127.0.0.1, port: ${dns.port} }
    truth: { zonefile: ./example.lab.zone }
    check: { sample: all }
    services:
      registration: { epp: { address: 127.0.0.1, port: ${epp.port}, tls: { ca: ./ca.pem } } }
      whois: { address: 127.0.0.1, port: ${tcpPort} }
      rdap: { url: "http://127.0.0.1:${httpPort}/rdap/" }
probing:
  timeout: 6s
  transports: [udp]
`);
});

after(async () => {
  await dns?.close();
  tcpServer?.close();
  await epp?.close();
  httpServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function probeJson(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await run(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

test('probe --once --json prints only the snapshot: nodes, services, no errors', async () => {
  const { code, out, err } = await probeJson(['--config', configFile, '--once', '--json']);
  assert.equal(code, 0, err);
  const snap = JSON.parse(out) as ProbeSnapshot;
  const sys = snap.systems[0];
  assert.equal(sys.id, 'big-dns-auth');
  assert.equal(sys.kind, 'authoritative');
  assert.equal(sys.nodes[0].successRate, 1, JSON.stringify(sys.nodes[0].failures));
  assert.equal(sys.nodes[0].dataErrors, 0);
  assert.ok(sys.nodes[0].dataChecked > 40);
  assert.equal(sys.services?.registration?.up, true);
  assert.equal(sys.services?.whois?.up, true);
  assert.equal(sys.services?.rdap?.up, true);
  assert.equal(sys.services?.rdap?.downMinutes, 0);
  assert.ok(Date.parse(snap.at) >= Date.parse(snap.window.from));
});

test('the table output names each node; usage mistakes exit 2 through UsageError', async () => {
  const { code, out } = await probeJson(['--config', configFile, '--once']);
  assert.equal(code, 0);
  assert.match(out, /big-dns-auth\s+ns1\s+\d+\s+100\.00%/);
  await assert.rejects(run(['--once']), /missing '--config/);
  await assert.rejects(run(['--config', configFile, '--once', '--duration', '5']), /either/);
});

test('the truth is cached while the zone file is unchanged and reloaded when it changes', async () => {
  const config = await loadConfig(configFile);
  const truth = new CachedTruthProvider();
  const first = await truth.truthFor(config.systems[0]);
  assert.equal(await truth.truthFor(config.systems[0]), first, 'cached while the file is unchanged');
  await new Promise(r => setTimeout(r, 20));
  await writeFile(path.join(dir, 'example.lab.zone'), zoneText('example.lab.', 41));
  const second = await truth.truthFor(config.systems[0]);
  assert.notEqual(second, first);
  assert.ok(second!.recordCount > first!.recordCount);
});
