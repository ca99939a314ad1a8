import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateZoneKey, signRRset } from './sign.ts';
import type { ZoneSigningKey } from './sign.ts';
import { validateRRset } from './validate-rrset.ts';
import { fromZoneRecord } from './records.ts';
import { VerifyCache } from './validate-rrset.ts';
import type { Rr, ZoneKeys } from './types.ts';

// "now" is the test's own, far from any fixed date; windows are relative to it.
const now = Math.floor(Date.now() / 1000);
const rr = (name: string, type: string, data: string, ttl = 300): Rr => fromZoneRecord({ name, type, ttl, data });
const trusted = (zone: string, ...ks: ZoneSigningKey[]): ZoneKeys =>
  ({ zone, keys: ks.map((k) => ({ tag: k.tag, algorithm: k.algorithm, flags: k.flags, rdata: k.rdata })) });
const valid = { zone: 'lab.', inception: now - 3600, expiration: now + 86400 };

test('every algorithm: secure; the RRset in any order, duplicates ignored; MX target lower-cased', () => {
  for (const alg of [8, 10, 13, 14, 15, 16]) {
    const k = generateZoneKey(alg, 256);
    const set = [rr('www.lab.', 'A', '192.0.2.2'), rr('www.lab.', 'A', '192.0.2.1')];
    const sig = signRRset(set, k, valid);
    const v = validateRRset([set[1], set[0], set[1]], [sig], trusted('lab.', k), { now });
    assert.deepEqual([v.status, v.algorithm, v.expiresAt], ['secure', alg, valid.expiration], `algorithm ${alg}`);
  }
  const k = generateZoneKey(13, 256);
  const mx = [rr('lab.', 'MX', '10 MAIL.Lab.')];
  assert.equal(validateRRset(mx, [signRRset([rr('lab.', 'MX', '10 mail.lab.')], k, valid)], trusted('lab.', k), { now }).status, 'secure');
});

test('windows, tampering, missing signature, unknown key', () => {
  const k = generateZoneKey(13, 256), other = generateZoneKey(13, 256);
  const set = [rr('www.lab.', 'A', '192.0.2.1')];
  const keys = trusted('lab.', k);
  const reason = (sigs: Rr[], s = set): string | null => validateRRset(s, sigs, keys, { now }).reason;
  assert.equal(reason([signRRset(set, k, { ...valid, inception: now - 10 * 86400, expiration: now - 1 })]), 'signature-expired');
  assert.equal(reason([signRRset(set, k, { ...valid, inception: now + 1, expiration: now + 86400 })]), 'signature-not-yet-valid');
  assert.equal(reason([signRRset(set, k, valid)], [rr('www.lab.', 'A', '192.0.2.99')]), 'bad-signature');
  assert.equal(reason([signRRset(set, k, { ...valid, ttl: 301 })]), null, 'the original TTL is the signed one, whatever the TTL served');
  assert.equal(reason([]), 'missing-signature');
  assert.equal(reason([signRRset([rr('www.lab.', 'AAAA', '2001:db8::1')], k, valid)]), 'missing-signature', 'covers another type');
  assert.equal(reason([signRRset(set, other, valid)]), 'no-matching-key');
  assert.equal(reason([signRRset(set, other, valid), signRRset(set, k, valid)]), null, 'any valid signature will do');
  assert.equal(reason([signRRset(set, k, { ...valid, zone: 'other.' })]), 'missing-signature', 'signed by another zone');
});

test('a window across the 32-bit wrap of RRSIG times (serial arithmetic)', () => {
  const k = generateZoneKey(15, 256);
  const set = [rr('www.lab.', 'A', '192.0.2.1')];
  const wrapNow = 2 ** 32 + 100; // a time after 2106: its 32-bit value is 100
  const sig = signRRset(set, k, { zone: 'lab.', inception: 2 ** 32 - 1000, expiration: 5000 });
  assert.equal(validateRRset(set, [sig], trusted('lab.', k), { now: wrapNow }).status, 'secure');
  assert.equal(validateRRset(set, [sig], trusted('lab.', k), { now: 2 ** 32 + 6000 }).reason, 'signature-expired');
});

test('wildcard expansion: the signature over *.lab. validates x.y.lab. with its label count', () => {
  const k = generateZoneKey(13, 256);
  const sig = signRRset([rr('x.y.lab.', 'TXT', '"w"')], k, { ...valid, labels: 1 });
  const v = validateRRset([rr('x.y.lab.', 'TXT', '"w"')], [sig], trusted('lab.', k), { now });
  assert.deepEqual([v.status, v.wildcardLabels], ['secure', 1]);
});

test('the cycle cache: one verification per distinct signature; changed data under a reused signature fails', () => {
  const k = generateZoneKey(13, 256);
  const set = [rr('www.lab.', 'A', '192.0.2.1')];
  const sig = signRRset(set, k, valid);
  const cache = new VerifyCache();
  for (let i = 0; i < 50; i++) assert.equal(validateRRset(set, [sig], trusted('lab.', k), { now, cache }).status, 'secure');
  assert.deepEqual(cache.stats(), { verifications: 1, hits: 49, entries: 1 });
  assert.equal(validateRRset([rr('www.lab.', 'A', '192.0.2.9')], [sig], trusted('lab.', k), { now, cache }).reason, 'bad-signature');
});
