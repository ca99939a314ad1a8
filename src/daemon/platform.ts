// `dnswarden serve` as one object: the store, the probing daemon, the incident service fed by every
// cycle, the notification outbox worker, the written-report deadline ticker, measurement retention
// and the live feed.
// open() prepares everything (migrations, first admin, contacts from the configuration, rule set);
// start() sets it going; stop() winds it down in order: scheduler, service, worker, HTTP, store.
import type { ResolvedConfig } from '../config/config-types.ts';
import { ensureBootstrapAdmin, type BootstrapResult } from '../auth/bootstrap.ts';
import type { Snapshot } from '../core/snapshot.ts';
import { readRuleset } from '../config/read-ruleset.ts';
import type { Ruleset } from '../core/rules/ruleset-schema.ts';
import { buildNotifiers, closeNotifiers } from '../notify/notifier-registry.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { Recipient } from '../notify/incident-notifications.ts';
import { OutboxWorker } from '../notify/outbox-worker.ts';
import { createOutboxNotify } from '../response/outbox-notify.ts';
import { openStore } from '../store/open-store.ts';
import { readAuditKey } from '../store/audit-key.ts';
import { ackSealKey } from '../notify/ack-seal.ts';
import type { Store } from '../store/store.ts';
import { Daemon, type DaemonOptions } from './daemon.ts';
import { LAG_FILE_NAME } from './lag-file.ts';
import { ALGORITHM_FILE_NAME } from './algorithm-file.ts';
import { createAuthorize, UserDirectory } from './incident-authorize.ts';
import { LiveBus, type LiveEvent, type LiveListener } from './live-bus.ts';
import { LiveIncidentService } from './live-incident-service.ts';
import { RETENTION_TICK_MS, RetentionTicker } from './retention.ts';
import { ThreatService } from '../threats/threat-service.ts';
import { tickThreats } from '../threats/threat-ticker.ts';
import { liftExpiredBlocks, startSinkholeService, type RunningSinkhole } from '../registry/connectors.ts';
import { createContactsOf, createRecipientsFor, seedContactsFromConfig } from './platform-contacts.ts';
import { FindingService } from '../response/finding-service.ts';
import { DelegationService } from '../response/delegation-service.ts';
import { createDnsClient } from '../dns/dns-client.ts';
import type { FindingTrackerOptions } from '../core/findings/finding-tracker.ts';
import { dirname, join } from 'node:path';
import { incidentLogLine } from './incident-log-line.ts';

export interface PlatformOptions {
  config: ResolvedConfig;
  /** Folder of the embedded database (unused with database.url). */
  dataDir: string;
  version: string;
  log?: (line: string) => void;
  now?: () => Date;
  /** Outbox worker period (default 2 s; it is also woken at once after each incident change). */
  outboxTickMs?: number;
  /** How long a claimed notification is reserved (default 5 min): after a crash it is re-sent once it passes. */
  outboxLeaseMs?: number;
  /** Written-report deadline check period (default 60 s). */
  deadlineTickMs?: number;
  /** How often the user cache behind `authorize` is reloaded (default 30 s). */
  userRefreshMs?: number;
  /** How often old measurements are pruned (default 6 h; also once at start). */
  retentionTickMs?: number;
  /** Findings: cycles seen before one opens, cycles missed before it closes (default: rules.findingOpen/CloseAfterCycles, else 2 and 3). */
  findings?: FindingTrackerOptions;
  /** Delegations at the parent: look every this many cycles (default probing.delegationEvery, else 1). */
  delegationEvery?: number;
  /** Tests: an already open store, the probe of a cycle. */
  store?: Store;
  probe?: DaemonOptions['probe'];
}

export class Platform {
  readonly config: ResolvedConfig;
  readonly store: Store;
  readonly daemon: Daemon;
  readonly incidents: LiveIncidentService;
  readonly findings: FindingService;
  /** Registry threat response (SPEC §6): intake, cases, timers (src/threats). */
  readonly threats: ThreatService;
  readonly delegations: DelegationService;
  readonly worker: OutboxWorker;
  readonly bus: LiveBus;
  readonly notifiers: Record<string, Notifier>;
  /** The first admin, when this start created it (its password is shown once). */
  readonly bootstrap: BootstrapResult;
  readonly now: () => Date;
  readonly #o: PlatformOptions;
  readonly #log: (line: string) => void;
  readonly #users: UserDirectory;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #retention: RetentionTicker;
  #grading: Promise<unknown> = Promise.resolve();
  #unsubscribe: (() => void) | null = null;
  #stopping = false;
  #stopped: Promise<void> | null = null;
  /** The built-in sinkhole server when registry.sinkhole.listen asks for it (null otherwise or when it could not listen). */
  sinkhole: RunningSinkhole | null = null;

  private constructor(o: PlatformOptions, store: Store, parts: {
    bootstrap: BootstrapResult; users: UserDirectory; incidents: LiveIncidentService; findings: FindingService; worker: OutboxWorker;
    delegations: DelegationService; contactsOf: (org: string) => Promise<Recipient[]>; ruleset: Ruleset;
    notifiers: Record<string, Notifier>; bus: LiveBus; now: () => Date; log: (line: string) => void;
  }) {
    this.#o = o;
    this.config = o.config;
    this.store = store;
    this.bootstrap = parts.bootstrap;
    this.#users = parts.users;
    this.incidents = parts.incidents;
    this.findings = parts.findings;
    this.delegations = parts.delegations;
    this.worker = parts.worker;
    this.notifiers = parts.notifiers;
    this.bus = parts.bus;
    this.now = parts.now;
    this.#log = parts.log;
    // the rule set read once in open(): grading and the daemon's evidence book share it
    this.daemon = new Daemon({ config: o.config, store, version: o.version, log: parts.log, probe: o.probe, ruleset: parts.ruleset,
      // serial lags and DNSSEC algorithms survive a restart (lag-file.ts, algorithm-file.ts)
      lagFile: join(o.dataDir, LAG_FILE_NAME), algorithmFile: join(o.dataDir, ALGORITHM_FILE_NAME) });
    this.#retention = new RetentionTicker({ store, retentionMs: o.config.database.retentionMs, now: parts.now, log: parts.log });
    this.threats = new ThreatService({ store, config: o.config, now: parts.now, contactsOf: parts.contactsOf });
  }

  /** Opens and migrates the store and prepares every part; nothing runs until start(). */
  static async open(o: PlatformOptions): Promise<Platform> {
    const log = o.log ?? ((line: string) => { process.stderr.write(`${line}\n`); });
    const now = o.now ?? (() => new Date());
    const { config } = o;
    // the rule set first: a bad one fails before the database is touched
    const ruleset = await readRuleset(config.rules.ruleset, config.file.startsWith('<') ? process.cwd() : dirname(config.file));
    // audit.key / audit.keyFile: audit entries are HMAC-chained with a key kept outside the database.
    const store = o.store ?? await openStore({ url: config.database.url, dataDir: o.dataDir, auditKey: readAuditKey(config.audit) });
    try {
      let bootstrap: BootstrapResult = { created: false };
      try {
        bootstrap = await ensureBootstrapAdmin(store, { organizations: config.organizations, now: now().toISOString() });
      } catch (err) {
        log(`console: no first admin created: ${(err as Error).message}`);
      }
      const seeded = await seedContactsFromConfig(store, config, now().toISOString(), log);
      if (seeded.length > 0) log(`contacts: loaded from the configuration for ${seeded.join(', ')}`);

      const users = new UserDirectory(store);
      await users.refresh();
      const notifiers = buildNotifiers(config.notifications);
      const bus = new LiveBus(log);
      // Contact-drill codes sit sealed in the outbox; the worker opens them just before sending (notify/ack-seal.ts).
      const ackKey = ackSealKey(readAuditKey(config.audit), o.dataDir);
      const worker = new OutboxWorker({ store, notifiers, log, leaseMs: o.outboxLeaseMs, now: () => now().getTime(), ackKey });
      const channels = new Set(Object.keys(notifiers));
      const recipientsFor = createRecipientsFor(store, channels, log);
      const contactsOf = createContactsOf(store, channels);
      const refreshUsers = () => { users.refresh().catch((err) => log(`users: reload failed: ${(err as Error).message}`)); };
      const incidents = new LiveIncidentService({
        store, ruleset, config, now,
        notify: createOutboxNotify(store, recipientsFor),
        authorize: createAuthorize(config, users, refreshUsers),
      }, { bus, wake: () => worker.wake(), log, beforeCommand: (actor) => users.load(actor.id) });
      const findings = new FindingService({
        store, config, now, log,
        tracker: o.findings ?? { openAfterCycles: config.rules.findingOpenAfterCycles, closeAfterCycles: config.rules.findingCloseAfterCycles },
        contactsOf,
        onChange: (finding, change) => { bus.publish({ kind: 'finding', finding, change }); worker.wake(); },
      });
      // Delegations at the parent (src/response/delegation-service.ts): its own client, beside the probe cycle.
      const delegations = new DelegationService({
        store, config, now, log, client: createDnsClient({ maxInFlight: 64 }),
        every: o.delegationEvery ?? config.probing.delegationEvery,
        parents: (config.probing.delegationParents ?? []).map((p) => ({
          zone: p.zone, servers: p.servers.map((s, i) => ({ node: `${p.zone}/${i + 1}`, address: s.address, port: s.port })),
        })),
      });
      return new Platform(o, store, { bootstrap, users, incidents, findings, worker, notifiers, bus, now, log, delegations, contactsOf, ruleset });
    } catch (err) {
      if (!o.store) await store.close().catch(() => undefined);
      throw err;
    }
  }

  /** The live feed for GET /api/v1/events: cycles and incident changes. */
  subscribe(listener: LiveListener): () => void { return this.bus.subscribe(listener); }
  publish(event: LiveEvent): void { this.bus.publish(event); }

  async start(): Promise<void> {
    try {
      await this.incidents.start(); // rebuild trackers, finish openings a crash interrupted
    } catch (err) {
      this.#log(`incidents: start failed, retried with the next cycle: ${(err as Error).message}`);
    }
    await this.findings.start().catch((err) => this.#log(`findings: start failed, retried with the next cycle: ${(err as Error).message}`));
    this.#unsubscribe = this.daemon.onCycle((snapshot) => this.#onCycle(snapshot));
    this.worker.start(this.#o.outboxTickMs ?? 2000);
    this.#every(this.#o.deadlineTickMs ?? 60_000, () => this.tickDeadlines());
    this.#every(this.#o.deadlineTickMs ?? 60_000, () => this.tickThreats());
    this.#every(this.#o.deadlineTickMs ?? 60_000, async () => { for (const line of await liftExpiredBlocks(this.#o.config, this.store, this.now)) this.#log(line); });
    this.#every(this.#o.retentionTickMs ?? RETENTION_TICK_MS, () => this.threats.prune());
    this.#every(this.#o.userRefreshMs ?? 30_000, () => this.#users.refresh());
    this.#retention.start(this.#o.retentionTickMs ?? RETENTION_TICK_MS); // not awaited: a long first prune must not delay probing
    const listen = this.#o.config.registry?.sinkhole?.listen;
    if (listen) {
      try {
        this.sinkhole = await startSinkholeService({ config: this.#o.config, store: this.store, dataDir: this.#o.dataDir, listen, log: this.#log, now: this.now });
        this.#log(`sinkhole: answering for the sinkholed names on ${listen.address}:${this.sinkhole.port} (log in the data folder's sinkhole-log/)`);
      } catch (err) {
        this.#log(`sinkhole: cannot listen on ${listen.address}:${listen.port}: ${(err as Error).message}`);
      }
    }
    await this.daemon.start();
  }

  /** The snapshot is already stored when this runs: a failed grading is retried by the next cycle. */
  #onCycle(snapshot: Snapshot): void {
    this.bus.publish({ kind: 'cycle', snapshot });
    if (this.#stopping) return;
    this.#grading = this.incidents.onSnapshot(snapshot).then((applied) => {
      for (const ev of applied) this.#log(incidentLogLine(ev));
    }, (err) => this.#log(`incidents: grading the cycle of ${snapshot.at} failed (retried next cycle): ${(err as Error).message}`))
      // findings after grading, from the same grading result
      // with the delegation-change findings of the latest sightings (src/response/delegation-service.ts)
      .then(() => this.delegations.applyWithFindings(snapshot, (withDelegations) => this.findings.onCycle(withDelegations, this.incidents.graded(snapshot))))
      .then((events) => { for (const ev of events) if (ev.kind !== 'seen') this.#log(`finding: ${ev.kind} ${ev.key}`); },
        (err) => this.#log(`findings: the cycle of ${snapshot.at} failed (retried next cycle): ${(err as Error).message}`));
  }

  /** One deadline pass (the ticker calls it); errors are logged, never thrown. */
  async tickDeadlines(): Promise<void> {
    try {
      const { fired, errors } = await this.incidents.tickDeadlines();
      for (const f of fired) this.#log(`deadline: ${f.key} for ${f.incidentId}`);
      for (const e of errors) this.#log(`deadline: ${e.incidentId}: ${e.error}`);
    } catch (err) {
      this.#log(`deadline: tick failed: ${(err as Error).message}`);
    }
  }

  /** One pass over the threat cases' timers (reminders, escalations, referral silence); errors are logged. */
  async tickThreats(): Promise<void> {
    try {
      const { fired, errors } = await tickThreats(this.threats);
      for (const f of fired) this.#log(`threats: ${f.key} for ${f.caseId}`);
      for (const e of errors) this.#log(`threats: ${e.caseId}: ${e.error}`);
    } catch (err) {
      this.#log(`threats: tick failed: ${(err as Error).message}`);
    }
  }

  #every(ms: number, f: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.#stopping) return;
      busy = true;
      f().catch((err) => this.#log(`${(err as Error).message}`)).finally(() => { busy = false; });
    }, ms);
    timer.unref();
    this.#timers.push(timer);
  }

  /**
   * Stops in order: the scheduler (waits for the running cycle), the incident service (waits for
   * the grading in flight), the retention pass in flight, the outbox worker (waits for sends in flight),
   * then `closeHttp`, then the store.
   */
  stop(opts: { closeHttp?: () => Promise<void> } = {}): Promise<void> {
    this.#stopped ??= this.#stop(opts);
    return this.#stopped;
  }

  async #stop(opts: { closeHttp?: () => Promise<void> }): Promise<void> {
    await this.daemon.stop();
    this.#stopping = true;
    this.#unsubscribe?.();
    for (const t of this.#timers) clearInterval(t);
    await this.#retention.stop();
    await this.#grading;
    await this.worker.stop();
    await this.delegations.close();
    await this.sinkhole?.close().catch((err) => this.#log(`sinkhole: close failed: ${(err as Error).message}`));
    await closeNotifiers(this.notifiers);
    if (opts.closeHttp) await opts.closeHttp().catch((err) => this.#log(`http: close failed: ${(err as Error).message}`));
    if (!this.#o.store) await this.store.close().catch((err) => this.#log(`store: close failed: ${(err as Error).message}`));
  }
}

/** The line `serve` prints once when it created the first admin (both languages). */
export function bootstrapLine(url: string, username: string, password: string): string {
  const u = url.endsWith('/') ? url : `${url}/`;
  return `console: ${u} — user ${username}, password ${password} (shown once; change it) / `
    + `控制台：${u} — 用户 ${username}，密码 ${password}（仅显示这一次，请登录后修改）`;
}
