// Serial lags survive a restart (issue 9, "Structure"): the real Platform (daemon, store) probing two
// built-in servers of one TLD, node a with the truth's serial 2, node b still serving serial 1, with an
// injected clock (5 minutes per cycle). Node b lags more than 10 minutes, `serve` stops, the clock jumps
// 10 minutes, `serve` starts again on the same data: node b's lag continues from its first lagging
// cycle (the daemon keeps it in <data>/serial-lags.json) and is now over the 12-minute tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import type { Finding, Snapshot } from '../src/core/snapshot.ts';
import { LAG_FILE_NAME } from '../src/daemon/lag-file.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { loadTldConfig, openClockedPlatform, startForCycles, tLabZone, type ClockedPlatform } from './support/clocked-platform.ts';

const minutes = (ms: number) => Math.round(ms / 6000) / 10; // as the serial-lag finding rounds
const lagOfB = (s: Snapshot) => s.findings?.find((f: Finding) => f.kind === 'serial-lag' && f.node === 'b');

test('a node lagging 10 minutes before a restart is still lagging 10+ minutes after it', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-lag-restart-'));
  const servers: AuthServer[] = [];
  t.after(async () => {
    for (const s of servers) await s.close();
    await rm(dir, { recursive: true, force: true });
  });
  await writeFile(path.join(dir, 't.lab.zone'), tLabZone(2));
  for (const [id, serial] of [['a', 2], ['b', 1]] as const) {
    const zone = parseZoneFile(tLabZone(serial), { origin: 't.lab.' });
    servers.push(await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: id }));
  }
  // Each run loads the configuration and makes its truth afresh, as a restarted `serve` does (the probe
  // engine's own per-configuration lags must not carry the lag over).
  const loadConfig = (): ResolvedConfig => loadTldConfig(dir, { a: servers[0].port, b: servers[1].port },
    '    check: { sample: all, serialLagTolerance: 12m }\n', 'probing: { interval: 200ms, timeout: 5001ms }\n');

  let clockMs = Date.parse('2026-11-23T08:00:00.000Z');
  const data = path.join(dir, 'data');

  async function run(cycles: number): Promise<ClockedPlatform> {
    const config = loadConfig();
    const truth = new CachedTruthProvider();
    // Each cycle starts 5 minutes after the previous one; the daemon's lag tracker goes in as `lags`.
    const p = await openClockedPlatform(config, data, () => new Date(clockMs), ({ client, lags }) => {
      clockMs += 5 * 60_000;
      const at = new Date(clockMs);
      return runProbeCycle(config, { client, truth, lags, now: () => at });
    });
    await startForCycles(p, cycles);
    await p.platform.stop();
    return p;
  }

  // --- first run: node b lags from the first cycle on ---
  const first = await run(3);
  const since = Date.parse(first.snapshots[0].window.from);
  const before = first.snapshots.at(-1)!;
  const lagBefore = lagOfB(before);
  assert.ok(lagBefore, 'node b is reported lagging');
  assert.equal(lagBefore.evidence.lagMinutes, minutes(Date.parse(before.window.from) - since));
  assert.ok((lagBefore.evidence.lagMinutes as number) >= 10, `${lagBefore.evidence.lagMinutes} min before the restart`);
  assert.equal(lagOfB(first.snapshots[0])?.evidence.lagMinutes, 0);
  assert.equal(before.findings?.some((f) => f.kind === 'serial-lag' && f.node === 'a'), false, 'node a is current');
  const saved = JSON.parse(await readFile(path.join(data, LAG_FILE_NAME), 'utf8'));
  assert.deepEqual(Object.keys(saved), ['t-tld/b']);
  assert.equal(saved['t-tld/b'].since, new Date(since).toISOString());

  // --- the platform is off for 10 minutes ---
  clockMs += 10 * 60_000;

  // --- second run on the same data ---
  const second = await run(1);
  const after = second.snapshots[0];
  const lagAfter = lagOfB(after);
  assert.ok(lagAfter, 'node b is still reported lagging');
  assert.equal(lagAfter.evidence.lagMinutes, minutes(Date.parse(after.window.from) - since), 'counted from its first lagging cycle before the restart');
  assert.ok((lagAfter.evidence.lagMinutes as number) >= (lagBefore.evidence.lagMinutes as number) + 10, `${lagAfter.evidence.lagMinutes} min after the restart`);
  assert.equal(lagAfter.severity, 'critical', 'over the 12-minute tolerance');
  assert.equal(lagAfter.evidence.withinTolerance, false);
});
