// The EPP client (src/epp) against the EPP test server: real TLS on loopback, xmllint on every request;
// a malformed request is refused with 2001 and xmllint's reason; server*Prohibited refuses with 2304.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EppSession } from '../src/epp/epp-client.ts';
import { encodeFrame, FrameReader } from '../src/epp/epp-framing.ts';
import { startEppTestServer } from '../src/epp/epp-test-server.ts';
import { makeTestCertificates } from '../src/epp/test-certificates.ts';
import { validateXml } from '../src/epp/xmllint.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dw-epp-'));
const certs = makeTestCertificates(dir);
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const clients = { 'registry-a': 'secret-pw1', 'registrar-b': 'secret-pw2' };
const tlsOpts = { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey };

test('greeting, hello, login with a client certificate, domain commands, logout; answers valid against the schemas', async (t) => {
  const server = await startEppTestServer({
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca, requireClientCert: true }, clients,
    domains: [{ name: 'example.lab', ns: ['ns1.example.lab', 'ns2.example.lab'] }, { name: 'locked.lab', statuses: ['serverUpdateProhibited', 'serverDeleteProhibited'] }],
  });
  t.after(() => server.close());
  const s = await EppSession.connect({ address: '127.0.0.1', port: server.port, tls: tlsOpts, timeoutMs: 5000 });
  assert.equal(s.greeting.svID, 'dnswarden EPP test server');
  assert.ok(s.greeting.objURIs.includes('urn:ietf:params:xml:ns:domain-1.0'));
  assert.equal((await s.hello()).kind, 'greeting');
  assert.equal((await s.domainInfo('example.lab')).code, 2002, 'commands before login are a use error');
  await assert.rejects(s.login({ clientId: 'registry-a', password: 'wrong-pw1' }), /login refused: 2200/);
  assert.equal((await s.login({ clientId: 'registry-a', password: 'secret-pw1' })).code, 1000);

  const info = await s.domainInfo('example.lab');
  assert.deepEqual([info.code, info.domain?.statuses, info.domain?.ns], [1000, ['ok'], ['ns1.example.lab', 'ns2.example.lab']]);
  assert.equal((await s.domainInfo('missing.lab')).code, 2303);
  const hold = await s.domainUpdate('example.lab', { add: { statuses: ['serverHold'] } });
  assert.equal(hold.code, 1000, hold.msg);
  const sink = await s.domainUpdate('example.lab', { add: { ns: ['ns1.sinkhole.lab'] }, rem: { ns: ['ns1.example.lab', 'ns2.example.lab'] } });
  assert.equal(sink.code, 1000, sink.msg);
  assert.deepEqual((await s.domainInfo('example.lab')).domain, { name: 'example.lab', roid: 'D1-TEST', statuses: ['serverHold'], ns: ['ns1.sinkhole.lab'], clID: 'registry' });

  const refused = await s.domainUpdate('locked.lab', { add: { statuses: ['serverHold'] } });
  assert.deepEqual([refused.code, refused.msg], [2304, 'Object status prohibits operation: locked.lab has serverUpdateProhibited']);
  assert.equal((await s.domainDelete('locked.lab')).code, 2304);
  assert.equal((await s.domainUpdate('locked.lab', { rem: { statuses: ['serverUpdateProhibited', 'serverDeleteProhibited'] } })).code, 1000, 'removing the lock is allowed');
  assert.deepEqual((await s.domainInfo('locked.lab')).domain?.statuses, ['ok']);

  assert.equal((await s.domainCreate({ name: 'dga-1.lab', ns: ['ns1.sinkhole.lab'], authInfo: 'a<b&c' })).code, 1000);
  assert.equal((await s.domainCreate({ name: 'dga-1.lab', authInfo: 'x' })).code, 2302);
  assert.equal((await s.domainTransfer('request', 'dga-1.lab', 'a<b&c')).code, 2106, 'the sponsor cannot transfer to itself');
  assert.equal((await s.domainDelete('dga-1.lab')).code, 1000);
  assert.equal((await s.logout()).code, 1500);
  assert.deepEqual(server.refused, [], 'every request was schema-valid');
});

test('transfer to another registrar needs the authInfo; serverTransferProhibited refuses it', async (t) => {
  const server = await startEppTestServer({
    tls: { cert: certs.serverCert, key: certs.serverKey }, clients,
    domains: [{ name: 'move.lab', authInfo: 'move-auth', clID: 'registry-a' }, { name: 'stay.lab', statuses: ['serverTransferProhibited'] }],
  });
  t.after(() => server.close());
  const s = await EppSession.connect({ address: '127.0.0.1', port: server.port, tls: { ca: certs.ca }, timeoutMs: 5000 });
  await s.login({ clientId: 'registrar-b', password: 'secret-pw2' });
  assert.equal((await s.domainTransfer('request', 'move.lab', 'wrong-auth')).code, 2202);
  assert.equal((await s.domainTransfer('request', 'move.lab', 'move-auth')).code, 1000);
  assert.equal((await s.domainInfo('move.lab')).domain?.clID, 'registrar-b');
  assert.equal((await s.domainTransfer('request', 'stay.lab', 'auth-info-1')).code, 2304);
  await s.logout();
});

test('a malformed request is refused with 2001 and xmllint\'s reason; the server answers frames that validate', async (t) => {
  const server = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey }, clients });
  t.after(() => server.close());
  const s = await EppSession.connect({ address: '127.0.0.1', port: server.port, tls: { ca: certs.ca }, timeoutMs: 5000 });
  const bad = await s.command('<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><login><clID>registry-a</clID></login></command></epp>');
  assert.equal(bad.code, 2001);
  assert.match(bad.msg, /^Command syntax error: line 1: element login: Schemas validity error : Element '\{urn:ietf:params:xml:ns:epp-1\.0\}login': Missing child element\(s\)\. Expected is \( \{urn:ietf:params:xml:ns:epp-1\.0\}pw \)\.$/);
  const notXml = await s.command('hello there');
  assert.equal(notXml.code, 2001);
  assert.match(notXml.msg, /parser error/);
  assert.equal(server.refused.length, 2);
  s.close();

  // The raw answers themselves are valid EPP (greeting and response), checked with the same schemas.
  const raw = await new Promise<string[]>((resolve, reject) => {
    import('node:tls').then(({ connect }) => {
      const socket = connect({ host: '127.0.0.1', port: server.port, ca: certs.ca });
      const reader = new FrameReader();
      const got: string[] = [];
      socket.on('data', (c: Buffer) => {
        got.push(...reader.push(c));
        if (got.length === 1) socket.write(encodeFrame('<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><logout/></command></epp>'));
        if (got.length === 2) { socket.destroy(); resolve(got); }
      });
      socket.on('error', reject);
    }, reject);
  });
  for (const xml of raw) assert.deepEqual(await validateXml(xml), { valid: true, reason: '' }, xml);
});

test('a TCP listener that never speaks and the test server in silent mode both fail connect: no greeting', async (t) => {
  const mute = net.createServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
  t.after(() => mute.close());
  await assert.rejects(EppSession.connect({ address: '127.0.0.1', port: (mute.address() as net.AddressInfo).port, tls: { ca: certs.ca }, timeoutMs: 300 }),
    /no TLS handshake within 300 ms/);
  const server = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey }, clients });
  t.after(() => server.close());
  await server.setFaults({ silent: true });
  await assert.rejects(EppSession.connect({ address: '127.0.0.1', port: server.port, tls: { ca: certs.ca }, timeoutMs: 300 }), /no greeting within 300 ms/);
  await server.setFaults({ silent: false, garbage: true });
  await assert.rejects(EppSession.connect({ address: '127.0.0.1', port: server.port, tls: { ca: certs.ca }, timeoutMs: 2000 }), /frame length/);
  await server.setFaults({ garbage: false, stopped: true });
  await assert.rejects(EppSession.connect({ address: '127.0.0.1', port: server.port, tls: { ca: certs.ca }, timeoutMs: 2000 }), /ECONNREFUSED/);
  await server.setFaults({ stopped: false });
  const back = await EppSession.connect({ address: '127.0.0.1', port: server.port, tls: { ca: certs.ca }, timeoutMs: 2000 });
  back.close();
});
