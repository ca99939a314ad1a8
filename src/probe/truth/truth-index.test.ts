import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TruthIndex } from './truth-index.ts';
import { records } from '../testing/fake-dns-client.ts';

const lab = records(`
  lab. SOA ns1.lab. admin.lab. 1 3600 600 86400 300
  lab. NS ns1.lab.
  ns1.lab. A 127.0.10.1
  www.lab. A 192.0.2.1
  www.lab. A 192.0.2.2
  alias.lab. CNAME www.lab.
  gov.lab. NS ns1.gov.lab.
  gov.lab. NS ns.other.test.
  ns1.gov.lab. A 192.0.2.53
  deep.gov.lab. A 192.0.2.99
  gov.lab. DS 12345 13 2 AABB
  x.lab. RRSIG A 13 2 300 20270101000000 20260101000000 1 lab. AAAA
`);

test('units: answers, referrals with glue; occluded data, SOA and DNSSEC types set apart', () => {
  const t = new TruthIndex([{ origin: 'lab.', records: lab }]);
  const keys = t.units.map(u => `${u.name}|${u.type}|${u.shape}`).sort();
  assert.deepEqual(keys, [
    'alias.lab.|CNAME|answer', 'gov.lab.|NS|referral', 'lab.|NS|answer', 'ns1.lab.|A|answer', 'www.lab.|A|answer',
  ]);
  const ref = t.units.find(u => u.shape === 'referral')!;
  assert.deepEqual(ref.glue, [{ name: 'ns1.gov.lab.', type: 'A', expected: ['192.0.2.53'] }]);
  assert.deepEqual(t.soaUnits.get('lab.')?.expected, ['lab. admin.lab. 1 3600 600 86400 300'.replace('lab. admin', 'ns1.lab. admin')]);
  assert.equal(t.isSigned('lab.'), false);
});

test('signed zones include DS at the cut; resolve follows CNAMEs', () => {
  const t = new TruthIndex([{ origin: 'lab.', records: [...lab, { name: 'lab.', type: 'DNSKEY', ttl: 300, data: '257 3 13 AAAA' }] }]);
  assert.ok(t.units.some(u => u.name === 'gov.lab.' && u.type === 'DS' && u.shape === 'answer'));
  assert.ok(t.units.some(u => u.type === 'DNSKEY'));
  assert.ok(!t.units.some(u => u.type === 'RRSIG'));
  assert.deepEqual(t.resolve('alias.lab.', 'A'), { finalName: 'www.lab.', expected: ['192.0.2.1', '192.0.2.2'] });
  assert.equal(t.resolve('deep.gov.lab.', 'A'), undefined);
  assert.equal(t.resolve('other.test.', 'A'), undefined);
  assert.deepEqual(t.resolve('nothere.lab.', 'A'), { finalName: 'nothere.lab.', expected: [] });
});

test('a system serving parent and child zones treats the child apex as in-zone, not a cut', () => {
  const child = records(`
    gov.lab. SOA ns1.gov.lab. admin.gov.lab. 1 3600 600 86400 300
    gov.lab. NS ns1.gov.lab.
    www.gov.lab. A 192.0.2.7
  `);
  const t = new TruthIndex([{ origin: 'lab.', records: lab }, { origin: 'gov.lab.', records: child }]);
  assert.equal(t.zoneOf('www.gov.lab.'), 'gov.lab.');
  assert.ok(t.units.some(u => u.name === 'www.gov.lab.' && u.shape === 'answer'));
  assert.ok(!t.units.some(u => u.shape === 'referral'));
});
