import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packBatches, updateMessage } from './update-message.ts';
import { signMessage, verifyResponse } from './tsig.ts';
import { nameWire, parseResponse, rdataWire } from './wire-writer.ts';

test('names are packed whole into messages within the size limit', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({ name: `n${i}.lab.`, ops: [
    { op: 'delete-rrset' as const, name: `n${i}.lab.`, type: 'NS' as const },
    { op: 'add' as const, name: `n${i}.lab.`, type: 'NS' as const, ttl: 300, data: 'ns1.sinkhole.lab.' }] }));
  const batches = packBatches(items, 4000);
  assert.deepEqual(batches.flatMap((b) => b.names), items.map((i) => i.name));
  for (const b of batches) {
    assert.ok(b.body.reduce((n, w) => n + w.length, 0) <= 4000);
    assert.equal(b.count, b.names.length * 2);
  }
  assert.ok(batches.length > 10);
});

test('wire forms: names lower-case and uncompressed, A/AAAA/DS RDATA', () => {
  assert.deepEqual(nameWire('A.Lab.'), Buffer.from([1, 0x61, 3, 0x6c, 0x61, 0x62, 0]));
  assert.throws(() => nameWire(`${'x'.repeat(64)}.lab.`), /bad label/);
  assert.deepEqual(rdataWire('A', '192.0.2.1'), Buffer.from([192, 0, 2, 1]));
  assert.equal(rdataWire('AAAA', '2001:db8::2').toString('hex'), '20010db8000000000000000000000002');
  assert.equal(rdataWire('DS', '12345 13 2 ABCD').toString('hex'), '30390d02abcd');
});

test('TSIG: a signed message carries one more additional record; a response signed over the request MAC verifies, a changed one does not', () => {
  const key = { name: 'k.', algorithm: 'hmac-sha256' as const, secret: Buffer.alloc(32, 7).toString('base64') };
  const msg = updateMessage('lab.', [], 0, 4242);
  const req = signMessage(msg, key, 1_800_000_000);
  assert.equal(req.wire.readUInt16BE(10), 1);
  const parsed = parseResponse(req.wire);
  assert.equal(parsed.id, 4242);
  assert.ok(parsed.tsig);
  // A "response": the same header with QR set, signed the way a server signs (request MAC first).
  const resp = Buffer.from(msg);
  resp.writeUInt16BE(resp.readUInt16BE(2) | 0x8000, 2);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(req.mac.length, 0);
  const signed = signMessage(Buffer.concat([len, req.mac, resp]), key, 1_800_000_000).mac;
  // signMessage covers its input plus the variables; rebuild the record over the response itself.
  const withTsig = signMessage(resp, key, 1_800_000_000).wire;
  const p = parseResponse(withTsig);
  const rdata = Buffer.from(p.tsig!.rdata);
  signed.copy(rdata, rdata.length - 6 - signed.length);
  assert.equal(verifyResponse(withTsig, { start: p.tsig!.start, rdata }, key, req.mac), null);
  rdata[rdata.length - 7] ^= 1;
  assert.match(verifyResponse(withTsig, { start: p.tsig!.start, rdata }, key, req.mac) ?? '', /BADSIG/);
});
