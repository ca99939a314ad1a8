// `serve` with registry.sinkhole.listen (issue 11 item 6): the daemon starts the built-in sinkhole
// server on that address, answers for the names the store has sinkholed (A → the sinkhole's address)
// and refuses the others, and logs every query (time, client, name, type, case) to
// <data>/sinkhole-log/; `names sinkhole-serve` runs the same service in the foreground; a listen value that is not address:port stops serve with the field's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as packet from '@leichtgewicht/dns-packet';
import { readSinkholeLog } from '../src/authserver/sinkhole-server.ts';
import { openStore } from '../src/store/open-store.ts';
import { sinkholeLogDir } from '../src/registry/connectors.ts';
import { spawn } from 'node:child_process';
import { BIN, ROOT, runCli, startServe, stopServe, waitFor, type Serve } from './platform-harness.ts';
import { freePort } from './support/dns-client-nsd.ts';

const ADDRESS = '127.0.75.1';

function configText(listen: string): string {
  return `organizations:
  - { id: reg, role: registry }
systems: []
http: { listen: "127.0.0.1:0" }
registry:
  zones: [lab.]
  connector:
    kind: dns-update
    primary: { address: 127.0.0.1, port: 9 }
    tsig: { name: dw-key, algorithm: hmac-sha256, secret: "${Buffer.alloc(32, 7).toString('base64')}" }
  sinkhole: { nameservers: [ns1.sinkhole.test.], addresses: [192.0.2.66], listen: "${listen}" }
`;
}

function ask(port: number, name: string, type: 'A' | 'TXT'): Promise<packet.Packet> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.close(); reject(new Error(`no answer for ${name}`)); }, 5000);
    socket.on('message', (msg) => { clearTimeout(timer); socket.close(); resolve(packet.decode(msg)); });
    socket.bind(0, '127.0.0.1', () => socket.send(packet.encode({ id: 7, type: 'query', questions: [{ name, type }] }), port, ADDRESS));
  });
}

test('serve starts the sinkhole from registry.sinkhole.listen: sinkholed names answered, others refused, every query logged', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-serve-sinkhole-'));
  let serve: Serve | undefined;
  t.after(async () => {
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  const data = path.join(dir, 'data');
  const store = await openStore({ url: null, dataDir: data });
  await store.recordNameActions([{ name: 'evil.lab.', status: 'sinkholed', locked: false, saved: null, until: null, caseId: 'TC-9', updatedAt: '2026-11-23T08:00:00.000Z' }], []);
  await store.close();
  const port = await freePort(ADDRESS);
  const config = path.join(dir, 'config.yaml');
  await writeFile(config, configText(`${ADDRESS}:${port}`));

  serve = await startServe(config, data);
  await waitFor('the sinkhole started', async () => (serve!.stderr().includes(`sinkhole: answering for the sinkholed names on ${ADDRESS}:${port}`) ? true : undefined));
  const a = await ask(port, 'www.evil.lab', 'A');
  assert.equal(a.rcode, 'NOERROR');
  assert.deepEqual(a.answers?.map((r) => [r.name, r.type, r.data]), [['www.evil.lab', 'A', '192.0.2.66']]);
  const other = await ask(port, 'good.lab', 'A');
  assert.equal(other.rcode, 'REFUSED');
  assert.equal(await stopServe(serve), 0);

  const log = readSinkholeLog(sinkholeLogDir(data));
  assert.deepEqual(log.map((q) => [q.client, q.name, q.type, q.sinkholed, q.case]),
    [['127.0.0.1', 'www.evil.lab.', 'A', 'evil.lab.', 'TC-9'], ['127.0.0.1', 'good.lab.', 'A', null, null]]);
  assert.ok(log.every((q) => !Number.isNaN(Date.parse(q.at))));
});

test('registry.sinkhole.listen that is not address:port: serve stops with the field and the reason', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-serve-sinkhole-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = path.join(dir, 'config.yaml');
  for (const [listen, reason] of [['sinkhole.lab', /is not address:port/], ['nowhere:53', /'nowhere' is not an IP address/], ['127.0.0.1:70000', /above 65535/]] as const) {
    await writeFile(config, configText(listen));
    const r = await runCli(['serve', '--config', config, '--data', path.join(dir, 'data')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /registry\.sinkhole\.listen/);
    assert.match(r.stderr, reason);
  }
});

test('names sinkhole-serve: the same service in the foreground on --listen, until SIGTERM', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-sinkhole-serve-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data = path.join(dir, 'data');
  const store = await openStore({ url: null, dataDir: data });
  await store.recordNameActions([{ name: 'evil.lab.', status: 'sinkholed', locked: false, saved: null, until: null, caseId: null, updatedAt: '2026-11-23T08:00:00.000Z' }], []);
  await store.close();
  const config = path.join(dir, 'config.yaml');
  await writeFile(config, configText('127.0.0.1:9'));
  const port = await freePort(ADDRESS);
  const child = spawn(process.execPath, [BIN, 'names', 'sinkhole-serve', '--config', config, '--data', data, '--listen', `${ADDRESS}:${port}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor('sinkhole-serve listening', async () => (err.includes(`sinkhole: serving 1 names on ${ADDRESS}:${port}`) ? true : undefined));
  assert.deepEqual((await ask(port, 'evil.lab', 'A')).answers?.map((r) => r.data), ['192.0.2.66']);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, err);
  assert.deepEqual(readSinkholeLog(sinkholeLogDir(data)).map((q) => [q.name, q.sinkholed]), [['evil.lab.', 'evil.lab.']]);
});
