// GET /findings, GET /findings/:id, POST /findings/:id/incident through the real HTTP app, the real
// incident service and access core: scoped like incidents (own organisation; office and CERT all; a
// provincial authority the telecom serving its province), 404 outside the scope, conversion by the
// emergency office only, and the routes in the OpenAPI document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingService } from '../src/response/finding-service.ts';
import type { FindingInput } from '../src/store/store.ts';
import { buildWorld, loginAll, type Who, type World } from './http-access-fixtures.ts';

let w: World;
let tokens: Record<Who, string>;
const ids: Record<string, string> = {};

const seed = (over: Partial<FindingInput>): FindingInput => ({
  key: `key-domain-mismatch|bj-resolver|r1|www.gov.cn./A`, kind: 'key-domain-mismatch', system: 'bj-resolver', node: 'r1', subject: 'www.gov.cn./A',
  org: 'bj-telecom', severity: 'critical', summary: 'hijacked', evidence: { expected: ['192.0.2.1'], seen: ['203.0.113.66'], via: 'bj-resolver/r1', at: '2026-11-23T08:00:00.000Z' },
  firstSeen: '2026-11-23T08:00:00.000Z', lastSeen: '2026-11-23T08:00:10.000Z', ...over,
});

before(async () => {
  // The app is built before the world's store exists outside it: the route reaches the service through this holder.
  let real: FindingService | null = null;
  const holder = { get deps() { return real!.deps; }, told: (...a: Parameters<FindingService['told']>) => real!.told(...a) } as unknown as FindingService;
  w = await buildWorld({ deps: { findings: holder } });
  real = new FindingService({ store: w.store, config: w.config, now: w.clock.now, contactsOf: async () => [] });
  tokens = await loginAll(w.app);
  ids.bj = (await w.store.openFinding(seed({ id: 'fnd-bj' }))).finding.id;
  ids.sh = (await w.store.openFinding(seed({ id: 'fnd-sh', key: 'serial-lag|sh-site-dns|ns1|', kind: 'serial-lag', system: 'sh-site-dns', node: 'ns1', subject: null, org: 'sh-site', severity: 'warning' }))).finding.id;
  ids.old = (await w.store.openFinding(seed({ id: 'fnd-old', key: 'truth-stale|cn-tld||', kind: 'truth-stale', system: 'cn-tld', node: null, subject: null, org: 'registry', severity: 'warning' }))).finding.id;
  await w.store.closeFinding('fnd-old', '2026-11-23T08:05:00.000Z');
});

after(async () => { await w?.close(); });

const get = (who: Who, url: string) => w.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[who]}` } });
const convert = (who: Who, id: string, body: unknown = {}) => w.app.inject({ method: 'POST', url: `/api/v1/findings/${id}/incident`, headers: { authorization: `Bearer ${tokens[who]}` }, payload: body as object });

test('lists are scoped: the office and the CERT see all, an organisation its own, the BJ authority its telecom', async () => {
  const listed = async (who: Who, q = '') => ((await get(who, `/findings${q}`)).json().findings as Array<{ id: string }>).map((f) => f.id).sort();
  assert.deepEqual(await listed('office'), ['fnd-bj', 'fnd-sh'], 'open ones by default');
  assert.deepEqual(await listed('office', '?state=all'), ['fnd-bj', 'fnd-old', 'fnd-sh']);
  assert.deepEqual(await listed('office', '?state=closed'), ['fnd-old']);
  assert.deepEqual(await listed('cert'), ['fnd-bj', 'fnd-sh']);
  assert.deepEqual(await listed('bj-telecom'), ['fnd-bj']);
  assert.deepEqual(await listed('sh-site'), ['fnd-sh']);
  assert.deepEqual(await listed('bj'), ['fnd-bj']);
  assert.deepEqual(await listed('registry', '?state=all'), ['fnd-old']);
  assert.deepEqual(await listed('sh-site', '?org=bj-telecom'), [], 'asking for another organisation gives nothing');
  assert.deepEqual(await listed('office', '?kind=serial-lag'), ['fnd-sh']);
  assert.deepEqual(await listed('office', '?system=bj-resolver'), ['fnd-bj']);
  assert.equal((await get('office', '/findings?state=maybe')).statusCode, 400);
  assert.equal((await get('office', '/findings?color=red')).statusCode, 400);
});

test('one finding: the view with its evidence; outside the scope 404 like an unknown id', async () => {
  const ok = await get('bj-telecom', '/findings/fnd-bj');
  assert.equal(ok.statusCode, 200);
  const v = ok.json();
  assert.deepEqual(Object.keys(v).sort(), ['closedAt', 'evidence', 'firstSeen', 'id', 'incidentId', 'kind', 'lastSeen', 'node', 'org', 'severity', 'state', 'subject', 'summary', 'system']);
  assert.deepEqual(v.evidence.seen, ['203.0.113.66']);
  assert.equal((await get('sh-site', '/findings/fnd-bj')).statusCode, 404);
  assert.equal((await get('office', '/findings/nope')).statusCode, 404);
});

test('conversion: the office only (others 403 in scope, 404 outside); linked both ways; again answers the same incident', async () => {
  assert.equal((await convert('bj-telecom', 'fnd-bj')).statusCode, 403);
  assert.equal((await convert('cert', 'fnd-bj')).statusCode, 403);
  assert.equal((await convert('office-viewer', 'fnd-bj')).statusCode, 403);
  assert.equal((await convert('sh-site', 'fnd-bj')).statusCode, 404);
  assert.equal((await convert('office', 'fnd-bj', { reason: 'x', extra: 1 })).statusCode, 400);
  const first = await convert('office', 'fnd-bj', { reason: 'key domain hijacked' });
  assert.equal(first.statusCode, 201, first.body);
  const { incidentId } = first.json();
  const inc = await get('bj-telecom', `/incidents/${incidentId}`);
  assert.equal(inc.statusCode, 200);
  assert.equal(inc.json().detail.finding.id, 'fnd-bj');
  assert.equal((await get('office', '/findings/fnd-bj')).json().incidentId, incidentId);
  const again = await convert('office', 'fnd-bj');
  assert.deepEqual([again.statusCode, again.json().incidentId], [200, incidentId]);
  const doc = (await get('office', '/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/findings'] && doc.paths['/api/v1/findings/{id}'] && doc.paths['/api/v1/findings/{id}/incident'], Object.keys(doc.paths).join(' '));
});
