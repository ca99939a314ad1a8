import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeAuthoritative } from './judge-authoritative.ts';
import type { DnsAnswer } from '../../dns/dns-client-types.ts';
import type { ProbeUnit } from '../truth/truth-index.ts';

const ans = (over: Partial<DnsAnswer>): DnsAnswer =>
  ({ outcome: 'answer', transport: 'udp', latencyMs: 1, rcode: 'NOERROR', aa: true, answer: [], authority: [], additional: [], ...over });
const rr = (name: string, type: string, data: string) => ({ name, type, ttl: 60, data });
const www: ProbeUnit = { zone: 'lab.', name: 'www.lab.', type: 'A', shape: 'answer', expected: ['192.0.2.1'] };
const gov: ProbeUnit = { zone: 'lab.', name: 'gov.lab.', type: 'NS', shape: 'referral', expected: ['ns1.gov.lab.'],
  glue: [{ name: 'ns1.gov.lab.', type: 'A', expected: ['192.0.2.53'] }] };

test('in-zone answers: AA needed; NODATA is a wrong answer; NXDOMAIN makes the data missing', () => {
  assert.deepEqual(judgeAuthoritative(ans({ answer: [rr('www.lab.', 'A', '192.0.2.9')] }), { kind: 'unit', unit: www }),
    { failure: null, comparisons: [{ name: 'www.lab.', type: 'A', expected: ['192.0.2.1'], got: ['192.0.2.9'] }] });
  assert.equal(judgeAuthoritative(ans({ aa: false, answer: [rr('www.lab.', 'A', '192.0.2.1')] }), { kind: 'unit', unit: www }).failure, 'lame');
  assert.equal(judgeAuthoritative(ans({}), { kind: 'unit', unit: www }).failure, 'wrong-answer');
  const nx = judgeAuthoritative(ans({ rcode: 'NXDOMAIN' }), { kind: 'unit', unit: www });
  assert.equal(nx.failure, 'nxdomain-unexpected');
  assert.deepEqual(nx.comparisons[0].got, []);
});

test('failures before judging data leave nothing to compare', () => {
  for (const [a, cause] of [[ans({ rcode: 'SERVFAIL' }), 'servfail'], [ans({ rcode: 'REFUSED', aa: false }), 'refused'],
    [ans({ rcode: 'NOTIMP' }), 'other-rcode'], [ans({ outcome: 'timeout', latencyMs: null }), 'timeout']] as const) {
    assert.deepEqual(judgeAuthoritative(a, { kind: 'unit', unit: www }), { failure: cause, comparisons: [] });
  }
});

test('referrals: NS in authority with AA=0, glue from additional; no NS and no AA is lame', () => {
  const ok = judgeAuthoritative(ans({ aa: false, authority: [rr('gov.lab.', 'NS', 'ns1.gov.lab.')], additional: [rr('ns1.gov.lab.', 'A', '192.0.2.99')] }),
    { kind: 'unit', unit: gov });
  assert.equal(ok.failure, null);
  assert.deepEqual(ok.comparisons.map(c => c.got), [['ns1.gov.lab.'], ['192.0.2.99']]);
  assert.equal(judgeAuthoritative(ans({ aa: false }), { kind: 'unit', unit: gov }).failure, 'lame');
  const child = judgeAuthoritative(ans({ answer: [rr('gov.lab.', 'NS', 'ns1.gov.lab.')] }), { kind: 'unit', unit: gov });
  assert.equal(child.failure, null, 'a node that also serves the child answers authoritatively');
});

test('NXDOMAIN checks and SOA without truth', () => {
  assert.equal(judgeAuthoritative(ans({ rcode: 'NXDOMAIN' }), { kind: 'nxdomain', name: 'x.lab.' }).failure, null);
  assert.equal(judgeAuthoritative(ans({ rcode: 'NXDOMAIN', aa: false }), { kind: 'nxdomain', name: 'x.lab.' }).failure, 'lame');
  assert.equal(judgeAuthoritative(ans({}), { kind: 'nxdomain', name: 'x.lab.' }).failure, 'wrong-answer');
  assert.equal(judgeAuthoritative(ans({ answer: [rr('lab.', 'SOA', 'a. b. 1 2 3 4 5')] }), { kind: 'soa', zone: 'lab.' }).failure, null);
  assert.equal(judgeAuthoritative(ans({}), { kind: 'soa', zone: 'lab.' }).failure, 'wrong-answer');
});
