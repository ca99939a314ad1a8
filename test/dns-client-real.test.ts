// The DNS client against a real NSD on 127.0.0.1 (plain and DNSSEC-signed zone), and against a
// hostile fake server on loopback that tries wrong IDs and wrong questions before the real answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { BIG_TXT_COUNT, TEST_ORIGIN, startNsd, type NsdInstance } from './support/dns-client-nsd.ts';

const client = createDnsClient();
after(() => client.close());

describe('against NSD', () => {
  let nsd: NsdInstance;
  before(async () => { nsd = await startNsd(); });
  after(() => nsd?.stop());
  const ask = (name: string, type: string, extra: object = {}) =>
    client.query({ address: nsd.address, port: nsd.port, name, type, timeoutMs: 5000, ...extra });

  test('SOA at the apex: NOERROR, AA, canonical record', async () => {
    const a = await ask(TEST_ORIGIN, 'SOA');
    assert.equal(a.outcome, 'answer');
    assert.equal(a.rcode, 'NOERROR');
    assert.equal(a.aa, true);
    assert.equal(a.transport, 'udp');
    assert.deepEqual(a.answer, [{ name: TEST_ORIGIN, type: 'SOA', ttl: 3600,
      data: `ns1.${TEST_ORIGIN} hostmaster.${TEST_ORIGIN} 2024010101 7200 3600 1209600 300` }]);
    assert.ok(a.latencyMs !== null && a.latencyMs > 0);
  });

  test('a name that does not exist: NXDOMAIN with the SOA in authority', async () => {
    const a = await ask(`nope.${TEST_ORIGIN}`, 'A');
    assert.equal(a.outcome, 'answer');
    assert.equal(a.rcode, 'NXDOMAIN');
    assert.deepEqual(a.answer, []);
    assert.deepEqual(a.authority.map((r) => r.type), ['SOA']);
  });

  test('query names are matched case-insensitively (mixed case is sent as given)', async () => {
    const a = await ask(`WwW.${TEST_ORIGIN.toUpperCase()}`, 'AAAA');
    assert.equal(a.outcome, 'answer');
    assert.deepEqual(a.answer.map((r) => `${r.name} ${r.data}`), [`www.${TEST_ORIGIN} 2001:db8::10`]);
  });

  test('a TXT RRset too big for UDP comes back truncated and is fetched over TCP', async () => {
    const before = client.stats().tcpFallbacks;
    const a = await ask(`big.${TEST_ORIGIN}`, 'TXT');
    assert.equal(a.outcome, 'answer');
    assert.equal(a.transport, 'tcp');
    assert.equal(a.tc, false);
    assert.equal(a.answer.length, BIG_TXT_COUNT);
    assert.equal(client.stats().tcpFallbacks, before + 1);
  });

  test('TCP on request', async () => {
    const a = await ask(`mail.${TEST_ORIGIN}`, 'MX', { transport: 'tcp' });
    assert.equal(a.outcome, 'answer');
    assert.equal(a.transport, 'tcp');
    assert.deepEqual(a.answer.map((r) => r.data), [`10 mx1.${TEST_ORIGIN}`]);
  });
});

describe('against NSD with a signed zone', () => {
  let nsd: NsdInstance;
  before(async () => { nsd = await startNsd({ sign: true }); });
  after(() => nsd?.stop());

  test('the DO bit brings RRSIGs, without it none', async () => {
    const q = { address: nsd.address, port: nsd.port, name: `www.${TEST_ORIGIN}`, type: 'A', timeoutMs: 5000 };
    const signed = await client.query({ ...q, dnssecOk: true });
    assert.equal(signed.outcome, 'answer');
    assert.deepEqual(signed.answer.map((r) => r.type).sort(), ['A', 'RRSIG']);
    assert.match(signed.answer.find((r) => r.type === 'RRSIG')!.data, /^A 13 2 3600 /);
    const plain = await client.query(q);
    assert.deepEqual(plain.answer.map((r) => r.type), ['A']);
  });
});

describe('against a hostile fake server', () => {
  test('only the response with the right ID and question is accepted', async () => {
    const server = dgram.createSocket('udp4');
    server.on('message', (msg, rinfo) => {
      const q = dnsPacket.decode(msg);
      const make = (id: number, name: string, ip: string): Buffer => Buffer.from(dnsPacket.encode({
        type: 'response', id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ name, type: 'A', class: 'IN' }],
        answers: [{ name, type: 'A', class: 'IN', ttl: 60, data: ip }] }));
      const name = q.questions![0].name;
      server.send(make((q.id! + 1) & 0xffff, name, '192.0.2.66'), rinfo.port, rinfo.address);   // wrong ID
      server.send(make(q.id!, `evil.${name}`, '192.0.2.67'), rinfo.port, rinfo.address);        // wrong question
      server.send(Buffer.from([0xde, 0xad]), rinfo.port, rinfo.address);                           // garbage
      setTimeout(() => server.send(make(q.id!, name, '192.0.2.1'), rinfo.port, rinfo.address), 20); // the right one
    });
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    const hostile = createDnsClient();
    try {
      const a = await hostile.query({ address: '127.0.0.1', port: server.address().port, name: 'target.lab.', type: 'A', timeoutMs: 3000 });
      assert.equal(a.outcome, 'answer');
      assert.deepEqual(a.answer.map((r) => r.data), ['192.0.2.1']);
      const st = hostile.stats();
      assert.equal(st.ignored.unsolicited, 1); // the wrong ID matches no pending query on that socket
      assert.equal(st.ignored['question-mismatch'], 1);
      assert.equal(st.ignored.short, 1);
    } finally {
      await hostile.close();
      server.close();
    }
  });

  test('a server that never answers gives a timeout', async () => {
    const server = dgram.createSocket('udp4');
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    try {
      const a = await client.query({ address: '127.0.0.1', port: server.address().port, name: 'silent.lab.', type: 'A', timeoutMs: 150 });
      assert.equal(a.outcome, 'timeout');
      assert.equal(a.latencyMs, null);
    } finally {
      server.close();
    }
  });

  test('the right bytes from the wrong source port are ignored', async () => {
    const server = dgram.createSocket('udp4');
    const liar = dgram.createSocket('udp4');
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    await new Promise<void>((r) => liar.bind(0, '127.0.0.1', r));
    server.on('message', (msg, rinfo) => {
      const q = dnsPacket.decode(msg);
      liar.send(Buffer.from(dnsPacket.encode({ type: 'response', id: q.id, questions: q.questions,
        answers: [{ name: q.questions![0].name, type: 'A', class: 'IN', ttl: 60, data: '192.0.2.66' }] })), rinfo.port, rinfo.address);
    });
    const c = createDnsClient();
    try {
      const a = await c.query({ address: '127.0.0.1', port: server.address().port, name: 'spoofed.lab.', type: 'A', timeoutMs: 200 });
      assert.equal(a.outcome, 'timeout');
      assert.equal(c.stats().ignored['wrong-source'], 1);
    } finally {
      await c.close();
      server.close();
      liar.close();
    }
  });
});
