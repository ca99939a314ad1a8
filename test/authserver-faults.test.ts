// Fault knobs of the lab server, observed from the wire over UDP and TCP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { startAuthServer } from '../src/authserver/auth-server.ts';
import type { AuthServer } from '../src/authserver/auth-server.ts';
import { eligibleRecords } from '../src/authserver/tamper.ts';
import { fetchZoneByAxfr } from '../src/zone/axfr-fetch.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import type { ZoneRecord } from '../src/zone/zone-types.ts';
import { LAB_ZONE, encodeQuery, tcpExchange, udpQuery } from './authserver-helpers.ts';

// 100 names × (A, AAAA, TXT, MX) = 400 eligible records plus the lab zone's own
const bulk = Array.from({ length: 100 }, (_v, i) =>
  `h${i} A 10.0.${i >> 8}.${i & 0xff}\nh${i} AAAA 2001:db8::${i.toString(16)}\nh${i} TXT "record ${i}"\nh${i} MX ${i} mx${i}.example.\n`).join('');
const zone = parseZoneFile(LAB_ZONE + bulk, { origin: 'lab.' });
let server: AuthServer;

before(async () => { server = await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, tcpIdleMs: 300 }); });
after(async () => { await server.close(); });

/**
 * Sends queries until the server has received n of them (loopback UDP may lose some on a loaded machine;
 * bounded to 2n sends), in batches paced on the server's count. Returns how many answers came back.
 */
async function blast(n: number): Promise<number> {
  const sock = createSocket('udp4');
  let answers = 0;
  sock.on('message', () => { answers++; });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const start = server.stats().queries;
  const seen = (): number => server.stats().queries - start;
  for (let sent = 0; sent < 2 * n && seen() < n; sent += 250) {
    const batch = Math.min(250, n - seen());
    for (let i = 0; i < batch; i++) sock.send(encodeQuery('www.lab', 'A', { id: (sent + i) & 0xffff }), server.port, '127.0.0.1');
    for (let w = 0; w < 50 && seen() < Math.min(sent + batch, n); w++) await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 100)); // let the last answers arrive
  sock.close();
  return answers;
}

test('faults: stopped answers nothing over UDP and TCP, then recovers', async () => {
  server.setFaults({ stopped: true });
  assert.equal(await udpQuery(server.port, 'www.lab', 'A', { timeoutMs: 300 }), null);
  assert.deepEqual(await tcpExchange(server.port, [encodeQuery('www.lab', 'A')], 1, 300), []);
  server.setFaults({});
  assert.equal((await udpQuery(server.port, 'www.lab', 'A'))?.rcode, 'NOERROR');
});

test('faults: dropRate drops about that fraction (seeded and unseeded)', async () => {
  for (const f of [{ dropRate: 0.3, dropSeed: 42 }, { dropRate: 0.3 }]) {
    server.setFaults(f);
    const s0 = server.stats();
    const answers = await blast(3000);
    const s1 = server.stats();
    const queries = s1.queries - s0.queries;
    const dropped = s1.dropped - s0.dropped;
    const answered = s1.answered - s0.answered;
    assert.ok(queries >= 3000, `server saw only ${queries} queries`);
    assert.equal(dropped + answered, queries);
    assert.ok(answers > 0 && answers <= answered);
    // binomial sd = sqrt(3000 × 0.3 × 0.7) ≈ 25; ±8 sd cannot flake
    assert.ok(Math.abs(dropped - 0.3 * queries) < 200, `dropped ${dropped} of ${queries} at rate 0.3`);
  }
  server.setFaults({ dropRate: 1 });
  assert.equal(await blast(200), 0);
  server.setFaults({});
});

test('faults: delayMs delays the answer, servfail answers SERVFAIL on both transports', async () => {
  server.setFaults({ delayMs: 300 });
  const t0 = performance.now();
  const r = await udpQuery(server.port, 'www.lab', 'A', { timeoutMs: 3000 });
  assert.equal(r?.rcode, 'NOERROR');
  assert.ok(performance.now() - t0 >= 280, 'answer came before the delay');
  server.setFaults({ servfail: true });
  assert.equal((await udpQuery(server.port, 'www.lab', 'A'))?.rcode, 'SERVFAIL');
  const [tcp] = await tcpExchange(server.port, [encodeQuery('www.lab', 'A')], 1);
  assert.equal(dnsPacket.decode(tcp).rcode, 'SERVFAIL');
  server.setFaults({});
  assert.throws(() => server.setFaults({ dropRate: 1.5 }));
});

/** What the server serves for the name/type of r, over UDP. */
async function servedData(r: ZoneRecord): Promise<string[]> {
  const p = await udpQuery(server.port, r.name, r.type);
  assert.ok(p, `no answer for ${r.name} ${r.type}`);
  const { recordFromPacket } = await import('../src/zone/rdata-codec.ts');
  return (p.answers ?? []).filter((a) => a.type === r.type).map((a) => recordFromPacket(a as any).data);
}

test('faults: tamperRate alters exactly round(rate × N) eligible records, deterministically', async () => {
  const eligible = eligibleRecords([zone]);
  // lab zone: ns1 A, ns2 AAAA, www A ×2, www AAAA, mail MX, mail A, 3 TXT = 10 (glue ns.child excluded)
  assert.equal(eligible.length, 400 + 10);
  server.setFaults({ tamperRate: 0.1, tamperSeed: 7 });
  const tampered = server.tamperedRecords();
  assert.equal(tampered.length, Math.round(0.1 * eligible.length));
  // every eligible record: served unchanged unless it is in tamperedRecords()
  const missing: ZoneRecord[] = [];
  for (const r of eligible) if (!(await servedData(r)).includes(r.data)) missing.push(r);
  assert.deepEqual(new Set(missing), new Set(tampered));
  // the zone transfer shows the same alterations
  const axfr = await fetchZoneByAxfr({ address: '127.0.0.1', port: server.port, zone: 'lab.', timeoutMs: 5000 });
  const served = new Set(axfr.records.map((r) => `${r.name}|${r.type}|${r.data}`));
  assert.equal(axfr.records.length, zone.records.length);
  assert.equal(zone.records.filter((r) => !served.has(`${r.name}|${r.type}|${r.data}`)).length, tampered.length);
  // same seed, same choice; another seed, another choice
  const again = (seed: number): string[] => {
    server.setFaults({ tamperRate: 0 });
    server.setFaults({ tamperRate: 0.1, tamperSeed: seed });
    return server.tamperedRecords().map((r) => `${r.name}|${r.type}|${r.data}`).sort();
  };
  const first = tampered.map((r) => `${r.name}|${r.type}|${r.data}`).sort();
  assert.deepEqual(again(7), first);
  assert.notDeepEqual(again(8), first);
  server.setFaults({ tamperRate: 1 });
  assert.equal(server.tamperedRecords().length, eligible.length);
  server.setFaults({});
  assert.equal(server.tamperedRecords().length, 0);
  assert.deepEqual(await servedData(eligible[0]), [eligible[0].data]);
});

test('tcp: several queries on one connection, idle connections closed', async () => {
  const msgs = ['www.lab A', 'mail.lab MX', 'nope.lab A'].map((q, i) => encodeQuery(q.split(' ')[0], q.split(' ')[1], { id: 100 + i }));
  const answers = (await tcpExchange(server.port, msgs, 3)).map((b) => dnsPacket.decode(b));
  assert.deepEqual(answers.map((a) => [a.id, a.rcode]), [[100, 'NOERROR'], [101, 'NOERROR'], [102, 'NXDOMAIN']]);
  const closed = await new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port: server.port });
    const timer = setTimeout(() => { s.destroy(); resolve(false); }, 5000);
    s.on('close', () => { clearTimeout(timer); resolve(true); });
    s.on('error', () => undefined);
  });
  assert.ok(closed, 'idle TCP connection was not closed');
});
