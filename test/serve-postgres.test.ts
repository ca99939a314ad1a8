// `dnswarden serve` end to end on PostgreSQL, watching real servers: the lab TLD served by two NSD and
// two Knot processes on loopback, database.url pointing at a throwaway cluster (test/support/pg-cluster.ts).
// Healthy cycles are stored in PostgreSQL (and no SQLite file appears); one NSD and one Knot stopped →
// a grade II incident opens, stored there; serve restarted on the same database → the same incident,
// adopted, not a second one; the servers started again → it resolves after the clean cycles.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { labConfigText } from '../src/lab/lab-config.ts';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { writeLabZones } from '../src/lab/lab-zones.ts';
import { findBinary, startKnot, startNsd, type RealServer, type RealServerOptions } from '../src/lab/real-servers.ts';
import { PG_SKIP, startPgCluster, type PgCluster } from './support/pg-cluster.ts';
import { startServe, stopServe, waitFor, type Serve } from './platform-harness.ts';
import { skipUnlessCi } from './support/peers.ts';

const TOKEN = 'serve-postgres-token-0123456789';
const NODES = [
  { id: 'nsd-a', kind: 'nsd', address: '127.0.61.1' }, { id: 'knot-b', kind: 'knot', address: '127.0.61.2' },
  { id: 'nsd-c', kind: 'nsd', address: '127.0.61.3' }, { id: 'knot-d', kind: 'knot', address: '127.0.61.4' },
] as const;

const missingPeers = [PG_SKIP || '', findBinary('nsd') ? '' : 'nsd (Debian nsd)', findBinary('knotd') ? '' : 'knotd (Debian knot)'].filter(Boolean);
const skip = skipUnlessCi(missingPeers.length ? `peer missing: ${missingPeers.join('; ')}` : false);

interface PgIncident { id: string; grade: string | null; state: string; detail: Record<string, any> }

describe('serve on PostgreSQL watching NSD and Knot: cycles and an incident stored, kept across a restart', { skip, timeout: 300_000 }, () => {
  let dir = '';
  let config = '';
  let cluster: PgCluster | undefined;
  let db: pg.Client | undefined;
  let port = 0;
  const servers = new Map<string, RealServer>();
  const serves: Serve[] = [];
  let zones: RealServerOptions['zones'] = [];

  const startNode = async (n: typeof NODES[number]): Promise<void> => {
    const o = { dir: path.join(dir, n.id), address: n.address, port, zones };
    servers.set(n.id, n.kind === 'nsd' ? await startNsd(o) : await startKnot(o));
  };
  const incidents = async (): Promise<PgIncident[]> =>
    (await db!.query("SELECT id, grade, state, detail FROM incidents WHERE system_id = 'lab-tld' AND NOT drill ORDER BY id")).rows
      .map((r) => ({ ...r, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }));
  const tldCycles = (s: Serve, pattern: RegExp): number => s.cycles().filter((c) => pattern.test(c.text)).length;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-serve-pg-'));
    for (let i = 0; i < 50 && port === 0; i++) {
      const p = 20000 + Math.floor(Math.random() * 20000);
      if ((await Promise.all(NODES.map((n) => canBindUdp(n.address, p)))).every(Boolean)) port = p;
    }
    assert.ok(port > 0, 'no free port');
    const zoneFiles = Object.fromEntries(writeLabZones(dir).map((z) => [z.origin, z.path]));
    zones = [{ origin: 'lab.', file: zoneFiles['lab.'] }];
    cluster = await startPgCluster();
    db = new pg.Client({ connectionString: cluster.url });
    db.on('error', () => undefined);
    await db.connect();
    await Promise.all(NODES.map(startNode));
    config = path.join(dir, 'platform.yaml');
    const text = labConfigText({
      nodes: { 'lab-tld': NODES.map((n) => ({ id: n.id, address: n.address, port })) }, zoneFiles,
      token: TOKEN, httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, inFlight: 64,
      openAfterCycles: 2, resolveAfterCycles: 3,
    });
    const withPg = text.replace(/^database:\n {2}url: null$/m, `database:\n  url: ${JSON.stringify(cluster.url)}`);
    assert.notEqual(withPg, text, 'the generated config has a database block to point at PostgreSQL');
    writeFileSync(config, withPg);
  });

  after(async () => {
    for (const s of serves) await stopServe(s);
    await Promise.allSettled([...servers.values()].map((s) => s.stop()));
    await db?.end().catch(() => undefined);
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('healthy cycles stored → two nodes stopped → grade II stored → restart keeps it → resolved', async () => {
    const data = path.join(dir, 'data');
    const first = await startServe(config, data);
    serves.push(first);
    await waitFor('three healthy lab-tld cycles', () => (tldCycles(first, /lab-tld 100\.0%/) >= 3 ? true : undefined), 60_000);
    const stored = await waitFor('cycles stored in PostgreSQL', async () => {
      const n = Number((await db!.query("SELECT count(*) AS n FROM cycles WHERE system_id = 'lab-tld'")).rows[0].n);
      return n >= 3 ? n : undefined;
    }, 30_000);
    assert.ok(stored >= 3);
    assert.equal(existsSync(path.join(data, 'dnswarden.sqlite')), false, 'nothing went to SQLite');
    assert.deepEqual(await incidents(), [], 'no incident while healthy');

    await servers.get('nsd-a')!.stop();
    await servers.get('knot-b')!.stop();
    const inc = await waitFor('a grade II lab-tld incident in PostgreSQL', async () => {
      const list = await incidents();
      return list.length > 0 && list[0].grade === 'II' ? list[0] : undefined;
    }, 120_000);
    assert.ok(inc.detail.matched.some((m: { rule: string }) => m.rule === 'tld-half-nodes-degraded'), JSON.stringify(inc.detail.matched));
    const api = await fetch(`${first.url}/api/v1/incidents/${encodeURIComponent(inc.id)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(api.status, 200, 'the API reads it back');
    assert.equal(((await api.json()) as { incident: { grade: string } }).incident.grade, 'II');

    // restart on the same database: the incident is still there and adopted, not opened again
    assert.equal(await stopServe(first), 0, first.stderr());
    const second = await startServe(config, data);
    serves.push(second);
    await waitFor('three bad cycles after the restart', () => (tldCycles(second, /lab-tld \S+ \(2\/4 nodes <50%\)/) >= 3 ? true : undefined), 120_000);
    const afterRestart = await incidents();
    assert.deepEqual(afterRestart.map((i) => i.id), [inc.id], 'one incident, the same one');
    assert.equal(afterRestart[0].detail.openedAt, inc.detail.openedAt);
    assert.equal(afterRestart[0].grade, 'II');

    // the servers answer again: resolved after the clean cycles, stored
    await startNode(NODES[0]);
    await startNode(NODES[1]);
    const resolved = await waitFor('the incident resolved in PostgreSQL', async () => {
      const i = (await incidents()).find((x) => x.id === inc.id);
      return i?.detail.resolvedAt ? i : undefined;
    }, 120_000);
    assert.equal(resolved.state, 'recovery');
    const kinds = async (): Promise<string[]> =>
      (await db!.query('SELECT kind FROM incident_timeline WHERE incident_id = $1 ORDER BY id', [inc.id])).rows.map((r) => r.kind);
    await waitFor('opened and measurements-clean on the timeline in PostgreSQL', async () => {
      const k = await kinds();
      return k.includes('opened') && k.includes('measurements-clean') ? true : undefined;
    }, 30_000);
    assert.equal(await stopServe(second), 0, second.stderr());
  });
});
