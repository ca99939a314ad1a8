// Shared set-up of the incident-service tests: a configuration, an SQLite store in a temp dir, a
// fake clock, a fake notify that collects events, a simple authorize, snapshot builders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText } from '../src/config/load-config.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { IncidentService } from '../src/response/incident-service.ts';
import { drillSnapshot, type DrillFault } from '../src/response/drill-snapshot.ts';
import type { Actor, Authorize, ResponseNotification } from '../src/response/response-types.ts';
import type { Snapshot } from '../src/core/snapshot.ts';

const CONFIG = `
organizations:
  - { id: office, role: emergency-office }
  - { id: gd-authority, role: provincial-authority, province: GD }
  - { id: bj-authority, role: provincial-authority, province: BJ }
  - { id: cert, role: cert }
  - { id: cn-registry, role: registry, licensedBy: national }
  - { id: big-dns, role: dns-provider, grade: 1, licensedBy: national }
  - { id: gd-telecom, role: telecom, province: GD }
systems:
  - id: cn-tld
    org: cn-registry
    kind: tld
    zone: cn.
    nodes:
      - { id: a, address: 127.0.10.1 }
      - { id: b, address: 127.0.10.2 }
      - { id: c, address: 127.0.10.3 }
      - { id: d, address: 127.0.10.4 }
  - id: big-auth
    org: big-dns
    kind: authoritative
    zones: [example.]
    nodes:
      - { id: ns1, address: 127.0.20.1 }
      - { id: ns2, address: 127.0.20.2 }
  - id: gd-resolver
    org: gd-telecom
    kind: recursive
    scope: province
    provinces: [GD]
    nodes:
      - { id: r1, address: 127.0.30.1 }
rules: { openAfterCycles: 2, resolveAfterCycles: 2 }
`;

export function testConfig(): ResolvedConfig {
  const { config, errors } = loadConfigText(CONFIG, '<inline>');
  if (!config) throw new Error(`test config invalid: ${JSON.stringify(errors)}`);
  return config;
}

export const ruleset = await readRuleset('miit-domain-security-2011');

export const ACTORS = {
  office: { id: 'u-office', org: 'office' },
  gd: { id: 'u-gd', org: 'gd-authority' },
  bj: { id: 'u-bj', org: 'bj-authority' },
  registry: { id: 'u-registry', org: 'cn-registry' },
  provider: { id: 'u-provider', org: 'big-dns' },
  telecom: { id: 'u-telecom', org: 'gd-telecom' },
  cert: { id: 'u-cert', org: 'cert' },
} satisfies Record<string, Actor>;

/** Stand-in for the access core: the office and authorities act on anything, others on their own org's incidents. */
export const simpleAuthorize: Authorize = (actor, _action, incident) => {
  if (['office', 'gd-authority', 'bj-authority'].includes(actor.org)) return null;
  if (actor.org === 'cert') return 'CNCERT monitors and supports; it does not command';
  return actor.org === incident.org ? null : 'not your organisation\'s incident';
};

export class FakeClock {
  t: number;
  constructor(iso: string) { this.t = Date.parse(iso); }
  now = (): Date => new Date(this.t);
  advance(ms: number): void { this.t += ms; }
  iso(): string { return new Date(this.t).toISOString(); }
}

export interface Harness {
  dir: string;
  store: Store;
  clock: FakeClock;
  config: ResolvedConfig;
  sent: ResponseNotification[];
  service: IncidentService;
  /** A new service (and store) over the same database file: what a restart after a crash sees. */
  restart(): Promise<IncidentService>;
  snapshot(faults: DrillFault[], healthy?: string[]): Snapshot;
  close(): Promise<void>;
}

export async function harness(start = '2026-11-23T08:00:00Z'): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-response-'));
  const config = testConfig();
  const clock = new FakeClock(start);
  const sent: ResponseNotification[] = [];
  const make = (store: Store) => new IncidentService({
    store, ruleset, config, now: clock.now, authorize: simpleAuthorize,
    notify: async (n) => { sent.push(n); },
  });
  const h: Harness = {
    dir, clock, config, sent,
    store: await openStore({ url: null, dataDir: dir, sqlite: { synchronous: 'NORMAL' } }),
    service: undefined as unknown as IncidentService,
    async restart() {
      await h.store.close();
      h.store = await openStore({ url: null, dataDir: dir, sqlite: { synchronous: 'NORMAL' } });
      h.service = make(h.store);
      await h.service.start();
      return h.service;
    },
    snapshot: (faults, healthy = []) => drillSnapshot(config.systems, faults, clock.iso(), { healthy }),
    async close() {
      await h.store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.service = make(h.store);
  return h;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const REPORT = {
  startedAt: '2026-11-23T08:00:00Z', scope: '2 of 4 .cn nodes', harm: 'slow resolution for part of the users',
  measuresTaken: 'traffic moved to healthy nodes', recommendations: 'add capacity',
};
