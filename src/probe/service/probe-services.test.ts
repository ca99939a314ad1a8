import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { checkServices, rdapCheck, whoisCheck } from './probe-services.ts';
import { authSystem } from '../testing/config-fixture.ts';

const listen = (server: net.Server | http.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
const close = (server: net.Server | http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test('WHOIS: the answer must name the known name; closed, silent or garbage is down', async () => {
  const server = net.createServer((s) => {
    s.on('error', () => {});
    s.once('data', (q) => {
      const name = q.toString().trim();
      if (name === 'silent.lab') return;
      s.end(name === 'junk.lab' ? '\x00\x01garbage' : `Domain Name: ${name.toUpperCase()}\r\nRegistrar: lab\r\n`);
    });
  });
  const port = await listen(server);
  const ok = await whoisCheck('127.0.0.1', port, 'nic.lab', 'nic.lab', 2000);
  assert.equal(ok.up, true, ok.error);
  assert.ok(ok.latencyMs !== null && ok.latencyMs >= 0);
  assert.deepEqual(await whoisCheck('127.0.0.1', port, 'junk.lab', 'junk.lab', 2000), { up: false, latencyMs: null, error: 'the answer does not name junk.lab' });
  assert.deepEqual(await whoisCheck('127.0.0.1', port, 'silent.lab', 'silent.lab', 200), { up: false, latencyMs: null, error: 'timeout' });
  assert.equal((await whoisCheck('127.0.0.1', port, 'junk.lab', undefined, 2000)).up, true, 'without a known name (old configs) any answer is up');
  await close(server);
  const refused = await whoisCheck('127.0.0.1', port, 'nic.lab', 'nic.lab', 1000);
  assert.equal(refused.up, false);
  assert.match(refused.error ?? '', /ECONNREFUSED/);
});

test('RDAP: 200 with objectClassName "domain" and the ldhName; anything else down (old configs: 200/404 JSON)', async () => {
  const server = http.createServer((req, res) => {
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/rdap+json' }); res.end(JSON.stringify(body)); };
    if (req.url === '/domain/nic.lab') return json(200, { objectClassName: 'domain', ldhName: 'NIC.LAB', status: ['active'] });
    if (req.url === '/domain/entity.lab') return json(200, { objectClassName: 'entity', handle: 'x' });
    if (req.url === '/domain/other.lab') return json(200, { objectClassName: 'domain', ldhName: 'else.lab' });
    if (req.url === '/domain/html.lab') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>'); return; }
    json(404, { errorCode: 404 });
  });
  const port = await listen(server);
  const base = `http://127.0.0.1:${port}/domain/`;
  assert.equal((await rdapCheck(`${base}nic.lab`, 'nic.lab', 2000)).up, true);
  assert.equal((await rdapCheck(`${base}entity.lab`, 'entity.lab', 2000)).error, 'objectClassName is "entity", not "domain"');
  assert.equal((await rdapCheck(`${base}other.lab`, 'other.lab', 2000)).error, 'ldhName is "else.lab", not other.lab');
  assert.equal((await rdapCheck(`${base}html.lab`, 'html.lab', 2000)).error, 'response is not JSON');
  assert.equal((await rdapCheck(`${base}gone.lab`, 'gone.lab', 2000)).error, 'HTTP 404');
  assert.equal((await rdapCheck(`${base}gone.lab`, undefined, 2000)).up, true, 'old check: a 404 JSON answer is up');
  await close(server);
});

test('checkServices checks only what the system declares, each with its SLA limit', async () => {
  const sys = authSystem('s', ['lab.'], []);
  assert.deepEqual(await checkServices(sys, 100), {});
  const gone = net.createServer();
  const port = await listen(gone);
  await close(gone);
  const out = await checkServices({ ...sys, services: { whois: { address: '127.0.0.1', port }, registration: { epp: { address: '127.0.0.1', port } } } }, 500);
  assert.deepEqual(Object.keys(out).sort(), ['registration', 'whois']);
  assert.equal(out.whois?.up, false);
  assert.equal(out.whois?.degradedAboveMs, 2000);
  assert.equal(out.registration?.up, false);
  assert.equal(out.registration?.degradedAboveMs, 4000);
  const tuned = await checkServices({ ...sys, services: { whois: { address: '127.0.0.1', port, degradedAbove: '750ms' } } }, 500);
  assert.equal(tuned.whois?.degradedAboveMs, 750);
});
