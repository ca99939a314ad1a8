// The DNSSEC algorithm history survives a restart (src/daemon/algorithm-file.ts): the platform watches a
// TLD t.lab. signed with ECDSA P-256 (13) and check.dnssec, stops; the zone is re-signed with RSA/SHA-256
// (8) while it is down; the restarted platform (same data directory, a new configuration object, so
// nothing is shared in memory) reports dnssec-algorithm-downgrade 13 → 8 at its first cycle. A platform
// with a fresh data directory on the same zone reports none (8 is all it has seen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAuthServerFromFiles } from '../src/authserver/auth-server.ts';
import { ALGORITHM_FILE_NAME } from '../src/daemon/algorithm-file.ts';
import { signZone } from '../src/lab/dnssec-signer.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import { loadTldConfig, openClockedPlatform, startForCycles, tLabZone } from './support/clocked-platform.ts';

const now = Math.floor(Date.now() / 1000);

/** Signs t.lab. with `algorithm` into dir/t.lab.zone (the truth) and serves it on loopback; runs the platform for `cycles`. */
async function watch(dir: string, dataDir: string, algorithm: number, cycles: number): Promise<Snapshot[]> {
  const signed = signZone({ dir: path.join(dir, `sign-${algorithm}`), origin: 't.lab.', algorithm, inception: now - 3600, expiration: now + 10 * 86400,
    text: tLabZone(1).replace('$ORIGIN t.lab.\n', '') });
  await writeFile(path.join(dir, 't.lab.zone'), await readFile(signed.file, 'utf8'));
  const server = await startAuthServerFromFiles({ zoneFiles: [{ origin: 't.lab.', file: path.join(dir, 't.lab.zone') }], address: '127.0.0.1', port: 0 });
  try {
    const config = loadTldConfig(dir, { a: server.port }, '    check: { sample: all, dnssec: true }\n',
      'probing: { interval: 200ms, timeout: 6s }\nhttp: { token: "dnssec-algorithm-token-0123456789" }\n');
    const truth = new CachedTruthProvider();
    const p = await openClockedPlatform(config, dataDir, () => new Date(),
      ({ client, sampleFor, latencyThresholdsMs, lags, algorithms }) => runProbeCycle(config, { client, truth, sampleFor, latencyThresholdsMs, lags, algorithms }));
    try {
      await startForCycles(p, cycles, 30_000);
    } finally {
      await p.platform.stop();
    }
    return p.snapshots;
  } finally {
    await server.close();
  }
}

const downgrades = (snaps: Snapshot[]) => snaps.flatMap((s) => (s.findings ?? []).filter((f) => f.kind === 'dnssec-algorithm-downgrade'));

test('a zone re-signed with a weaker algorithm while the platform was down: dnssec-algorithm-downgrade after the restart', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-dnssec-alg-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data = path.join(dir, 'data');

  const first = await watch(dir, data, 13, 2);
  assert.deepEqual(downgrades(first), []);
  assert.equal(first[0].systems[0].nodes[0].dataErrors, 0, JSON.stringify(first[0].systems[0].nodes[0].dataErrorSamples));
  assert.deepEqual(JSON.parse(await readFile(path.join(data, ALGORITHM_FILE_NAME), 'utf8')), { 't-tld|t.lab.': [13] });

  const after = await watch(dir, data, 8, 1);
  const [f] = downgrades(after.slice(0, 1));
  assert.ok(f, 'the first cycle after the restart sees the downgrade');
  assert.deepEqual([f.system, f.subject, f.evidence.expected, f.evidence.seen], ['t-tld', 't.lab.', [13], [8]]);
  assert.deepEqual(JSON.parse(await readFile(path.join(data, ALGORITHM_FILE_NAME), 'utf8')), { 't-tld|t.lab.': [13] }, 'the best seen is kept');

  assert.deepEqual(downgrades(await watch(dir, path.join(dir, 'fresh-data'), 8, 2)), [], 'a fresh data directory has no history');
});
