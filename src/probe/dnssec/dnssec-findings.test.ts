// Pure: the operations findings from zone reports (no network). The real-server path is
// test/probe-dnssec.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlgorithmHistory, dnssecFindings } from './dnssec-findings.ts';
import type { ZoneDnssecReport } from './dnssec-operations.ts';
import { authSystem } from '../testing/config-fixture.ts';
import { rrsigTime } from './dnssec-cycle.ts';

const system = authSystem('s', ['z.test.'], [], { dnssec: true, dnssecExpiryHorizonMs: 7 * 86400_000 });
const report = (over: Partial<ZoneDnssecReport> = {}): ZoneDnssecReport => ({
  system: 's', zone: 'z.test.', signed: true, status: 'secure', reason: null, algorithms: [13], keyTags: [1, 2],
  earliestExpiry: '2030-01-01T00:00:00.000Z', expiresIn: 10 * 86400, soaExpire: 86400, cds: [], dsAtParent: ['1 13 2 ab'],
  dsMatch: true, dsUnmatched: [], ...over,
});
const kinds = (r: ZoneDnssecReport) => dnssecFindings(system, [], [r], 'at').map((f) => `${f.kind}/${f.severity}`);

test('a healthy zone gives no finding', () => {
  assert.deepEqual(kinds(report()), []);
});

test('expiry: within the horizon warning, within a day critical, and the SOA expire timer when longer', () => {
  assert.deepEqual(kinds(report({ expiresIn: 6 * 86400 })), ['dnssec-expiring/warning']);
  assert.deepEqual(kinds(report({ expiresIn: 3600 })), ['dnssec-expiring/critical']);
  assert.deepEqual(kinds(report({ expiresIn: 9 * 86400, soaExpire: 14 * 86400 })), ['dnssec-expiring/warning']);
});

test('DS: none matching is a mismatch; one matching and one new is a rollover; CDS too', () => {
  assert.deepEqual(kinds(report({ dsMatch: false, dsUnmatched: ['1 13 2 ab'] })), ['dnssec-ds-mismatch/critical']);
  assert.deepEqual(kinds(report({ dsUnmatched: ['9 13 2 cd'] })), ['dnssec-rollover/info']);
  assert.deepEqual(kinds(report({ cds: ['0 3 0 AA=='] })), ['dnssec-rollover/info']);
});

test('algorithm downgrade: a weaker strongest algorithm, or unsigned, against what was seen before', () => {
  const h = new AlgorithmHistory();
  const first = report({ algorithms: [8, 13] });
  h.observe(first);
  assert.equal(first.downgradedFrom, undefined);
  const rollover = report({ algorithms: [13] }); // 8 retired, 13 kept: not weaker
  h.observe(rollover);
  assert.equal(rollover.downgradedFrom, undefined);
  const weaker = report({ algorithms: [8] });
  h.observe(weaker);
  assert.deepEqual(weaker.downgradedFrom, [13]);
  assert.deepEqual(kinds(weaker), ['dnssec-algorithm-downgrade/warning']);
  const unsigned = report({ signed: false, status: 'insecure', algorithms: [] });
  h.observe(unsigned);
  assert.deepEqual(unsigned.downgradedFrom, [13]);
});

test('RRSIG times: YYYYMMDDHHmmSS in UTC or seconds', () => {
  assert.equal(rrsigTime('20300101000000'), Date.UTC(2030, 0, 1) / 1000);
  assert.equal(rrsigTime('1893456000'), 1893456000);
  assert.equal(rrsigTime('x'), null);
});
