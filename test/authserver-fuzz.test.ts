// Robustness: 10,000 random and mutated packets (UDP) plus garbage over TCP must not take the server down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { startAuthServer } from '../src/authserver/auth-server.ts';
import { seededRandom } from '../src/authserver/faults.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { LAB_ZONE, encodeQuery, tcpExchange, udpQuery } from './authserver-helpers.ts';

const SEEDS = [encodeQuery('www.lab', 'A'), encodeQuery('child.lab', 'NS', { edns: false }), encodeQuery('lab', 'AXFR'),
  encodeQuery('big.lab', 'TXT', { udpSize: 600 })];

/** A random packet: pure noise, a mutated good query, a truncated one, or a header with wild counts. */
function fuzzPacket(rnd: () => number): Buffer {
  const kind = Math.floor(rnd() * 4);
  const base = SEEDS[Math.floor(rnd() * SEEDS.length)];
  if (kind === 0) return Buffer.from(Array.from({ length: Math.floor(rnd() * 600) }, () => Math.floor(rnd() * 256)));
  if (kind === 1) {
    const b = Buffer.from(base);
    for (let i = 0, n = 1 + Math.floor(rnd() * 6); i < n; i++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    return b;
  }
  if (kind === 2) return base.subarray(0, Math.floor(rnd() * base.length));
  const b = Buffer.from(base);
  for (let i = 4; i < 12; i++) b[i] = Math.floor(rnd() * 256);
  b[2] &= 0x7f; // keep it a query so the server has to look at it
  return b;
}

test('fuzz: server survives 10,000 malformed packets and still answers', async () => {
  const zone = parseZoneFile(LAB_ZONE, { origin: 'lab.' });
  const server = await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0 });
  const errors: unknown[] = [];
  const onError = (e: unknown): void => { errors.push(e); };
  process.on('uncaughtException', onError);
  try {
    const rnd = seededRandom(2024);
    const sock = createSocket('udp4');
    sock.on('message', () => undefined);
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    // loopback UDP may lose packets on a loaded machine: keep sending until the server has received
    // 10,000 (bounded to 20,000 sends), pacing each batch on what the server has seen
    for (let sent = 0; sent < 20_000 && server.stats().queries < 10_000; sent += 250) {
      for (let i = 0; i < 250; i++) sock.send(fuzzPacket(rnd), server.port, '127.0.0.1');
      for (let w = 0; w < 50 && server.stats().queries < Math.min(sent + 250, 10_000); w++) {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    sock.close();
    // TCP: random frames, a frame longer than what follows, and raw garbage
    for (let c = 0; c < 20; c++) {
      await new Promise<void>((resolve) => {
        const s = connect({ host: '127.0.0.1', port: server.port });
        s.on('connect', () => {
          const frames = Array.from({ length: 20 }, () => {
            const p = fuzzPacket(rnd);
            const f = Buffer.alloc(2 + p.length);
            f.writeUInt16BE(p.length, 0);
            p.copy(f, 2);
            return f;
          });
          s.write(Buffer.concat([...frames, Buffer.from([0xff, 0xff, 1, 2, 3])]));
          setTimeout(() => { s.destroy(); resolve(); }, 20);
        });
        s.on('error', () => resolve());
      });
    }
    const stats = server.stats();
    assert.ok(stats.queries >= 10_000, `server saw ${stats.queries} packets`);
    const good = await udpQuery(server.port, 'www.lab', 'A');
    assert.equal(good?.rcode, 'NOERROR');
    assert.equal(good?.answers?.length, 2);
    const [tcp] = await tcpExchange(server.port, [encodeQuery('www.lab', 'A')], 1);
    assert.ok(tcp && tcp.length > 12);
    assert.deepEqual(errors, []);
  } finally {
    process.off('uncaughtException', onError);
    await server.close();
  }
});
