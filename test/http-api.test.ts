// The HTTP API through Fastify's inject: auth, systems, OpenAPI document, hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/http/app.ts';
import { fakeDeps, fakeSnapshot, TOKEN } from './http-fixtures.ts';

const auth = { authorization: `Bearer ${TOKEN}` };

test('API routes need the bearer token; /healthz and /metrics do not', async (t) => {
  const app = await buildApp(fakeDeps());
  t.after(() => app.close());
  for (const url of ['/api/v1/systems', '/api/v1/systems/lab-tld', '/api/v1/openapi.json']) {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: `Basic ${TOKEN}` },
      { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }]) {
      const res = await app.inject({ url, headers });
      assert.equal(res.statusCode, 401, `${url} ${JSON.stringify(headers)}`);
      assert.equal(res.headers['content-type']?.toString().startsWith('application/json'), true);
      assert.equal(res.json().error, 'missing or invalid bearer token');
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    }
    const ok = await app.inject({ url, headers: auth });
    assert.equal(ok.statusCode, 200, url);
  }
  assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  assert.equal((await app.inject({ url: '/metrics' })).statusCode, 200);
});

test('no configured token keeps the API closed', async (t) => {
  const app = await buildApp(fakeDeps({ token: undefined }));
  t.after(() => app.close());
  assert.equal((await app.inject({ url: '/api/v1/systems', headers: { authorization: 'Bearer ' } })).statusCode, 401);
  assert.equal((await app.inject({ url: '/api/v1/systems', headers: { authorization: 'Bearer undefined' } })).statusCode, 401);
});

test('GET /api/v1/systems lists every configured system with latest and per-node figures', async (t) => {
  const app = await buildApp(fakeDeps());
  t.after(() => app.close());
  const body = (await app.inject({ url: '/api/v1/systems', headers: auth })).json();
  assert.equal(body.at, '2026-11-23T08:00:10.000Z');
  assert.deepEqual(body.systems.map((s: { id: string }) => s.id), ['lab-tld', 'quiet']);
  const [tld, quiet] = body.systems;
  assert.equal(tld.org, 'lab-registry');
  assert.equal(tld.kind, 'tld');
  assert.equal(tld.successRate, 0.5);
  assert.equal(tld.dataChecked, 50);
  assert.equal(tld.dataErrors, 1);
  assert.equal(tld.services.whois.up, false);
  assert.equal(tld.nodes.length, 2);
  assert.equal(tld.nodes[1].failures.timeout, 100);
  assert.equal(tld.nodes[1].latencyMs, null);
  assert.equal(quiet.successRate, null, 'not probed yet: null figures');
  assert.deepEqual(quiet.nodes, []);
});

test('GET /api/v1/systems/:id: series and outages, 404 for unknown, 400 for bad ranges', async (t) => {
  let asked: string[] = [];
  const deps = fakeDeps();
  const store = deps.store;
  deps.store = { ...store, systemSeries: async (id, from, to, o) => { asked = [id, from, to]; return store.systemSeries(id, from, to, o); } };
  const snap = { ...fakeSnapshot(), keyDomains: [
    { name: 'www.gov.lab.', type: 'A', system: 'lab-tld', node: 'a', status: 'hijacked', expected: ['192.0.2.80'], got: ['198.51.100.66'] },
    { name: 'www.gov.lab.', type: 'A', system: 'quiet', node: 'n1', status: 'ok', expected: ['192.0.2.80'], got: ['192.0.2.80'] },
  ] };
  deps.latest = () => snap;
  const app = await buildApp(deps);
  t.after(() => app.close());
  const res = await app.inject({ url: '/api/v1/systems/lab-tld?from=2026-11-23T07:00:00Z&to=2026-11-23T09:00:00Z', headers: auth });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.deepEqual(asked, ['lab-tld', '2026-11-23T07:00:00.000Z', '2026-11-23T09:00:00.000Z']);
  assert.equal(body.system.id, 'lab-tld');
  assert.equal(body.series.length, 1);
  assert.equal(body.series[0].successRate, 0.5);
  assert.equal(body.series[0].nodes, undefined, 'response schema filters what is not documented');
  assert.deepEqual(body.nodes.map((n: { id: string }) => n.id), ['a', 'b"x']);
  assert.equal(body.nodes[0].series[0].successRate, 0.9);
  assert.equal(body.outages[0].nodeId, 'b"x');
  assert.equal(body.outages[0].measuredMinutes, 0);
  assert.deepEqual(body.gaps, [{ from: '2026-11-23T07:30:00.000Z', to: '2026-11-23T07:40:00.000Z', reason: 'platform-down' }], 'measurement gaps');
  assert.deepEqual(body.keyDomains, [{ name: 'www.gov.lab.', type: 'A', node: 'a', status: 'hijacked', expected: ['192.0.2.80'], got: ['198.51.100.66'] }],
    "only this system's findings");

  assert.equal((await app.inject({ url: '/api/v1/systems/nope', headers: auth })).statusCode, 404);
  const bad = [
    '/api/v1/systems/lab-tld?from=yesterday',
    '/api/v1/systems/lab-tld?from=2026-11-23T09:00:00Z&to=2026-11-23T08:00:00Z',
    '/api/v1/systems/lab-tld?from=2025-01-01T00:00:00Z&to=2026-11-23T08:00:00Z',
    '/api/v1/systems/NOT%20AN%20ID',
  ];
  for (const url of bad) {
    const r = await app.inject({ url, headers: auth });
    assert.equal(r.statusCode, 400, url);
    assert.equal(typeof r.json().error, 'string');
  }
});

test('unknown query parameters are rejected with a clear message', async (t) => {
  const app = await buildApp(fakeDeps());
  t.after(() => app.close());
  for (const [url, headers] of [['/api/v1/systems?limit=5', auth], ['/api/v1/systems/lab-tld?form=x', auth], ['/healthz?x=1', {}]] as const) {
    const res = await app.inject({ url, headers });
    assert.equal(res.statusCode, 400, url);
    assert.match(res.json().error, /^unknown query parameter '(limit|form|x)'$/);
  }
});

test('hostile input: oversized body, odd methods, long paths — 4xx, no stack traces, app still serves', async (t) => {
  const app = await buildApp(fakeDeps());
  t.after(() => app.close());
  const big = 'x'.repeat(2 * 1024 * 1024);
  const responses = [
    await app.inject({ method: 'POST', url: '/api/v1/systems', headers: { ...auth, 'content-type': 'application/json' }, payload: `{"a":"${big}"}` }),
    await app.inject({ method: 'POST', url: '/healthz', headers: { 'content-type': 'application/json' }, payload: '{' }),
    await app.inject({ method: 'GET', url: `/api/v1/systems/${'a'.repeat(5000)}`, headers: auth }),
    await app.inject({ method: 'GET', url: '/api/v1/systems/%ZZ', headers: auth }),
    await app.inject({ method: 'DELETE', url: '/api/v1/systems/lab-tld', headers: auth }),
    await app.inject({ method: 'GET', url: '/api/v1/systems/lab-tld?from[]=1&from[]=2', headers: auth }),
  ];
  for (const res of responses) {
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body.slice(0, 200)}`);
    assert.doesNotMatch(res.body, /\bat .+:\d+:\d+|node_modules|\.ts:/, 'no stack trace');
  }
  assert.equal((await app.inject({ url: '/api/v1/systems', headers: auth })).statusCode, 200);
});

test('a failing store answers 500 without details', async (t) => {
  const errors: string[] = [];
  const deps = fakeDeps({ logError: (m) => errors.push(m) });
  deps.store = { ...deps.store, systemSeries: async () => { throw new Error('SQLITE_CORRUPT at /secret/path/db.sqlite'); } };
  const app = await buildApp(deps);
  t.after(() => app.close());
  const res = await app.inject({ url: '/api/v1/systems/lab-tld', headers: auth });
  assert.equal(res.statusCode, 500);
  assert.deepEqual(res.json(), { error: 'internal error', statusCode: 500 });
  assert.equal(errors.length, 1);
  assert.match(errors[0], /SQLITE_CORRUPT/);
});

test('OpenAPI document: version 3.1, every route, bearer security', async (t) => {
  const app = await buildApp(fakeDeps());
  t.after(() => app.close());
  const doc = (await app.inject({ url: '/api/v1/openapi.json', headers: auth })).json();
  assert.match(doc.openapi, /^3\.1\./);
  for (const path of ['/healthz', '/metrics', '/api/v1/systems', '/api/v1/systems/{id}', '/api/v1/openapi.json']) {
    assert.ok(doc.paths[path]?.get, `documents GET ${path}`);
    assert.ok(doc.paths[path].get.responses['200'], `${path} documents its 200 response`);
  }
  assert.ok(doc.paths['/api/v1/systems/{id}'].get.responses['404']);
  assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
  const params = doc.paths['/api/v1/systems/{id}'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort();
  assert.deepEqual(params, ['path:id', 'query:from', 'query:to']);
});
