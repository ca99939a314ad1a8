import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeKeyDomain, listedFor } from './key-domain-check.ts';
import type { DnsAnswer } from '../../dns/dns-client-types.ts';

const ans = (over: Partial<DnsAnswer>): DnsAnswer =>
  ({ outcome: 'answer', transport: 'udp', latencyMs: 1, rcode: 'NOERROR', ra: true, answer: [], authority: [], additional: [], ...over });
const rr = (name: string, type: string, data: string) => ({ name, type, ttl: 60, data });

test('explicit expectations are split by type', () => {
  const list = ['192.0.2.1', '2001:DB8::1', 'v=spf1 -all'];
  assert.deepEqual(listedFor(list, 'A'), ['192.0.2.1']);
  assert.deepEqual(listedFor(list, 'AAAA'), ['2001:db8::1']);
  assert.deepEqual(listedFor(list, 'TXT'), ['v=spf1 -all']);
});

test('ok, hijacked, missing, failed, unknown; CNAME chains followed to the final RRset', () => {
  const expected = { data: ['192.0.2.1'] };
  const chain = [rr('www.gov.lab.', 'CNAME', 'web.gov.lab.'), rr('web.gov.lab.', 'A', '192.0.2.1')];
  assert.equal(judgeKeyDomain(expected, ans({ answer: chain }), 'www.gov.lab', 'A').status, 'ok');
  assert.equal(judgeKeyDomain(expected, ans({ answer: [rr('www.gov.lab.', 'A', '203.0.113.1')] }), 'www.gov.lab.', 'A').status, 'hijacked');
  assert.equal(judgeKeyDomain(expected, ans({ rcode: 'NXDOMAIN' }), 'www.gov.lab.', 'A').status, 'missing');
  assert.equal(judgeKeyDomain(expected, ans({ rcode: 'SERVFAIL' }), 'www.gov.lab.', 'A').status, 'failed');
  assert.equal(judgeKeyDomain(expected, ans({ outcome: 'timeout' }), 'www.gov.lab.', 'A').status, 'failed');
  assert.equal(judgeKeyDomain({ unknown: 'x' }, ans({}), 'www.gov.lab.', 'A').status, 'unknown');
  assert.equal(judgeKeyDomain({ data: [] }, ans({}), 'www.gov.lab.', 'AAAA').status, 'ok', 'no AAAA expected, none given');
});
