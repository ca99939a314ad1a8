// IXFR answer forms from a scripted TCP server on loopback: several steps split over several messages,
// a lone SOA (current), an AXFR-style answer (full), and a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { fetchZoneChangesByIxfr } from './ixfr-fetch.ts';
import { recordToPacket } from './rdata-codec.ts';
import type { ZoneRecord } from './zone-types.ts';

const soa = (serial: number): ZoneRecord => ({ name: 'lab.', type: 'SOA', ttl: 300, data: `ns1.lab. admin.lab. ${serial} 3600 600 86400 300` });
const a = (name: string, address: string): ZoneRecord => ({ name, type: 'A', ttl: 300, data: address });

/** Serves one IXFR: answers the query with these messages (lists of records), with this RCODE number. */
async function scripted(messages: ZoneRecord[][], rcode = 0): Promise<{ port: number; close: () => void }> {
  const server = createServer((socket) => {
    socket.once('data', (chunk) => {
      const query = dnsPacket.decode(chunk.subarray(2));
      assert.equal(query.questions![0].type, 'IXFR');
      assert.equal((query.authorities![0].data as { serial: number }).serial, 1, 'our serial travels in the authority section');
      for (const records of messages.length ? messages : [[]]) {
        const body = dnsPacket.encode({ type: 'response', id: query.id, flags: dnsPacket.AUTHORITATIVE_ANSWER | rcode, // RCODE in the low flag bits
          questions: query.questions, answers: records.map(recordToPacket) });
        const framed = Buffer.alloc(2 + body.length);
        framed.writeUInt16BE(body.length, 0);
        framed.set(body, 2);
        socket.write(framed);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

const fetch = (port: number) => fetchZoneChangesByIxfr({ address: '127.0.0.1', port, zone: 'lab', haveSoa: soa(1), timeoutMs: 3000 });

test('incremental: two steps over three messages', async () => {
  const s = await scripted([
    [soa(3), soa(1), a('h1.lab.', '192.0.2.1')],
    [soa(2), a('h1.lab.', '198.51.100.1'), soa(2)],
    [a('h2.lab.', '192.0.2.2'), soa(3), a('h9.lab.', '192.0.2.9'), soa(3)],
  ]);
  try {
    const r = await fetch(s.port);
    assert.equal(r.kind, 'incremental');
    if (r.kind !== 'incremental') return;
    assert.equal(r.serial, 3);
    assert.deepEqual(r.steps.map((x) => [x.from, x.to, x.deleted.map((d) => d.data), x.added.map((d) => d.data)]),
      [[1, 2, ['192.0.2.1'], ['198.51.100.1']], [2, 3, ['192.0.2.2'], ['192.0.2.9']]]);
  } finally { s.close(); }
});

test('current: a lone SOA not newer than ours', async () => {
  const s = await scripted([[soa(1)]]);
  try { assert.deepEqual(await fetch(s.port), { kind: 'current', serial: 1 }); } finally { s.close(); }
});

test('full: an AXFR-style answer', async () => {
  const s = await scripted([[soa(2), { name: 'lab.', type: 'NS', ttl: 300, data: 'ns1.lab.' }], [a('h1.lab.', '192.0.2.1'), soa(2)]]);
  try {
    const r = await fetch(s.port);
    assert.equal(r.kind, 'full');
    if (r.kind === 'full') assert.deepEqual(r.zone.records.map((x) => x.type), ['SOA', 'NS', 'A']);
  } finally { s.close(); }
});

test('a refusal rejects (the caller falls back to AXFR)', async () => {
  const s = await scripted([], 5 /* REFUSED */);
  try { await assert.rejects(fetch(s.port), /refused: REFUSED/); } finally { s.close(); }
});
