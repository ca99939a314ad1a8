// GET /api/v1/dnssec through the real HTTP app and access core: every watched zone from the latest
// cycle's `dnssec` reports (signed or not, chain status, algorithms, DS at the parent, earliest expiry),
// zones of systems without check.dnssec as not checked, key domains under their zone; scoped like
// /systems (the office sees all, an organisation its own); in the OpenAPI document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../src/core/snapshot.ts';
import type { ZoneDnssecReport } from '../src/probe/dnssec/dnssec-operations.ts';
import { dnssecOverview } from '../src/http/routes/dnssec.ts';
import { buildWorld, loginAll, type Who, type World } from './http-access-fixtures.ts';

const report = (over: Partial<ZoneDnssecReport>): ZoneDnssecReport => ({
  system: 'cn-tld', zone: 'cn.', signed: true, status: 'secure', reason: null, algorithms: [13], keyTags: [100, 200],
  earliestExpiry: '2026-12-01T00:00:00.000Z', expiresIn: 7 * 86400, soaExpire: 86400, cds: [], dsAtParent: null,
  dsMatch: null, dsUnmatched: [], ...over,
});
const snapshot = {
  at: '2026-11-23T08:00:10.000Z', window: { from: '2026-11-23T08:00:00.000Z', to: '2026-11-23T08:00:10.000Z' }, systems: [],
  dnssec: [report({}), report({ system: 'big-auth', zone: 'big.example.', parent: 'example.', dsAtParent: ['1 13 2 ab'], dsMatch: false, dsUnmatched: ['1 13 2 ab'] })],
} as unknown as Snapshot;

let w: World;
let tokens: Record<Who, string>;
before(async () => {
  w = await buildWorld({ deps: { latest: () => snapshot } });
  tokens = await loginAll(w.app);
});
after(async () => { await w?.close(); });

const get = (who: Who) => w.app.inject({ method: 'GET', url: '/api/v1/dnssec', headers: { authorization: `Bearer ${tokens[who]}` } });

test('the office sees every watched zone: checked ones with their chain, the others as not checked', async () => {
  const res = await get('office');
  assert.equal(res.statusCode, 200);
  const body = res.json() as { at: string; zones: Array<Record<string, unknown>> };
  assert.equal(body.at, snapshot.at);
  const byZone = new Map(body.zones.map((z) => [z.zone, z]));
  assert.deepEqual([...byZone.keys()].sort(), ['big.example.', 'bj.example.', 'cn.', 'site.example.']);
  assert.equal(byZone.get('cn.')!.chain, 'secure');
  assert.deepEqual(byZone.get('cn.')!.algorithms, [13]);
  assert.equal(byZone.get('cn.')!.earliestExpiry, '2026-12-01T00:00:00.000Z');
  assert.equal(byZone.get('big.example.')!.chain, 'bogus');
  assert.equal(byZone.get('big.example.')!.reason, 'no-matching-ds');
  assert.deepEqual(byZone.get('big.example.')!.dsAtParent, ['1 13 2 ab']);
  assert.equal(byZone.get('bj.example.')!.checked, false);
  assert.equal(byZone.get('bj.example.')!.reason, 'not-checked');
});

test('scoped like /systems: the registry sees its TLD only; without a credential 401', async () => {
  const zones = (await get('registry')).json().zones as Array<{ zone: string }>;
  assert.deepEqual(zones.map((z) => z.zone), ['cn.']);
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/v1/dnssec' })).statusCode, 401);
});

test('key domains are listed under the deepest watched zone holding them; a node serving bogus RRsets makes the chain bogus; unsigned zones are insecure', () => {
  const config = { systems: w.config.systems, keyDomains: [{ name: 'www.gov.cn' }, { name: 'elsewhere.org' }] } as Parameters<typeof dnssecOverview>[0];
  const snap = { ...snapshot, dnssec: [report({ bogusNodes: [{ node: 'a', samples: 3, reason: 'signature-expired' }] }),
    report({ system: 'bj-auth', zone: 'bj.example.', signed: false, status: 'insecure', reason: 'unsigned', algorithms: [] })] } as unknown as Snapshot;
  const rows = dnssecOverview(config, snap);
  const key = rows.filter((r) => r.keyDomain !== null);
  assert.deepEqual(key.map((r) => [r.keyDomain, r.zone, r.chain, r.reason]), [['www.gov.cn.', 'cn.', 'bogus', 'served: a signature-expired']], 'a node serving bogus data');
  assert.equal(rows.find((r) => r.zone === 'bj.example.')!.chain, 'insecure');
});

test('the route is in the OpenAPI document', async () => {
  const doc = (await w.app.inject({ method: 'GET', url: '/api/v1/openapi.json', headers: { authorization: `Bearer ${tokens.office}` } })).json();
  assert.ok(doc.paths['/api/v1/dnssec']?.get);
});
