import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpFramer } from './tcp-transport.ts';

const frame = (payload: number[]): Buffer => Buffer.from([payload.length >> 8, payload.length & 0xff, ...payload]);

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
