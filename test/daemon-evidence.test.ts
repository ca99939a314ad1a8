// The daemon's evidence wiring with a scripted probe and the embedded store: the probe is asked for
// the rule set's latency thresholds and for a widened sample on a node that shows errors, and every
// cycle is emitted (and kept as the latest) with the window's evidence on the node (src/core/evidence).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Daemon, type ProbeFn } from '../src/daemon/daemon.ts';
import { loadConfigText } from '../src/config/load-config.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Snapshot } from '../src/core/snapshot.ts';

const CONFIG = `organizations:
  - { id: reg, role: registry }
systems:
  - id: cn-tld
    org: reg
    kind: tld
    zone: cn.
    nodes: [ { id: a, address: 127.0.10.1 } ]
probing: { interval: 100ms }
rules: { evidenceWindow: 5m }
`;

function snapshotOf(cycle: number, sample: number): Snapshot {
  const at = new Date(Date.UTC(2026, 10, 23, 8, 0, cycle * 10)).toISOString();
  const checked = Math.round(sample * 1.25);
  return {
    at, window: { from: at, to: at },
    systems: [{
      id: 'cn-tld', kind: 'tld', org: 'reg', successRate: 1, latencyMs: null, stoppedMinutes: 0,
      nodes: [{ id: 'a', address: '127.0.10.1', port: 53, queries: sample, answered: sample, succeeded: sample, successRate: 1, latencyMs: null,
        dataChecked: checked, dataErrors: cycle === 0 ? 1 : 0, dataErrorRate: 0, keyDomainErrors: 0 }],
    }],
  };
}

test('the daemon widens the sample of a node with undetermined evidence and attaches the evidence to each cycle', { timeout: 30_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-daemon-evidence-'));
  const loaded = loadConfigText(CONFIG, '<inline>');
  assert.ok(loaded.config, JSON.stringify(loaded.errors));
  const store = await openStore({ url: null, dataDir: dir });
  const asked: Array<{ sample: number | 'all' | undefined; thresholds: number[] | undefined }> = [];
  const probe: ProbeFn = async ({ sampleFor, latencyThresholdsMs }) => {
    const sample = sampleFor?.('cn-tld', 'a');
    asked.push({ sample, thresholds: latencyThresholdsMs });
    return snapshotOf(asked.length - 1, typeof sample === 'number' ? sample : 2000);
  };
  const daemon = new Daemon({ config: loaded.config, store, version: 'test', probe, log: () => undefined });
  t.after(async () => { await daemon.stop({ graceMs: 1000 }); await store.close(); rmSync(dir, { recursive: true, force: true }); });
  const seen: Snapshot[] = [];
  const done = new Promise<void>((resolve) => daemon.onCycle((s) => { seen.push(s); if (seen.length === 4) resolve(); }));
  await daemon.start();
  await done;

  assert.deepEqual(asked[0], { sample: undefined, thresholds: [5000] }, 'first cycle: the configured sample; the rule set compares latency with 5 s');
  assert.deepEqual(asked.slice(1, 4).map((a) => a.sample), [8000, 32000, undefined], 'one error in 2,500 is undetermined: ×4 per cycle until settled');
  const evidence = seen.map((s) => s.systems[0].nodes[0].dataEvidence);
  assert.deepEqual(evidence.map((e) => e?.checked), [2500, 12500, 52500, 55000], 'checks accumulate in the window');
  assert.deepEqual(evidence[0]?.decisions.map((d) => [d.threshold, d.verdict]), [[0.0001, 'undetermined'], [0.001, 'undetermined']],
    "the TLD rules' thresholds");
  assert.deepEqual(evidence[2]?.decisions.map((d) => d.verdict), ['not-above', 'not-above'], '1 in 52,500: settled, back to the configured sample');
  assert.ok(daemon.latest()?.systems[0].nodes[0].dataEvidence, 'the latest snapshot (API, console) carries it');
});
