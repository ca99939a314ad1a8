// `dnswarden serve` end to end: two built-in authoritative servers on loopback, the daemon as a child
// process with a 1 s interval, its HTTP API and metrics, a node stopped and then the whole system,
// a SIGTERM, the store file, a restart that continues the outage history, and recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthServer } from '../src/authserver/auth-server.ts';
import { openStore } from '../src/store/open-store.ts';
import { BIN, ROOT, startServe, stopServe, waitFor, type Serve } from './platform-harness.ts';
import { startTldServers, tldConfigText, tLabZone, WWW } from './support/clocked-platform.ts';

const TOKEN = 'serve-test-token-0123456789';
const ZONE = tLabZone(1, `${WWW}mail  IN A   192.0.2.2
@     IN MX  10 mail
`);

const auth = { authorization: `Bearer ${TOKEN}` };
async function getJson(url: string, headers: Record<string, string> = auth): Promise<any> {
  const res = await fetch(url, { headers });
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return res.json();
}

test('serve: cycles, API, metrics, outages, SIGTERM, restart with outage history', { timeout: 240_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-serve-'));
  const servers: AuthServer[] = [];
  const daemons: Serve[] = [];
  t.after(async () => {
    for (const d of daemons) if (d.child.exitCode === null) d.child.kill('SIGKILL');
    for (const s of servers) await s.close();
    await rm(dir, { recursive: true, force: true });
  });
  const [a, b] = await startTldServers(dir, ['a', 'b'], ZONE);
  servers.push(a, b);
  const config = path.join(dir, 'config.yaml');
  await writeFile(config, tldConfigText({ a: a.port, b: b.port }, '', `probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0", token: "${TOKEN}" }
`));
  const data = path.join(dir, 'data');

  // --- first run: healthy cycles ---
  const d1 = await startServe(config, data);
  daemons.push(d1);
  await waitFor('2 cycles', async () => (
    /dnswarden_cycles_total ([2-9]|\d\d)/.test(await (await fetch(`${d1.url}/metrics`)).text()) ? true : undefined));
  const health = await getJson(`${d1.url}/healthz`, {});
  assert.equal(health.status, 'ok');
  assert.equal(health.store, 'ok');
  assert.ok(health.lastCycleAt);
  assert.equal((await fetch(`${d1.url}/api/v1/systems`)).status, 401);
  const list = await getJson(`${d1.url}/api/v1/systems`);
  const sys = list.systems[0];
  assert.equal(sys.id, 't-tld');
  assert.equal(sys.org, 'reg');
  assert.equal(sys.successRate, 1);
  assert.ok(sys.dataChecked > 0);
  assert.equal(sys.dataErrors, 0);
  assert.deepEqual(sys.nodes.map((n: any) => [n.id, n.successRate]), [['a', 1], ['b', 1]]);
  const metrics = await (await fetch(`${d1.url}/metrics`)).text();
  assert.match(metrics, /^dnswarden_node_success_ratio\{system="t-tld",node="a"\} 1$/m);
  const count = Number(/^dnswarden_node_latency_seconds_count\{system="t-tld",node="a"\} (\d+)$/m.exec(metrics)?.[1]);
  const queries = Number(/^dnswarden_node_queries_total\{system="t-tld",node="a"\} (\d+)$/m.exec(metrics)?.[1]);
  assert.ok(count > 0 && count <= queries, `latency count ${count}, queries ${queries}`);

  // --- node b stops: its success rate drops, a node outage opens ---
  b.setFaults({ stopped: true });
  const bDown = await waitFor('node b failing', async () => {
    const s = (await getJson(`${d1.url}/api/v1/systems`)).systems[0];
    return s.nodes.find((n: any) => n.id === 'b').successRate === 0 ? s : undefined;
  });
  assert.equal(bDown.nodes.find((n: any) => n.id === 'a').successRate, 1);
  assert.equal(bDown.stoppedMinutes, 0, 'half the nodes answer: the system has not stopped');
  const detail = await getJson(`${d1.url}/api/v1/systems/t-tld`);
  assert.ok(detail.outages.some((o: any) => o.nodeId === 'b' && o.endedAt === null), 'node outage recorded');
  assert.ok(detail.series.length >= 2);

  // --- both stop: the system has stopped resolving ---
  a.setFaults({ stopped: true });
  const stopped = await waitFor('system stopped', async () => {
    const s = (await getJson(`${d1.url}/api/v1/systems`)).systems[0];
    return s.successRate === 0 && s.stoppedMinutes > 0 ? s : undefined;
  });
  assert.ok(stopped.stoppedMinutes > 0);
  const outages1 = (await getJson(`${d1.url}/api/v1/systems/t-tld`)).outages;
  const systemOutage = outages1.find((o: any) => o.nodeId === null && o.service === null);
  assert.ok(systemOutage && systemOutage.endedAt === null, 'system outage open');
  assert.match(await (await fetch(`${d1.url}/metrics`)).text(), /^dnswarden_system_stopped_minutes\{system="t-tld"\} [0-9.]*[1-9]/m);

  // --- SIGTERM: clean exit; the store file holds the cycles and the open outages ---
  assert.equal(await stopServe(d1), 0, d1.stderr());
  assert.match(d1.stderr(), /stopped/);
  const store = await openStore({ url: null, dataDir: data });
  const series = await store.systemSeries('t-tld', '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
  assert.ok(series.length >= 4, `stored cycles: ${series.length}`);
  const open = await store.openOutages('t-tld');
  assert.deepEqual(open.map((o) => `${o.nodeId}/${o.service}`).sort(), ['a/null', 'b/null', 'null/null']);
  await store.close();

  // --- restart: the outage continues (same start), stoppedMinutes keeps counting ---
  const d2 = await startServe(config, data);
  daemons.push(d2);
  assert.match(d2.stderr(), /still open from before the restart|listening/);
  const again = await waitFor('a cycle after restart', async () => {
    const s = (await getJson(`${d2.url}/api/v1/systems`)).systems[0];
    return s.at !== null ? s : undefined;
  });
  assert.ok(again.stoppedMinutes >= stopped.stoppedMinutes, `${again.stoppedMinutes} ≥ ${stopped.stoppedMinutes}`);
  const outages2 = (await getJson(`${d2.url}/api/v1/systems/t-tld`)).outages;
  const same = outages2.find((o: any) => o.nodeId === null && o.service === null && o.endedAt === null);
  assert.equal(same?.id, systemOutage.id, 'the same outage, not a new one');
  assert.equal(same.startedAt, systemOutage.startedAt);

  // --- recovery closes the outages ---
  a.setFaults({});
  b.setFaults({});
  await waitFor('recovery', async () => {
    const s = (await getJson(`${d2.url}/api/v1/systems`)).systems[0];
    return s.successRate === 1 && s.stoppedMinutes === 0 ? s : undefined;
  });
  const closed = await waitFor('outages closed', async () => {
    const o = (await getJson(`${d2.url}/api/v1/systems/t-tld`)).outages;
    return o.every((x: any) => x.endedAt !== null) ? o : undefined;
  });
  assert.ok(closed.some((o: any) => o.id === systemOutage.id && o.endedAt >= o.startedAt));
  assert.equal(await stopServe(d2), 0, d2.stderr());
});

test('serve: an invalid configuration exits 2 without listening', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-serve-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = path.join(dir, 'bad.yaml');
  await writeFile(config, 'organizations: []\nsystems: []\nprobing: { interval: soon }\nbogus: 1\n');
  const child = spawn(process.execPath, [BIN, 'serve', '--config', config, '--data', path.join(dir, 'data')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  assert.equal(code, 2, err);
  assert.match(err, /bad\.yaml:\d+:\d+: /);
  assert.doesNotMatch(err, /listening/);
  assert.equal(out, '');
});
