// Security review (issue 9) items 6, 8 and 12 over real loopback sockets: HTTPS with http.tls (a
// self-signed certificate made here with openssl) and Secure cookies under TLS or a trusted proxy;
// /metrics behind http.metricsToken; the connection cap and timeouts from http.limits; live streams
// capped per user. Statuses and counts only, no timings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/http/app.ts';
import { fakeConfig, fakeDeps, TOKEN } from './http-fixtures.ts';
import { buildWorld, PASSWORD, worldConfig, type World } from './http-access-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'dnswarden-tls-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
before(() => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const METRICS_TOKEN = 'metrics-token-0123456789';

function get(url: string, opts: { ca?: Buffer; headers?: Record<string, string>; method?: string; body?: string } = {}): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: opts.method ?? 'GET', headers: opts.headers, ...(opts.ca ? { ca: opts.ca } : {}) }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

test('8. http.tls serves HTTPS with the configured certificate; 12. /metrics needs http.metricsToken', async () => {
  const config = fakeConfig();
  config.http = { ...config.http, tls: { cert, key }, metricsToken: METRICS_TOKEN };
  const app = await buildApp(fakeDeps({ config }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const base = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const ca = readFileSync(cert);
    assert.equal((await get(`${base}/healthz`, { ca })).status, 200);
    await assert.rejects(get(`${base}/healthz`), 'an unknown certificate is refused by default: it really is TLS');
    assert.equal((await get(`${base}/metrics`, { ca })).status, 401);
    assert.equal((await get(`${base}/metrics`, { ca, headers: { authorization: `Bearer ${TOKEN}` } })).status, 401, 'the API token is not the metrics token');
    const ok = await get(`${base}/metrics`, { ca, headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.match(ok.body, /^# (HELP|TYPE) /m);
  } finally {
    await app.close();
  }
});

test('8. session cookies are Secure under http.tls and under http.trustProxy (X-Forwarded-Proto honoured)', async () => {
  for (const extra of [{ tls: { cert, key } }, { trustProxy: true }]) {
    const config = worldConfig();
    config.http = { ...config.http, ...extra };
    const world = await buildWorld({ deps: { config } });
    try {
      const res = await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'office', password: PASSWORD } });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['set-cookie']), /; Secure$/, JSON.stringify(extra));
      if ('trustProxy' in extra) {
        const proto = await world.app.inject({ url: '/api/v1/me', headers: { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-forwarded-proto': 'https' } });
        assert.equal(proto.statusCode, 200);
        const write = await world.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: {
          cookie: String(res.headers['set-cookie']).split(';')[0], 'x-forwarded-proto': 'https', 'x-forwarded-host': 'dnswarden.example', origin: 'https://dnswarden.example' } });
        assert.equal(write.statusCode, 200, `the proxy's public origin is the console's own: ${write.body}`);
      }
    } finally {
      await world.close();
    }
  }
});

test('6. timeouts and the connection cap come from http.limits (with defaults); connections over the cap are closed', async () => {
  const plain = await buildApp(fakeDeps());
  assert.deepEqual([plain.server.requestTimeout, plain.server.headersTimeout, plain.server.maxConnections, plain.server.timeout], [30_000, 10_000, 512, 60_000]);
  await plain.close();
  const config = fakeConfig();
  config.http = { ...config.http, limits: { maxConnections: 2, requestTimeoutMs: 20_000, headersTimeoutMs: 5_000, idleTimeoutMs: 40_000, streamsPerUser: 4 } };
  const app = await buildApp(fakeDeps({ config }));
  assert.deepEqual([app.server.requestTimeout, app.server.headersTimeout, app.server.maxConnections, app.server.timeout], [20_000, 5_000, 2, 40_000]);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const open = (): Promise<Socket> => new Promise((resolve) => { const s = connect(port, '127.0.0.1', () => resolve(s)); });
  const held = [await open(), await open()];
  try {
    // The server counts connections as it accepts them: wait until both are its own.
    while (await new Promise<number>((r) => app.server.getConnections((_e, n) => r(n))) < 2) await new Promise((r) => setImmediate(r));
    const third = await open();
    const closed = await new Promise<boolean>((resolve) => { third.on('close', () => resolve(true)); third.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'); });
    assert.equal(closed, true, 'the third connection is dropped');
  } finally {
    for (const s of held) s.destroy();
    await app.close();
  }
});

test('6. one user cannot take every live stream: streamsPerUser, then 429; another user still gets one', async () => {
  const config = worldConfig();
  config.http = { ...config.http, limits: { maxConnections: 100, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, idleTimeoutMs: 60_000, streamsPerUser: 2 } };
  const world: World = await buildWorld({ deps: { config } });
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (world.app.server.address() as AddressInfo).port;
  const tokenOf = async (who: string) => (await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: who, password: PASSWORD } })).json().token as string;
  const [a, b] = [await tokenOf('office'), await tokenOf('registry')];
  const streams: IncomingMessage[] = [];
  const openStream = (token: string): Promise<number> => new Promise((resolve, reject) => {
    const req = httpRequest(`http://127.0.0.1:${port}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      streams.push(res);
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  try {
    assert.deepEqual([await openStream(a), await openStream(a), await openStream(a)], [200, 200, 429]);
    assert.equal(await openStream(b), 200, 'another user is not affected');
    streams[0].destroy();
    await new Promise((r) => streams[0].once('close', r));
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) status = await openStream(a); // the server notices the closed stream
    assert.equal(status, 200, 'a slot frees when a stream ends');
  } finally {
    for (const s of streams) s.destroy();
    await world.close();
  }
});
