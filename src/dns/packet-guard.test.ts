import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { PacketLayoutError, skipName, walkPacket } from './packet-guard.ts';

const header = (qd: number, an: number, ns = 0, ar = 0): number[] => [0, 1, 0x84, 0, 0, qd, an >> 8, an & 0xff, ns >> 8, ns & 0xff, ar >> 8, ar & 0xff];
const QNAME = [3, 0x77, 0x77, 0x77, 3, 0x6c, 0x61, 0x62, 0]; // www.lab.

test('walkPacket finds every record of a well-formed message', () => {
  const buf = dnsPacket.encode({ type: 'response', id: 7, questions: [{ name: 'www.lab', type: 'A' }],
    answers: [{ name: 'www.lab', type: 'A', ttl: 1, data: '192.0.2.1' }, { name: 'www.lab', type: 'TXT', ttl: 1, data: ['a', 'bc'] }],
    authorities: [{ name: 'lab', type: 'NS', ttl: 1, data: 'ns.lab' }] });
  const layout = walkPacket(buf);
  assert.equal(layout.answers.length, 2);
  assert.equal(layout.authorities.length, 1);
  assert.deepEqual(layout.answers.map((r) => r.type), [1, 16]);
  assert.equal(layout.authorities[0].end, buf.length);
  assert.equal(layout.answers[0].end - layout.answers[0].rdata, 4);
});

test('a compressed owner name ends right after its pointer', () => {
  const buf = Uint8Array.from([...header(1, 1), ...QNAME, 0, 1, 0, 1, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 9, 0, 4, 192, 0, 2, 1]);
  const layout = walkPacket(buf);
  assert.equal(layout.answers[0].rdata, 12 + QNAME.length + 4 + 2 + 10);
  assert.equal(skipName(buf, 12 + QNAME.length + 4), 12 + QNAME.length + 4 + 2);
});

test('pointers must point strictly backwards: self and forward pointers are rejected', () => {
  const q = 12 + QNAME.length + 4;
  const self = Uint8Array.from([...header(1, 1), ...QNAME, 0, 1, 0, 1, 0xc0, q, 0, 1, 0, 1, 0, 0, 0, 9, 0, 0]);
  assert.throws(() => walkPacket(self), PacketLayoutError);
  // label then pointer back to the start of that same name: a two-step loop
  const loop = Uint8Array.from([...header(1, 1), ...QNAME, 0, 1, 0, 1, 1, 0x61, 0xc0, q, 0, 1, 0, 1, 0, 0, 0, 9, 0, 0]);
  assert.throws(() => walkPacket(loop), /does not point backwards/);
});

test('names longer than 255 octets and reserved label types are rejected', () => {
  const labels: number[] = [];
  for (let i = 0; i < 5; i++) labels.push(63, ...new Array(63).fill(0x61));
  assert.throws(() => skipName(Uint8Array.from([...labels, 0]), 0), /longer than 255/);
  assert.throws(() => skipName(Uint8Array.of(0x40, 0), 0), /label type/);
  assert.throws(() => skipName(Uint8Array.of(3, 0x61), 0), /runs past the end/);
});

test('header counts that cannot fit and RDLENGTH past the end are rejected', () => {
  assert.throws(() => walkPacket(Uint8Array.from([...header(1, 65535, 65535, 65535), ...QNAME, 0, 1, 0, 1])), /header counts/);
  const rdlenLie = Uint8Array.from([...header(1, 1), ...QNAME, 0, 1, 0, 1, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 9, 0, 40, 192, 0, 2, 1]);
  assert.throws(() => walkPacket(rdlenLie), /runs past the end/);
  assert.throws(() => walkPacket(new Uint8Array(11)), /header/);
});
