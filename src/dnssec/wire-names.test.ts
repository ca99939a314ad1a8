import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNames, isAtOrBelow, labelCount, nameToWire, nsecCovers, readWireName, suffixName } from './wire-names.ts';
import { nsec3Hash } from './denial-nsec3.ts';
import { keyTag, dsDigest } from './crypto-keys.ts';
import { serialCompare } from './validate-rrset.ts';

test('canonical order of RFC 4034 §6.1', () => {
  const ordered = ['example.', 'a.example.', 'yljkjljk.a.example.', 'Z.a.example.', 'zABC.a.EXAMPLE.', 'z.example.',
    '\\001.z.example.', '*.z.example.', '\\200.z.example.'];
  const shuffled = [...ordered].reverse();
  shuffled.sort(compareNames);
  assert.deepEqual(shuffled, ordered);
});

test('wire form, labels, suffixes, coverage with wrap-around', () => {
  assert.deepEqual([...nameToWire('Www.Lab.')], [3, 119, 119, 119, 3, 108, 97, 98, 0]);
  assert.deepEqual(readWireName(nameToWire('a\\.b.lab.'), 0), { name: 'a\\.b.lab.', end: 9 });
  assert.equal(labelCount('.'), 0);
  assert.equal(labelCount('*.a.lab.'), 3);
  assert.equal(suffixName('x.y.lab.', 2), 'y.lab.');
  assert.ok(isAtOrBelow('a.b.lab.', 'b.lab.') && !isAtOrBelow('ab.lab.', 'b.lab.'));
  assert.ok(nsecCovers('a.lab.', 'c.lab.', 'b.lab.'));
  assert.ok(!nsecCovers('a.lab.', 'c.lab.', 'd.lab.'));
  assert.ok(nsecCovers('z.lab.', 'lab.', 'zz.lab.'), 'the last NSEC wraps to the apex');
});

test('NSEC3 hashes of RFC 5155 Appendix A (salt aabbccdd, 12 iterations)', () => {
  const salt = Buffer.from('aabbccdd', 'hex');
  const b32 = (b: Buffer): string => {
    const A = '0123456789abcdefghijklmnopqrstuv';
    let bits = 0, v = 0, out = '';
    for (const byte of b) { v = (v << 8) | byte; bits += 8; while (bits >= 5) { bits -= 5; out += A[(v >> bits) & 31]; } }
    return out;
  };
  assert.equal(b32(nsec3Hash('example.', salt, 12)), '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
  assert.equal(b32(nsec3Hash('a.example.', salt, 12)), '35mthgpgcu1qg68fab165klnsnk3dpvl');
});

test('key tag and DS digest of RFC 4034 §5.4', () => {
  const key = Buffer.from('AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMm' +
    'mAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==', 'base64');
  const rdata = new Uint8Array(Buffer.concat([Buffer.from([1, 0, 3, 5]), key]));
  assert.equal(keyTag(rdata), 60485);
  assert.equal(Buffer.from(dsDigest(nameToWire('dskey.example.com.'), rdata, 1)!).toString('hex').toUpperCase(),
    '2BB183AF5F22588179A53B0A98631FAD1A292118');
});

test('serial arithmetic on 32-bit times (RFC 4034 §3.1.5)', () => {
  assert.ok(serialCompare(10, 5) > 0 && serialCompare(5, 10) < 0 && serialCompare(7, 7) === 0);
  assert.ok(serialCompare(5, 0xfffffff0) > 0, '5 is after 2^32 - 16 (wrapped)');
  assert.ok(serialCompare(0xfffffff0, 5) < 0);
});
