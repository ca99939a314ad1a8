// A whole platform behind the real HTTP app for the access tests: one organisation of every role,
// their systems, a user per organisation (plus viewers and admins), an SQLite store in a temp dir,
// the real incident service with the access core's authorize, a fake clock, and one incident per
// affected organisation opened through the service.
import { mkdtempSync, rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfigText } from '../src/config/load-config.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Incident, Store } from '../src/store/store.ts';
import { IncidentService } from '../src/response/incident-service.ts';
import { createAuthorize, UserDirectory } from '../src/daemon/incident-authorize.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { buildApp, type AppDeps } from '../src/http/app.ts';
import type { LiveEvent } from '../src/http/routes/events.ts';
import type { Actor, ResponseNotification } from '../src/response/response-types.ts';

export const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';
export const MACHINE_TOKEN = 'machine-token-0123456789abcdef';

const CONFIG = `
organizations:
  - { id: office, role: emergency-office }
  - { id: bj-authority, role: provincial-authority, province: BJ }
  - { id: sh-authority, role: provincial-authority, province: SH }
  - { id: cert, role: cert }
  - { id: registry, role: registry, licensedBy: national }
  - { id: big-dns, role: dns-provider, grade: 1, licensedBy: national }
  - { id: bj-dns, role: dns-provider, grade: 2, licensedBy: BJ }
  - { id: bj-telecom, role: telecom }
  - { id: sh-site, role: website, grade: 1, licensedBy: SH }
systems:
  - id: cn-tld
    org: registry
    kind: tld
    zone: cn.
    nodes:
      - { id: a, address: 127.0.10.1 }
      - { id: b, address: 127.0.10.2 }
      - { id: c, address: 127.0.10.3 }
      - { id: d, address: 127.0.10.4 }
  - { id: big-auth, org: big-dns, kind: authoritative, zones: [big.example.], nodes: [{ id: ns1, address: 127.0.20.1 }, { id: ns2, address: 127.0.20.2 }] }
  - { id: bj-auth, org: bj-dns, kind: authoritative, zones: [bj.example.], nodes: [{ id: ns1, address: 127.0.21.1 }] }
  - { id: bj-resolver, org: bj-telecom, kind: recursive, scope: province, provinces: [BJ], nodes: [{ id: r1, address: 127.0.30.1 }] }
  - { id: sh-site-dns, org: sh-site, kind: website-dns, zones: [site.example.], nodes: [{ id: ns1, address: 127.0.40.1 }] }
rules: { openAfterCycles: 1, resolveAfterCycles: 1 }
notifications:
  email: { smtp: 'smtp://127.0.0.1:2525', from: 'dnswarden@example.test' }
http: { listen: '127.0.0.1:0', token: ${MACHINE_TOKEN} }
`;

export function worldConfig(): ResolvedConfig {
  const { config, errors } = loadConfigText(CONFIG, '<inline>');
  if (!config) throw new Error(`test config invalid: ${JSON.stringify(errors)}`);
  return config;
}

/** Principals of the matrix: a duty officer of every organisation, plus admins and viewers. */
export const USERS = {
  office: { org: 'office', roles: ['duty-officer'] },
  'office-viewer': { org: 'office', roles: ['viewer'] },
  'office-admin': { org: 'office', roles: ['admin'] },
  bj: { org: 'bj-authority', roles: ['duty-officer'] },
  sh: { org: 'sh-authority', roles: ['duty-officer'] },
  cert: { org: 'cert', roles: ['duty-officer'] },
  registry: { org: 'registry', roles: ['duty-officer'] },
  'registry-admin': { org: 'registry', roles: ['admin'] },
  'registry-viewer': { org: 'registry', roles: ['viewer'] },
  'big-dns': { org: 'big-dns', roles: ['duty-officer'] },
  'bj-dns': { org: 'bj-dns', roles: ['duty-officer'] },
  'bj-telecom': { org: 'bj-telecom', roles: ['duty-officer'] },
  'sh-site': { org: 'sh-site', roles: ['duty-officer'] },
} as const;
export type Who = keyof typeof USERS;
export const WHO = Object.keys(USERS) as Who[];

/** The incident of each affected organisation: system, grade (so the commander follows SPEC §4). */
export const INCIDENTS = {
  registry: { systemId: 'cn-tld', grade: 'II' },        // I/II → national office
  'big-dns': { systemId: 'big-auth', grade: 'III' },    // III of a grade-1 provider → national office
  'bj-dns': { systemId: 'bj-auth', grade: 'IV' },       // grade-2 provider → itself
  'bj-telecom': { systemId: 'bj-resolver', grade: 'III' }, // III of a one-province resolver → BJ authority
  'sh-site': { systemId: 'sh-site-dns', grade: 'III' }, // III of a grade-1 website licensed by SH → SH authority
} as const;
export type IncidentOrg = keyof typeof INCIDENTS;

export class FakeClock {
  t: number;
  constructor(iso: string) { this.t = Date.parse(iso); }
  now = (): Date => new Date(this.t);
  advance(ms: number): void { this.t += ms; }
}

export interface World {
  dir: string;
  config: ResolvedConfig;
  store: Store;
  service: IncidentService;
  app: FastifyInstance;
  clock: FakeClock;
  userIds: Record<Who, string>;
  incidents: Record<IncidentOrg, Incident>;
  events: LiveEvent[];
  notifications: ResponseNotification[];
  close: () => Promise<void>;
}

export async function buildWorld(opts: { sessionTtlMs?: number; deps?: Partial<AppDeps> } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-http-'));
  const config = worldConfig();
  const store = await openStore({ url: null, dataDir: dir });
  const clock = new FakeClock('2026-11-23T08:00:00.000Z');
  const notifications: ResponseNotification[] = [];
  const users = new UserDirectory(store);
  const service = new IncidentService({
    store, config, ruleset: await readRuleset('miit-domain-security-2011'), now: clock.now,
    notify: async (n) => { notifications.push(n); },
    authorize: createAuthorize(config, users),
  });
  const hash = await hashPassword(PASSWORD, CHEAP);
  const userIds = {} as Record<Who, string>;
  for (const who of WHO) {
    const u = USERS[who];
    const created = await store.createUser({ org: u.org, username: who, displayName: `User ${who}`, passwordHash: hash, roles: [...u.roles], createdAt: clock.now().toISOString() });
    userIds[who] = created.id;
  }
  await users.refresh();
  const office: Actor = { id: userIds.office, org: 'office' };
  const incidents = {} as Record<IncidentOrg, Incident>;
  for (const [org, spec] of Object.entries(INCIDENTS) as Array<[IncidentOrg, (typeof INCIDENTS)[IncidentOrg]]>) {
    clock.advance(1000);
    incidents[org] = await service.openManualIncident(office, { systemId: spec.systemId, grade: spec.grade, title: `${org} incident`, description: `test incident of ${org}` });
  }
  const events: LiveEvent[] = [];
  const app = await buildApp({
    version: '0.0.0-test', config, token: MACHINE_TOKEN, latest: () => null,
    health: () => ({ status: 'ok', version: '0.0.0-test', lastCycleAt: null, store: 'ok', reasons: [] }),
    metrics: () => [], store, incidents: service, now: clock.now, publish: (e) => events.push(e), scrypt: CHEAP,
    ...(opts.sessionTtlMs ? { sessionTtlMs: opts.sessionTtlMs } : {}),
    ...opts.deps,
  });
  return {
    dir, config, store, service, app, clock, userIds, incidents, events, notifications,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs every matrix user in through POST /auth/login; returns their session tokens. */
export async function loginAll(app: FastifyInstance): Promise<Record<Who, string>> {
  const tokens = {} as Record<Who, string>;
  for (const who of WHO) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: who, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${who}: ${res.statusCode} ${res.body}`);
    tokens[who] = res.json().token;
  }
  return tokens;
}

export interface FileWorld {
  readonly world: World;
  readonly tokens: Record<Who, string>;
  /** One user's API request (`/api/v1` + url), the clock a second later than the last. */
  call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers?: Record<string, string>):
    Promise<{ status: number; json: any; res: Awaited<ReturnType<FastifyInstance['inject']>> }>;
}

/** For a test file: a world built before its tests (30-day sessions, every user signed in) and closed after them. */
export function worldForFile(): FileWorld {
  let world: World;
  let tokens: Record<Who, string>;
  before(async () => { world = await buildWorld({ sessionTtlMs: 30 * 86_400_000 }); tokens = await loginAll(world.app); });
  after(async () => { await world.close(); });
  return {
    get world() { return world; },
    get tokens() { return tokens; },
    async call(who, method, url, payload, headers = {}) {
      world.clock.advance(1000);
      const res = await world.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[who]}`, ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
      return { status: res.statusCode, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null, res };
    },
  };
}
