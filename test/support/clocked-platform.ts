// The pieces the platform tests with a TLD on loopback share: the t.lab. zone they serve, built-in
// authoritative servers on it, the configuration of its TLD t-tld (organization reg, a registry), and
// the real Platform (daemon, store, incident service) run with an injected clock, its cycles collected.
// Used by the measured-time, serial-lag restart, EPP outage, RDDS and `serve` tests.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../../src/authserver/auth-server.ts';
import { loadConfigText } from '../../src/config/load-config.ts';
import type { ResolvedConfig } from '../../src/config/config-types.ts';
import type { Snapshot } from '../../src/core/snapshot.ts';
import { Platform, type PlatformOptions } from '../../src/daemon/platform.ts';
import { loadZoneFile } from '../../src/zone/zonefile.ts';
import { waitFor } from '../platform-harness.ts';

/** www, the name most tests look up. */
export const WWW = 'www   IN A   192.0.2.1\n';

/** t.lab.: the SOA with `serial`, NS ns1 (127.0.0.1), then `records` (one a line, each ending in a newline). */
export function tLabZone(serial = 1, records = WWW): string {
  return `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster ${serial} 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
${records}`;
}

/** Writes `zoneText` as `dir`/t.lab.zone (the truth) and starts a built-in server on it per node id (loopback, any port). */
export async function startTldServers(dir: string, ids: string[], zoneText = tLabZone()): Promise<AuthServer[]> {
  await writeFile(path.join(dir, 't.lab.zone'), zoneText);
  const zone = await loadZoneFile(path.join(dir, 't.lab.zone'), 't.lab.');
  const servers: AuthServer[] = [];
  for (const id of ids) servers.push(await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: id }));
  return servers;
}

/**
 * The configuration of organization reg (a registry) and its TLD t-tld: zone t.lab. on loopback
 * `nodes` (id → port), truth ./t.lab.zone. `system`: more lines of t-tld (four spaces in, each ending in
 * a newline); `rest`: what follows the systems (probing, http …).
 */
export function tldConfigText(nodes: Record<string, number>, system: string, rest: string): string {
  const nodeLines = Object.entries(nodes).map(([id, port]) => `      - { id: ${id}, address: 127.0.0.1, port: ${port} }\n`).join('');
  return `organizations:
  - { id: reg, role: registry, licensedBy: national }
systems:
  - id: t-tld
    org: reg
    kind: tld
    zone: t.lab.
    nodes:
${nodeLines}    truth: { zonefile: ./t.lab.zone }
${system}${rest}`;
}

/** tldConfigText read as `dir`/config.yaml; it must be valid. */
export function loadTldConfig(dir: string, nodes: Record<string, number>, system: string, rest: string): ResolvedConfig {
  const loaded = loadConfigText(tldConfigText(nodes, system, rest), path.join(dir, 'config.yaml'));
  assert.ok(loaded.config, JSON.stringify(loaded.errors));
  return loaded.config;
}

export interface ClockedPlatform { platform: Platform; snapshots: Snapshot[] }

/**
 * The Platform on `dataDir` reading the injected clock `now`, probing through `probe`; the outbox,
 * deadline and retention ticks are an hour apart (none during a test). Every cycle's snapshot is collected.
 */
export async function openClockedPlatform(config: ResolvedConfig, dataDir: string, now: () => Date, probe: NonNullable<PlatformOptions['probe']>): Promise<ClockedPlatform> {
  const platform = await Platform.open({
    config, dataDir, version: 'test', log: () => {}, now,
    outboxTickMs: 3_600_000, deadlineTickMs: 3_600_000, retentionTickMs: 3_600_000, probe,
  });
  const snapshots: Snapshot[] = [];
  platform.daemon.onCycle((s) => { snapshots.push(s); });
  return { platform, snapshots };
}

/** Starts the platform and waits until it has made `cycles` cycles. */
export async function startForCycles(p: ClockedPlatform, cycles: number, timeoutMs = 60_000): Promise<void> {
  await p.platform.start();
  await waitFor(`${cycles} cycles`, () => (p.snapshots.length >= cycles ? true : undefined), timeoutMs, 20);
}
