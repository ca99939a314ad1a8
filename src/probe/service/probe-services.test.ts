import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { checkServices, rdapCheck, tcpCheck } from './probe-services.ts';
import { authSystem } from '../testing/config-fixture.ts';

const listen = (server: net.Server | http.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
const close = (server: net.Server | http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test('a closed port is down; a silent WHOIS server is down after the timeout', async () => {
  const gone = net.createServer();
  const port = await listen(gone);
  await close(gone);
  const refused = await tcpCheck('127.0.0.1', port, 1000);
  assert.equal(refused.up, false);
  assert.match(refused.error ?? '', /ECONNREFUSED/);

  const silent = net.createServer((s) => s.on('error', () => {}));
  const silentPort = await listen(silent);
  assert.equal((await tcpCheck('127.0.0.1', silentPort, 1000)).up, true, 'connect only (EPP): up');
  const whois = await tcpCheck('127.0.0.1', silentPort, 200, 'lab\r\n');
  assert.deepEqual(whois, { up: false, latencyMs: null, error: 'timeout' });
  silent.close();
});

test('RDAP: 200/404 JSON is up; HTML or 500 is down', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/ok') { res.writeHead(404, { 'content-type': 'application/rdap+json' }); res.end('{"errorCode":404}'); return; }
    if (req.url === '/html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>'); return; }
    res.writeHead(500); res.end('{}');
  });
  const port = await listen(server);
  assert.equal((await rdapCheck(`http://127.0.0.1:${port}/ok`, 2000)).up, true);
  assert.deepEqual((await rdapCheck(`http://127.0.0.1:${port}/html`, 2000)).error, 'response is not JSON');
  assert.equal((await rdapCheck(`http://127.0.0.1:${port}/x`, 2000)).error, 'HTTP 500');
  await close(server);
});

test('checkServices checks only what the system declares', async () => {
  const sys = authSystem('s', ['lab.'], []);
  assert.deepEqual(await checkServices(sys, 100), {});
  const gone = net.createServer();
  const port = await listen(gone);
  await close(gone);
  const out = await checkServices({ ...sys, services: { whois: { address: '127.0.0.1', port } } }, 500);
  assert.deepEqual(Object.keys(out), ['whois']);
  assert.equal(out.whois?.up, false);
});
