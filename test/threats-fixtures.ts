// A platform for the threat-report tests: a registry (lab. TLD), two registrars, the office, a CERT,
// a law-enforcement reporter organisation, users of each, the real HTTP app on an SQLite store in a temp
// dir, a ThreatService on a fake clock (so timers are driven, never waited for), email notifications
// into the outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfigText } from '../src/config/load-config.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { buildApp, type AppDeps } from '../src/http/app.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { ThreatService } from '../src/threats/threat-service.ts';
import { CHEAP, FakeClock, PASSWORD } from './http-access-fixtures.ts';

export const THREAT_CONFIG = `
organizations:
  - { id: office, role: emergency-office, contacts: [{ name: Duty, role: primary, email: duty@office.test, lang: zh }] }
  - { id: cert, role: cert }
  - { id: police, role: cert, reporterClass: law-enforcement }
  - { id: registry, role: registry, name: { en: Lab Registry, zh: 实验注册局 }, contacts: [{ name: Abuse, role: primary, email: abuse@registry.test, lang: en }] }
  - { id: reg-a, role: registrar, contacts: [{ name: Abuse A, role: primary, email: abuse@reg-a.test }] }
  - { id: reg-b, role: registrar }
systems:
  - { id: lab-tld, org: registry, kind: tld, zone: lab., nodes: [{ id: a, address: 127.0.10.1 }] }
notifications:
  email: { smtp: 'smtp://127.0.0.1:2525', from: 'dnswarden@example.test' }
threats: { publicIntake: { perAddressPerMinute: 10, burst: 20, perMinute: 600 } }
http: { listen: '127.0.0.1:0' }
`;

export const THREAT_USERS = {
  office: { org: 'office', roles: ['duty-officer'] },
  cert: { org: 'cert', roles: ['duty-officer'] },
  police: { org: 'police', roles: ['duty-officer'] },
  registry: { org: 'registry', roles: ['duty-officer'] },
  'registry-viewer': { org: 'registry', roles: ['viewer'] },
  'reg-a': { org: 'reg-a', roles: ['duty-officer'] },
  'reg-b': { org: 'reg-b', roles: ['duty-officer'] },
} as const;
export type ThreatWho = keyof typeof THREAT_USERS;

export interface ThreatWorld {
  dir: string; config: ResolvedConfig; store: Store; app: FastifyInstance; clock: FakeClock; threats: ThreatService;
  tokens: Record<ThreatWho, string>; close: () => Promise<void>;
}

export async function buildThreatWorld(opts: { configText?: string; deps?: Partial<AppDeps>; start?: string; storeUrl?: string } = {}): Promise<ThreatWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-threats-'));
  const { config, errors } = loadConfigText(opts.configText ?? THREAT_CONFIG, '<inline>');
  if (!config) throw new Error(`test config invalid: ${JSON.stringify(errors)}`);
  const store = await openStore({ url: opts.storeUrl ?? null, dataDir: dir });
  const clock = new FakeClock(opts.start ?? '2026-11-23T08:00:00.000Z');
  for (const o of config.organizations) {
    if (o.contacts) await store.putContacts(o.id, 0, o.contacts, { at: clock.now().toISOString(), by: 'config' });
  }
  const threats = new ThreatService({
    store, config, now: clock.now,
    contactsOf: async (org) => (await store.getContacts(org)).contacts.filter((c) => c.email).map((c) => ({ channel: 'email' as const, address: c.email!, org, lang: c.lang === 'en' ? 'en' as const : 'zh' as const })),
  });
  const hash = await hashPassword(PASSWORD, CHEAP);
  for (const [who, u] of Object.entries(THREAT_USERS)) {
    await store.createUser({ org: u.org, username: who, displayName: `User ${who}`, passwordHash: hash, roles: [...u.roles], createdAt: clock.now().toISOString() });
  }
  const app = await buildApp({
    version: '0.0.0-test', config, token: undefined, latest: () => null,
    health: () => ({ status: 'ok', version: '0.0.0-test', lastCycleAt: null, store: 'ok', reasons: [] }),
    metrics: () => [], store, now: clock.now, scrypt: CHEAP, sessionTtlMs: 30 * 86_400_000, threats, ...opts.deps,
  });
  const tokens = {} as Record<ThreatWho, string>;
  for (const who of Object.keys(THREAT_USERS) as ThreatWho[]) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: who, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${who}: ${res.statusCode} ${res.body}`);
    tokens[who] = res.json().token;
  }
  return {
    dir, config, store, app, clock, threats, tokens,
    close: async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

export const phishing = (over: Record<string, unknown> = {}) => ({
  names: ['bank-login.lab'], threatType: 'phishing', description: 'A copy of a bank login page collecting passwords',
  evidence: [{ kind: 'url', value: 'http://bank-login.lab/login' }, { kind: 'hash', value: `sha256:${'ab'.repeat(32)}` }], ...over,
});
