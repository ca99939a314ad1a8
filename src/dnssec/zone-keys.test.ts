import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateZoneKey, dnskeyRr, signRRset } from './sign.ts';
import { verifyZoneKeys } from './zone-keys.ts';
import { dsDigest } from './crypto-keys.ts';
import { nameToWire } from './wire-names.ts';
import { parseTrustAnchor, rootTrustAnchor } from './records.ts';
import { toBase64 } from '../zone/presentation-text.ts';
import type { Rr } from './types.ts';

const now = Math.floor(Date.now() / 1000);
const window = { zone: 'lab.', inception: now - 3600, expiration: now + 86400 };

function ds(zone: string, k: { tag: number; algorithm: number; rdata: Uint8Array }, digestType: number, alg = k.algorithm): Rr {
  const d = dsDigest(nameToWire(zone), k.rdata, digestType)!;
  return { name: zone, type: 43, ttl: 300, rdata: Uint8Array.from([k.tag >> 8, k.tag & 255, alg, digestType, ...d]) };
}

test('DS (SHA-256 and SHA-384) → KSK → DNSKEY RRset → every zone key trusted', () => {
  const ksk = generateZoneKey(14, 257), zsk = generateZoneKey(14, 256);
  const keys = [dnskeyRr('lab.', ksk), dnskeyRr('lab.', zsk)];
  const sig = signRRset(keys, ksk, window);
  for (const digest of [2, 4]) {
    const v = verifyZoneKeys('lab.', keys, [sig], { ds: [ds('lab.', ksk, digest)] }, { now });
    assert.deepEqual([v.status, v.algorithms, v.keys?.keys.map((k) => k.tag)], ['secure', [14], [ksk.tag, zsk.tag]]);
  }
});

test('wrong DS, unsupported DS algorithm, DNSKEY RRset signed by the ZSK only, no DNSKEY', () => {
  const ksk = generateZoneKey(13, 257), zsk = generateZoneKey(13, 256);
  const keys = [dnskeyRr('lab.', ksk), dnskeyRr('lab.', zsk)];
  const good = ds('lab.', ksk, 2);
  const wrong = { ...good, rdata: good.rdata.map((b, i) => (i === good.rdata.length - 1 ? b ^ 1 : b)) };
  assert.equal(verifyZoneKeys('lab.', keys, [signRRset(keys, ksk, window)], { ds: [wrong] }, { now }).reason, 'no-matching-ds');
  assert.deepEqual(Object.values(verifyZoneKeys('lab.', keys, [], { ds: [ds('lab.', ksk, 2, 5)] }, { now })).slice(0, 2), ['insecure', 'unsupported-algorithm']);
  assert.equal(verifyZoneKeys('lab.', keys, [signRRset(keys, zsk, window)], { ds: [good] }, { now }).reason, 'no-matching-key');
  assert.equal(verifyZoneKeys('lab.', [], [], { ds: [good] }, { now }).reason, 'missing-dnskey');
  const sig = signRRset(keys, ksk, window);
  assert.equal(verifyZoneKeys('lab.', keys, [sig], { ds: [ds('lab.', ksk, 1)] }, { now }).status, 'secure', 'SHA-1 alone');
  assert.equal(verifyZoneKeys('lab.', keys, [sig], { ds: [ds('lab.', ksk, 1), wrong] }, { now }).reason, 'no-matching-ds',
    'RFC 4509: a SHA-1 match does not count next to a SHA-256 DS');
});

test('trust anchors: DNSKEY and DS files in presentation format, the built-in root anchors', () => {
  const ksk = generateZoneKey(15, 257);
  const keys = [dnskeyRr('lab.', ksk)];
  const text = `; Unbound trust-anchor-file\nlab. 3600 IN DNSKEY 257 3 15 ${toBase64(ksk.rdata.subarray(4))}\n`;
  const ta = parseTrustAnchor(text);
  assert.equal(ta.zone, 'lab.');
  assert.equal(verifyZoneKeys('lab.', keys, [signRRset(keys, ksk, window)], ta.anchor, { now }).status, 'secure');
  assert.equal(verifyZoneKeys('lab.', [dnskeyRr('lab.', generateZoneKey(15, 257))], [], ta.anchor, { now }).reason, 'no-trust-anchor-match');
  const root = rootTrustAnchor();
  assert.equal(root.zone, '.');
  assert.ok('ds' in root.anchor && root.anchor.ds.length === 2);
  assert.throws(() => parseTrustAnchor('a. IN DS 1 13 2 00\nb. IN DS 1 13 2 00'), /digest|more than one/);
  assert.throws(() => parseTrustAnchor('; nothing\n'), /no DS or DNSKEY/);
});
