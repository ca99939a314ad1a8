// Measured time only (SPEC §3, issue 8): the real Platform (daemon, store, HTTP API) probing two
// built-in authoritative servers that answer SERVFAIL (the TLD has stopped resolving), with an injected
// clock. `serve` is stopped, the clock jumps 10 minutes, `serve` starts again on the same data:
// stoppedMinutes continues from what was measured without the 10 minutes, the gap is stored and the
// system series API returns it; then 2 minutes pass without a cycle: a second gap, not counted either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthServer } from '../src/authserver/auth-server.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import { buildApp } from '../src/http/app.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { loadTldConfig, openClockedPlatform, startForCycles, startTldServers, type ClockedPlatform } from './support/clocked-platform.ts';

const TOKEN = 'measured-time-token-0123456789';
const minutes = (ms: number) => Math.round((ms / 60_000) * 1000) / 1000;

test('a restart after 10 minutes off does not add them to stoppedMinutes; the gap is stored and on the series API', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-measured-'));
  const servers: AuthServer[] = [];
  t.after(async () => {
    for (const s of servers) await s.close();
    await rm(dir, { recursive: true, force: true });
  });
  servers.push(...await startTldServers(dir, ['a', 'b']));
  for (const s of servers) s.setFaults({ servfail: true }); // every query fails at once: the TLD has stopped resolving
  const config = loadTldConfig(dir, { a: servers[0].port, b: servers[1].port }, '    check: { sample: 5 }\n',
    `probing: { interval: 200ms, timeout: 5001ms }\nhttp: { token: "${TOKEN}" }\n`);

  // The injected clock: every reading of the probe advances it by one second (a cycle spans 1 s, the
  // next starts 1 s later — well within 2 × interval + timeout); the jump below is the platform being off.
  let clockMs = Date.parse('2026-11-23T08:00:00.000Z');
  const probeNow = () => new Date(clockMs += 1000);
  const truth = new CachedTruthProvider();
  const data = path.join(dir, 'data');

  /** `jumps`: cycle index of this run → minutes the clock jumps before it starts (cycles that were missed). */
  async function run(cycles: number, jumps: Record<number, number> = {}): Promise<ClockedPlatform> {
    let n = 0;
    const p = await openClockedPlatform(config, data, () => new Date(clockMs), ({ client }) => {
      clockMs += (jumps[n++] ?? 0) * 60_000;
      return runProbeCycle(config, { client, truth, now: probeNow });
    });
    await startForCycles(p, cycles);
    return p;
  }

  // --- first run: the TLD is down for a few cycles, all of them measured ---
  const first = await run(3);
  await first.platform.stop();
  const before = first.snapshots.at(-1)!;
  const s1 = before.systems[0].stoppedMinutes;
  const span = (snap: Snapshot) => Date.parse(snap.window.to) - Date.parse(snap.window.from);
  assert.equal(before.systems[0].successRate, 0);
  const m1 = Date.parse(before.window.to) - Date.parse(first.snapshots[0].window.from);
  assert.equal(s1, minutes(m1), 'watched from the start of the first failing cycle to the end of the last');

  // --- the platform is off for 10 minutes ---
  clockMs += 10 * 60_000;

  // --- second run on the same data; before its second cycle, 2 minutes pass without a cycle ---
  const second = await run(2, { 1: 2 });
  await second.platform.daemon.stop(); // no more cycles; the store stays open for the checks below
  const [after, missed] = second.snapshots;
  const last = second.snapshots.at(-1)!;
  const s2 = after.systems[0].stoppedMinutes;
  const m2 = m1 + span(after);
  assert.equal(s2, minutes(m2), `${s2}: the ${s1} measured before plus this cycle, not the 10 minutes off`);
  assert.ok(s2 < s1 + 1, `${s2} < ${s1} + 1`);
  const m3 = m2 + span(missed);
  assert.equal(missed.systems[0].stoppedMinutes, minutes(m3), 'the 2 minutes without a cycle are not counted either');

  const store = second.platform.store;
  const [outage] = (await store.openOutages('t-tld')).filter((o) => o.nodeId === null && o.service === null);
  assert.equal(outage.startedAt, first.snapshots[0].window.from, 'the same outage continues, with its start');
  assert.equal(outage.lastMeasuredAt, last.window.to);
  assert.equal(outage.measuredMs, m3 + Date.parse(last.window.to) - Date.parse(missed.window.to), 'the store holds the measured time');
  assert.equal(minutes(outage.measuredMs), last.systems[0].stoppedMinutes);

  const gaps = [
    { from: before.at, to: after.window.from, reason: 'platform-down' },
    { from: after.at, to: missed.window.from, reason: 'no-cycle' },
  ];
  assert.deepEqual((await store.gapHistory('2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z')).map(({ id: _id, ...g }) => g), gaps);

  const app = await buildApp({
    version: 'test', config, token: TOKEN, store,
    latest: () => second.platform.daemon.latest(), health: () => second.platform.daemon.health(), metrics: () => [],
  });
  try {
    const res = await app.inject({
      url: '/api/v1/systems/t-tld?from=2026-11-23T07:00:00Z&to=2026-11-23T09:00:00Z',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.gaps, gaps, 'the series API returns the gaps');
    assert.equal(body.system.stoppedMinutes, last.systems[0].stoppedMinutes);
    const systemOutage = body.outages.find((o: { nodeId: string | null; service: string | null }) => o.nodeId === null && o.service === null);
    assert.equal(systemOutage?.measuredMinutes, minutes(outage.measuredMs), 'the outage shows its measured minutes');
    assert.ok(body.series.length >= 5, `${body.series.length} points`);
    for (const gap of gaps) assert.ok(body.series.every((p: { at: string }) => p.at <= gap.from || p.at > gap.to), 'no point inside a gap');
  } finally {
    await app.close();
    await second.platform.stop();
  }
});
