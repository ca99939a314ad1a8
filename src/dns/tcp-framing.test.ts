import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFramer, frameTcp } from './tcp-framing.ts';

const frame = (payload: number[]): Buffer => Buffer.from([payload.length >> 8, payload.length & 0xff, ...payload]);

test('frameTcp prefixes the length, big-endian', () => {
  assert.deepEqual([...frameTcp(Uint8Array.of(1, 2, 3))], [0, 3, 1, 2, 3]);
  assert.deepEqual([...frameTcp(new Uint8Array(300)).subarray(0, 2)], [1, 44]);
  assert.deepEqual([...new TcpFramer().push(frameTcp(Uint8Array.of(5, 6)))[0]], [5, 6], 'the framer reads what it writes');
});

test('TcpFramer reassembles a message delivered one byte at a time', () => {
  const framer = new TcpFramer();
  const wire = frame([1, 2, 3, 4, 5]);
  const out: Buffer[] = [];
  for (const byte of wire) out.push(...framer.push(Buffer.of(byte)));
  assert.equal(out.length, 1);
  assert.deepEqual([...out[0]], [1, 2, 3, 4, 5]);
});

test('TcpFramer splits coalesced messages and keeps a partial tail', () => {
  const framer = new TcpFramer();
  const wire = Buffer.concat([frame([9]), frame([]), frame([7, 7]), frame([1, 2, 3]).subarray(0, 3)]);
  const out = framer.push(wire);
  assert.deepEqual(out.map((b) => [...b]), [[9], [], [7, 7]]);
  assert.deepEqual(framer.push(Buffer.of(2, 3)).map((b) => [...b]), [[1, 2, 3]]);
});
