import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame, EppFramingError, FrameReader, HEADER_BYTES } from './epp-framing.ts';

test('a frame is the 4-byte big-endian total length (header included) and the UTF-8 XML', () => {
  const frame = encodeFrame('<epp>名</epp>');
  const body = Buffer.from('<epp>名</epp>', 'utf8');
  assert.equal(frame.readUInt32BE(0), HEADER_BYTES + body.length);
  assert.deepEqual(frame.subarray(HEADER_BYTES), body);
});

test('the reader reassembles frames split anywhere and several in one chunk', () => {
  const stream = Buffer.concat([encodeFrame('<a/>'), encodeFrame('<b>ü</b>'), encodeFrame('<c/>')]);
  for (let cut = 1; cut < stream.length; cut++) {
    const reader = new FrameReader();
    const got = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
    assert.deepEqual(got, ['<a/>', '<b>ü</b>', '<c/>'], `cut at ${cut}`);
    assert.equal(reader.pending, 0);
  }
  const byteByByte = new FrameReader();
  const got: string[] = [];
  for (const byte of stream) got.push(...byteByByte.push(Buffer.from([byte])));
  assert.deepEqual(got, ['<a/>', '<b>ü</b>', '<c/>']);
});

test('a header at or below 4 or above the limit is a framing error, without waiting for the body', () => {
  const header = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  assert.throws(() => new FrameReader().push(header(4)), EppFramingError);
  assert.throws(() => new FrameReader().push(header(0)), EppFramingError);
  assert.throws(() => new FrameReader(1000).push(header(1001)), /exceeds the limit of 1000 bytes/);
  assert.throws(() => new FrameReader().push(Buffer.from('HTTP/1.1 200 OK\r\n')), EppFramingError, 'garbage reads as a huge length');
  assert.deepEqual(new FrameReader().push(header(10)), [], 'an incomplete frame waits');
});
