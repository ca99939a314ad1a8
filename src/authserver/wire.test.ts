import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { RCODE, buildResponse, errorBody, parseQuery } from './wire.ts';
import { seededRandom } from './faults.ts';

const query = (extra: object = {}): Buffer => Buffer.from(dnsPacket.encode({
  type: 'query', id: 99, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name: 'WwW.Lab', type: 'AAAA', class: 'IN' }], ...extra,
}));

test('wire: parses question and EDNS', () => {
  const r = parseQuery(query({
    additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 4096, flags: dnsPacket.DNSSEC_OK, options: [{ code: 'NSID', data: Buffer.alloc(0) }] }],
  }));
  assert.ok(r && r.ok);
  assert.equal(r.q.qname, 'www.lab.');
  assert.equal(r.q.qtype, 28);
  assert.equal(r.q.qclass, 1);
  assert.deepEqual([r.q.edns, r.q.udpSize, r.q.dnssecOk, r.q.nsid], [true, 4096, true, true]);
  const plain = parseQuery(query());
  assert.ok(plain && plain.ok);
  assert.deepEqual([plain.q.edns, plain.q.udpSize], [false, 512]);
});

test('wire: errors for bad queries, silence for unreadable ones and responses', () => {
  assert.equal(parseQuery(Buffer.alloc(5)), null);
  const resp = query();
  resp[2] |= 0x80;
  assert.equal(parseQuery(resp), null);
  const twoQ = Buffer.from(query());
  twoQ.writeUInt16BE(2, 4);
  assert.deepEqual(parseQuery(twoQ), { ok: false, id: 99, flags: 0x0100, rcode: RCODE.FORMERR });
  const notify = Buffer.from(query());
  notify[2] |= 4 << 3;
  assert.equal((parseQuery(notify) as { rcode: number }).rcode, RCODE.NOTIMP);
  const cut = query().subarray(0, 20);
  assert.equal((parseQuery(cut) as { rcode: number }).rcode, RCODE.FORMERR);
});

test('wire: response echoes id, question, RD; truncates with TC when too big', () => {
  const q = parseQuery(query());
  assert.ok(q && q.ok);
  const rr = Buffer.from(dnsPacket.answer.encode({ name: 'www.lab', type: 'TXT', ttl: 1, data: ['x'.repeat(200)] } as any));
  const body = { ...errorBody(0), aa: true, an: Buffer.concat([rr, rr, rr]), anCount: 3 };
  const full = dnsPacket.decode(buildResponse(q.q.id, q.q.flags, q.q.question, body, { dnssecOk: false, extendedRcode: 0 }, 1232));
  assert.equal(full.id, 99);
  assert.equal(full.flag_rd, true);
  assert.equal(full.flag_aa, true);
  assert.equal(full.answers?.length, 3);
  assert.equal(full.questions?.[0].name, 'WwW.Lab');
  const cut = dnsPacket.decode(buildResponse(q.q.id, q.q.flags, q.q.question, body, null, 512));
  assert.equal(cut.flag_tc, true);
  assert.equal(cut.answers?.length, 0);
});

test('wire: 200,000 mutated packets never make parseQuery throw', () => {
  const rnd = seededRandom(5);
  const base = query({ additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 1232, flags: 0, options: [] }] });
  for (let i = 0; i < 200_000; i++) {
    const b = Buffer.from(base.subarray(0, Math.floor(rnd() * (base.length + 1))));
    for (let k = 0; k < 3; k++) if (b.length) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    parseQuery(b);
  }
});
