// The client against small scripted servers on 127.0.0.1 (no real DNS server needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { createDnsClient } from './dns-client.ts';

type Reply = (msg: Buffer, q: dnsPacket.Packet) => Buffer[];

const answerFor = (q: dnsPacket.Packet, flags: number = dnsPacket.AUTHORITATIVE_ANSWER, ip = '192.0.2.1'): Buffer =>
  Buffer.from(dnsPacket.encode({ type: 'response', id: q.id, flags, questions: q.questions,
    answers: [{ name: q.questions![0].name, type: 'A', class: 'IN', ttl: 60, data: ip }] }));

async function udpServer(reply: Reply): Promise<{ port: number; received: Buffer[]; sourcePorts: Set<number>; close(): void }> {
  const sock = dgram.createSocket('udp4');
  const received: Buffer[] = [];
  const sourcePorts = new Set<number>();
  sock.on('message', (msg, rinfo) => {
    received.push(msg);
    sourcePorts.add(rinfo.port);
    for (const out of reply(msg, dnsPacket.decode(msg))) sock.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  return { port: sock.address().port, received, sourcePorts, close: () => sock.close() };
}

/** TCP server that writes all replies framed into one stream, one byte per write. */
function tcpHandlerFor(reply: Reply): (conn: net.Socket) => void {
  return (conn) => {
    let buf = Buffer.alloc(0);
    conn.on('error', () => {});
    conn.on('data', async (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
      const framed = Buffer.concat(reply(msg, dnsPacket.decode(msg)).map((out) => Buffer.concat([Buffer.from([out.length >> 8, out.length & 0xff]), out])));
      for (const byte of framed) {
        if (conn.destroyed) return;
        conn.write(Buffer.of(byte));
        await new Promise((r) => setImmediate(r));
      }
    });
  };
}

async function tcpServer(reply: Reply, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer(tcpHandlerFor(reply));
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve); });
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

test('UDP queries use fresh random IDs and several source ports', async () => {
  const srv = await udpServer((_m, q) => [answerFor(q)]);
  const client = createDnsClient({ udpSockets: 8, queriesPerSocket: 2 });
  try {
    for (let i = 0; i < 40; i++) {
      const a = await client.query({ address: '127.0.0.1', port: srv.port, name: 'a.lab.', type: 'A', timeoutMs: 2000 });
      assert.equal(a.outcome, 'answer');
      assert.equal(a.transport, 'udp');
      assert.ok(a.latencyMs !== null && a.latencyMs >= 0);
    }
    const ids = new Set(srv.received.map((m) => m.readUInt16BE(0)));
    assert.ok(ids.size >= 35, `expected mostly distinct IDs, got ${ids.size}/40`);
    assert.ok(client.stats().socketsOpened >= 20, 'sockets are rotated after 2 queries each');
    assert.ok(srv.sourcePorts.size >= 15, `expected many source ports, got ${srv.sourcePorts.size}`);
  } finally {
    await client.close();
    srv.close();
  }
});

test('TC=1 over UDP is retried over TCP; a TCP reply in 1-byte pieces after a stray message is reassembled', async () => {
  const udp = await udpServer((_m, q) => [answerFor(q, dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.TRUNCATED_RESPONSE)]);
  // The TCP listener takes the UDP server's port number (TCP and UDP ports are separate spaces).
  const tcp = await tcpServer((_m, q) => [answerFor({ ...q, id: (q.id! + 1) & 0xffff }), answerFor(q, dnsPacket.AUTHORITATIVE_ANSWER, '192.0.2.99')], udp.port);
  const client = createDnsClient();
  try {
    const a = await client.query({ address: '127.0.0.1', port: udp.port, name: 'big.lab.', type: 'A', timeoutMs: 3000 });
    assert.equal(a.outcome, 'answer');
    assert.equal(a.transport, 'tcp');
    assert.equal(a.tc, false);
    assert.deepEqual(a.answer.map((r) => r.data), ['192.0.2.99']);
    const st = client.stats();
    assert.equal(st.tcpFallbacks, 1);
    assert.equal(st.ignored['id-mismatch'], 1);
  } finally {
    await client.close();
    udp.close();
    await tcp.close();
  }
});

test('transport tcp is used when asked; a refused connection is a network-error', async () => {
  const tcp = await tcpServer((_m, q) => [answerFor(q)]);
  const client = createDnsClient();
  try {
    const a = await client.query({ address: '127.0.0.1', port: tcp.port, name: 'x.lab', type: 'A', transport: 'tcp', timeoutMs: 3000 });
    assert.equal(a.outcome, 'answer');
    assert.equal(a.transport, 'tcp');
    await tcp.close();
    const refused = await client.query({ address: '127.0.0.1', port: tcp.port, name: 'x.lab', type: 'A', transport: 'tcp', timeoutMs: 3000 });
    assert.equal(refused.outcome, 'network-error');
    assert.match(refused.error ?? '', /ECONNREFUSED|closed/);
  } finally {
    await client.close();
  }
});

test('maxInFlight bounds what is sent at once; close() ends pending and queued queries', async () => {
  const silent = await udpServer(() => []);
  const client = createDnsClient({ maxInFlight: 3 });
  const pending = Array.from({ length: 10 }, (_, i) =>
    client.query({ address: '127.0.0.1', port: silent.port, name: `n${i}.lab.`, type: 'A', timeoutMs: 60_000 }));
  for (let i = 0; i < 100 && silent.received.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(silent.received.length, 3);
  await client.close();
  const results = await Promise.all(pending);
  assert.deepEqual(new Set(results.map((r) => r.outcome)), new Set(['network-error']));
  assert.ok(results.every((r) => r.error === 'client closed'));
  const after = await client.query({ address: '127.0.0.1', port: silent.port, name: 'late.lab.', type: 'A', timeoutMs: 100 });
  assert.equal(after.outcome, 'network-error');
  silent.close();
});

test('bad inputs resolve as network-error instead of throwing', async () => {
  const client = createDnsClient();
  try {
    const bad = [
      { address: 'not-an-ip', port: 53 }, { address: '127.0.0.1', port: 0 }, { address: '127.0.0.1', port: 70000 },
    ];
    for (const b of bad) {
      const a = await client.query({ ...b, name: 'x.lab.', type: 'A', timeoutMs: 100 });
      assert.equal(a.outcome, 'network-error');
    }
    const badName = await client.query({ address: '127.0.0.1', port: 9, name: `${'x'.repeat(70)}.lab.`, type: 'A', timeoutMs: 100 });
    assert.match(badName.error ?? '', /cannot encode/);
  } finally {
    await client.close();
  }
});
