// The platform wiring in-process (src/daemon/platform.ts), with a scripted probe instead of DNS:
// first admin, contacts from the configuration, a graded cycle → incident → live feed + outbox →
// a real SMTP server; "nobody to notify" for an organisation without contacts; authorize from the
// access core (office acts, another operator does not see it); deadline reminders; orderly stop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfigText } from '../src/config/load-config.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import { drillSnapshot, type DrillFault } from '../src/response/drill-snapshot.ts';
import { ResponseError } from '../src/response/response-types.ts';
import { Platform, bootstrapLine } from '../src/daemon/platform.ts';
import { openStore } from '../src/store/open-store.ts';
import { cycle, node } from '../src/store/contract/fixtures.ts';
import type { LiveEvent } from '../src/daemon/live-bus.ts';
import { startSmtp, waitFor, type TestSmtp } from './platform-harness.ts';

const configText = (smtp: string) => `
organizations:
  - id: office
    role: emergency-office
  - id: cn-registry
    role: registry
    licensedBy: national
    contacts:
      - { name: Duty, role: primary, email: duty@registry.test, phone: "+86 10 5555 0001" }
      - { name: Backup, role: backup, email: backup@registry.test }
  - { id: big-dns, role: dns-provider, grade: 1, licensedBy: national }
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
probing: { interval: 300ms }
rules: { openAfterCycles: 2, resolveAfterCycles: 2 }
notifications:
  email: { smtp: "${smtp}", from: dnswarden@test.invalid }
`;

describe('Platform (in-process, scripted probe)', { timeout: 60_000 }, () => {
  let dir = '';
  let smtp: TestSmtp;
  let platform: Platform;
  let config: ResolvedConfig;
  let offsetMs = 0;
  let faults: DrillFault[] = [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }];
  const events: LiveEvent[] = [];
  const logs: string[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-platform-svc-'));
    smtp = await startSmtp();
    const loaded = loadConfigText(configText(smtp.url), '<inline>');
    assert.ok(loaded.config, JSON.stringify(loaded.errors));
    config = loaded.config;
    platform = await Platform.open({
      config, dataDir: dir, version: 'test', log: (l) => logs.push(l), now: () => new Date(Date.now() + offsetMs),
      outboxTickMs: 200, deadlineTickMs: 3_600_000,
      probe: async () => (faults.length > 0
        ? drillSnapshot(config.systems, faults, new Date().toISOString())
        : drillSnapshot(config.systems, [], new Date().toISOString(), { healthy: ['cn-tld'] })),
    });
    platform.subscribe((e) => events.push(e));
  });

  after(async () => {
    await platform?.stop();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('open: first admin created once, contacts seeded from the configuration', async () => {
    assert.equal(platform.bootstrap.created, true);
    if (!platform.bootstrap.created) return;
    assert.equal(platform.bootstrap.user.org, 'office');
    const line = bootstrapLine('http://127.0.0.1:8053', 'admin', platform.bootstrap.password);
    assert.match(line, /^console: http:\/\/127\.0\.0\.1:8053\/ — user admin, password \S+ \(shown once; change it\) \/ 控制台/);
    const list = await platform.store.getContacts('cn-registry');
    assert.equal(list.version, 1);
    assert.deepEqual(list.contacts.map((c) => c.email), ['duty@registry.test', 'backup@registry.test']);
    assert.equal((await platform.store.getContacts('office')).version, 0, 'no contacts configured: none stored');
    const changes = await platform.store.contactChanges('cn-registry');
    assert.equal(changes.length, 1);
    assert.equal(changes[0].by, 'config');
  });

  test('a graded cycle opens an incident: live feed, email to the registry, nobody at the office', async () => {
    await platform.start();
    const opened = await waitFor('the incident on the live feed', () => events.find((e) => e.kind === 'incident'
      && (e.data as { change: string }).change === 'opened'), 20_000);
    const summary = opened.kind === 'incident' ? opened.data as Record<string, unknown> : {};
    assert.equal(summary.systemId, 'cn-tld');
    assert.equal(summary.grade, 'II');
    assert.deepEqual(summary.commander, { role: 'emergency-office' });
    assert.equal(Date.parse(summary.writtenReportDue as string) - Date.parse(summary.openedAt as string), 24 * 3600_000);
    assert.ok(events.some((e) => e.kind === 'cycle'), 'cycles are on the feed too');

    const mails = await waitFor('two opening emails', () => (smtp.received.length >= 2 ? smtp.received : undefined), 20_000);
    assert.deepEqual(mails.flatMap((m) => m.rcptTo).sort(), ['backup@registry.test', 'duty@registry.test']);
    assert.match(mails[0].subject, /II级（重大）/);
    const timeline = await platform.store.timeline(summary.id as string);
    const nobody = timeline.filter((e) => e.kind === 'nobody-to-notify');
    assert.equal(nobody.length, 1, JSON.stringify(timeline));
    assert.equal((nobody[0].payload as { org: string }).org, 'office');
  });

  test('authorize: the office admin acts, an operator of another organisation is refused, unknown users too', async () => {
    const [inc] = await platform.incidents.list({ systemId: 'cn-tld' });
    assert.ok(platform.bootstrap.created);
    const admin = { id: platform.bootstrap.user.id, org: 'office' };
    const moved = await platform.incidents.changePhase(inc.id, admin, 'information-report');
    assert.equal(moved.state, 'information-report');
    assert.ok(events.some((e) => e.kind === 'incident' && (e.data as { change: string; version: number }).change === 'updated'
      && (e.data as { version: number }).version === moved.version));

    const other = await platform.store.createUser({ org: 'big-dns', username: 'bd', passwordHash: 'x', roles: ['admin'], createdAt: new Date().toISOString() });
    await assert.rejects(platform.incidents.changePhase(inc.id, { id: other.id, org: 'big-dns' }, 'emergency-handling'),
      (err: unknown) => err instanceof ResponseError && err.code === 'FORBIDDEN' && /not visible/.test(err.message));
    await assert.rejects(platform.incidents.changePhase(inc.id, { id: 'nobody', org: 'office' }, 'emergency-handling'),
      (err: unknown) => err instanceof ResponseError && err.code === 'FORBIDDEN' && /unknown user/.test(err.message));
    // an actor that carries its roles (as the HTTP layer builds it) is taken as is
    const viewer = { id: 'v1', org: 'office', roles: ['viewer'] };
    await assert.rejects(platform.incidents.changePhase(inc.id, viewer, 'emergency-handling'),
      (err: unknown) => err instanceof ResponseError && err.code === 'FORBIDDEN' && /may not change-phase/.test(err.message));
  });

  test('deadline ticker: 21 h later the 4 h reminder goes to the registry', async () => {
    offsetMs = 21 * 3600_000;
    const before = smtp.received.length;
    await platform.tickDeadlines();
    const [inc] = await platform.incidents.list({ systemId: 'cn-tld' });
    assert.ok((inc.detail as { deadlines: { sent: string[] } }).deadlines.sent.includes('remind:240'));
    const mails = await waitFor('the reminder emails', () => {
      const got = smtp.received.slice(before).filter((m) => m.event === 'report-reminder');
      return got.length >= 2 ? got : undefined;
    }, 20_000);
    assert.ok(mails.every((m) => m.incident === inc.id));
    offsetMs = 0;
  });

  test('clean cycles resolve it; stop winds everything down', async () => {
    faults = [];
    await waitFor('resolved on the live feed', () => events.find((e) => e.kind === 'incident' && (e.data as { change: string }).change === 'resolved'), 20_000);
    await platform.stop();
    await assert.rejects(platform.store.listUsers(), 'the store is closed');
    assert.ok(!logs.some((l) => /grading the cycle .* failed/.test(l)), logs.join('\n'));
  });
});

describe('Platform: measurement retention', { timeout: 60_000 }, () => {
  test('start prunes measurements older than now − database.retention, then again every tick; stop ends it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-platform-retention-'));
    const store = await openStore({ url: null, dataDir: dir });
    try {
      const loaded = loadConfigText(`
organizations: [{ id: reg, role: registry }]
systems:
  - { id: t, org: reg, kind: tld, zone: t., nodes: [{ id: a, address: 127.0.10.1 }, { id: b, address: 127.0.10.2 }] }
probing: { interval: 1h }
database: { retention: 30d }
`, '<inline>');
      assert.ok(loaded.config, JSON.stringify(loaded.errors));
      const config = loaded.config;
      const now = new Date(Date.UTC(2030, 0, 31, 12));
      const day = 86_400_000;
      const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day).toISOString();
      await store.recordCycle(cycle('t', at(31), [node('a'), node('b')]));
      await store.recordCycle(cycle('t', at(31), [node('a')], { drill: true }));
      await store.recordCycle(cycle('t', at(29), [node('a'), node('b')]));
      const cuts: string[] = [];
      const prune = store.pruneMeasurements.bind(store);
      store.pruneMeasurements = (before) => { cuts.push(before); return prune(before); };

      const logs: string[] = [];
      const platform = await Platform.open({
        config, dataDir: dir, version: 'test', store, log: (l) => logs.push(l), now: () => now, retentionTickMs: 100,
        deadlineTickMs: 3_600_000, probe: async () => drillSnapshot(config.systems, [], now.toISOString(), { healthy: ['t'] }),
      });
      try {
        await platform.start();
        const cut = new Date(now.getTime() - 30 * day).toISOString();
        const line = await waitFor('the retention log line', () => logs.find((l) => l.startsWith('retention:')), 20_000);
        assert.equal(line, `retention: deleted 3 node and 2 system measurement rows older than ${cut}`);
        assert.equal(cuts[0], cut);
        assert.deepEqual((await store.systemSeries('t', at(60), at(0))).map((p) => p.at), [at(29)]);
        await waitFor('a second pass on the next tick', () => (cuts.length >= 2 ? true : undefined), 20_000);
        assert.ok(cuts.every((c) => c === cut), cuts.join(' '));
        assert.equal(logs.filter((l) => l.startsWith('retention:')).length, 1, 'nothing deleted: no line');
      } finally {
        await platform.stop();
      }
      const after = cuts.length;
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(cuts.length, after, 'no pass after stop()');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
