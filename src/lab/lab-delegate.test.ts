import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDelegate, delegatedZone, delegateNodeKeys, describeDelegations, parseDelegate } from './lab-delegate.ts';
import { describeFaults, FaultUsageError, parseFault } from './lab-faults.ts';

const lab = {
  origin: 'lab.',
  records: [
    { name: 'lab.', type: 'SOA', ttl: 3600, data: 'a.nic.lab. host.lab. 1 3600 600 86400 300' },
    { name: 'example.lab.', type: 'NS', ttl: 3600, data: 'ns1.example.lab.' },
    { name: 'example.lab.', type: 'NS', ttl: 3600, data: 'ns2.example.lab.' },
    { name: 'ns1.example.lab.', type: 'A', ttl: 3600, data: '127.0.20.1' },
    { name: 'ns2.example.lab.', type: 'A', ttl: 3600, data: '127.0.20.2' },
    { name: 'gov.lab.', type: 'NS', ttl: 3600, data: 'ns1.gov.lab.' },
    { name: 'ns1.gov.lab.', type: 'A', ttl: 3600, data: '127.0.50.1' },
  ],
};

test('delegate parses a child zone and its new NS with optional glue, or off', () => {
  assert.deepEqual(parseDelegate('Example.LAB', 'ns9.evil.lab=198.51.100.9,ns2.example.lab'), { 'example.lab.': ['ns9.evil.lab.=198.51.100.9', 'ns2.example.lab.'] });
  assert.deepEqual(parseDelegate('example.lab', 'off'), { 'example.lab.': null });
  for (const [c, s] of [[undefined, 'x'], ['example.lab', undefined], ['example.lab', 'ns9=not-an-ip'], ['bad name', 'ns1']] as const) {
    assert.throws(() => parseDelegate(c, s), FaultUsageError);
  }
  assert.deepEqual(parseFault('delegate', 'example.lab', 1, 'ns9.evil.lab=198.51.100.9'), { kind: 'delegate', set: { delegate: { 'example.lab.': ['ns9.evil.lab.=198.51.100.9'] } } });
  assert.equal(describeFaults({ delegate: { 'example.lab.': ['ns9.evil.lab.=198.51.100.9'] } }), 'delegate example.lab. → ns9.evil.lab.=198.51.100.9');
  assert.deepEqual(delegateNodeKeys('lab-tld'), ['lab-tld/a', 'lab-tld/b', 'lab-tld/c', 'lab-tld/d']);
  assert.deepEqual(delegateNodeKeys('nope'), []);
});

test('the parent zone serves the new NS set and glue for that child only; off restores', () => {
  const d = applyDelegate({}, parseDelegate('example.lab', 'ns9.evil.lab=198.51.100.9,ns2.example.lab'));
  const z = delegatedZone(lab, d);
  const of = (name: string, type: string) => z.records.filter((r) => r.name === name && r.type === type).map((r) => r.data).sort();
  assert.deepEqual(of('example.lab.', 'NS'), ['ns2.example.lab.', 'ns9.evil.lab.']);
  assert.deepEqual(of('ns9.evil.lab.', 'A'), ['198.51.100.9']);
  assert.deepEqual(of('ns1.example.lab.', 'A'), [], 'old glue below the cut removed');
  assert.deepEqual(of('gov.lab.', 'NS'), ['ns1.gov.lab.'], 'other delegations untouched');
  assert.deepEqual(describeDelegations(d), ['delegate example.lab. → ns9.evil.lab.=198.51.100.9, ns2.example.lab.']);
  const off = applyDelegate(d, parseDelegate('example.lab', 'off'));
  assert.deepEqual(off, {});
  assert.deepEqual(delegatedZone(lab, off), lab);
});
