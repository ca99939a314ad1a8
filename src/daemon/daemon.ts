// The running platform: the scheduler runs probe cycles; after each cycle the daemon updates the
// outage history, persists the cycle (through the retry queue), keeps the latest snapshot and the
// metrics for the API, and emits 'cycle' so that grading, incidents and the console can follow.
import { EventEmitter } from 'node:events';
import type { ResolvedConfig } from '../config/config-types.ts';
import { OutageLedger, type OpenOutage } from '../core/outage-ledger.ts';
import type { Snapshot } from '../core/snapshot.ts';
import type { DnsClient } from '../dns/dns-client-types.ts';
import { createDnsClient } from '../dns/dns-client.ts';
import { runProbeCycle } from '../probe/probe-engine.ts';
import { clientWithDeadline, cycleBudgetMs } from '../probe/cycle-deadline.ts';
import type { TruthProvider } from '../probe/probe-types.ts';
import { CachedTruthProvider } from '../probe/truth/truth-provider.ts';
import type { Outage, Store } from '../store/store.ts';
import type { HealthT } from '../http/api-schemas.ts';
import type { MetricFamily } from '../http/prometheus-text.ts';
import { CycleMetrics } from './cycle-metrics.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import { Scheduler } from './scheduler.ts';
import { StoreWriter, type PendingWrite } from './store-writer.ts';
import { formatCycleLine } from './cycle-log.ts';

export type ProbeFn = (deps: { client: DnsClient; signal: AbortSignal }) => Promise<Snapshot>;

export interface DaemonOptions {
  config: ResolvedConfig;
  store: Store;
  version: string;
  log?: (line: string) => void;
  /** One probe cycle (tests); default: the probe engine with `client` and `truth`. */
  probe?: ProbeFn;
  client?: DnsClient;
  truth?: TruthProvider;
  maxPendingWrites?: number;
}

export interface CycleInfo { cycle: number; durationMs: number; startedAt: string }

/** Events: 'cycle' (snapshot: Snapshot, info: CycleInfo), 'cycle-error' (error: Error). */
export class Daemon extends EventEmitter {
  readonly config: ResolvedConfig;
  readonly store: Store;
  readonly version: string;
  readonly #log: (line: string) => void;
  readonly #probe: ProbeFn;
  readonly #client: DnsClient;
  readonly #ownsClient: boolean;
  readonly #metrics = new CycleMetrics();
  readonly #recorder = new LatencyRecorder();
  readonly #writer: StoreWriter;
  readonly #scheduler: Scheduler;
  #ledger: OutageLedger;
  #latest: Snapshot | null = null;
  #startedAt = Date.now();
  #stopped = false;

  constructor(opts: DaemonOptions) {
    super();
    this.config = opts.config;
    this.store = opts.store;
    this.version = opts.version;
    this.#log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#ownsClient = !opts.client;
    this.#client = opts.client ?? createDnsClient({ maxInFlight: Math.max(64, opts.config.probing.inFlight * 16) });
    const truth = opts.truth ?? new CachedTruthProvider();
    const config = opts.config;
    this.#probe = opts.probe ?? (({ client }) => runProbeCycle(config, {
      // Each cycle ends within the interval: no query waits past the cycle's deadline (probe/cycle-deadline.ts).
      client: clientWithDeadline(client, Date.now() + cycleBudgetMs(config.probing.intervalMs)), truth,
    }));
    this.#ledger = this.#newLedger([], null);
    this.#writer = new StoreWriter({
      store: opts.store,
      maxPending: opts.maxPendingWrites,
      onOutageId: (key, id) => this.#ledger.setId(key, id),
      log: this.#log,
    });
    this.#scheduler = new Scheduler({ intervalMs: config.probing.intervalMs, runCycle: (signal, at) => this.#cycle(signal, at) });
    this.#scheduler.on('skipped', (n: number) => this.#log(`scheduler: cycle ran longer than the interval, ${n} tick(s) skipped`));
  }

  /**
   * Restores the open outages (with their measured minutes) and the time of the latest stored cycle
   * from the store, so a restart neither loses measured minutes nor counts its own downtime; then starts cycling.
   */
  async start(): Promise<void> {
    let open: Outage[] = [];
    let lastCycleAt: string | null = null;
    try {
      open = await this.store.openOutages();
      const latest = await this.store.latestBySystem();
      lastCycleAt = latest.reduce<string | null>((max, c) => (max === null || c.at > max ? c.at : max), null);
    } catch (err) {
      this.#log(`store: cannot read open outages, outage history starts afresh: ${(err as Error).message}`);
    }
    this.#ledger = this.#newLedger(open.map((o): OpenOutage => ({
      systemId: o.systemId, nodeId: o.nodeId, service: o.service, startedAt: o.startedAt, id: o.id,
      measuredMs: o.measuredMs, lastMeasuredAt: o.lastMeasuredAt,
    })), lastCycleAt);
    if (open.length > 0) this.#log(`outages: ${open.length} still open from before the restart`);
    this.#startedAt = Date.now();
    this.#scheduler.start();
  }

  #newLedger(open: OpenOutage[], lastCycleAt: string | null): OutageLedger {
    const { stoppedBelow, intervalMs, timeoutMs } = this.config.probing;
    return new OutageLedger({ stoppedBelow, intervalMs, timeoutMs, open, lastCycleAt });
  }

  async #cycle(signal: AbortSignal, startedAt: Date): Promise<void> {
    let snapshot: Snapshot;
    try {
      snapshot = await this.#probe({ client: this.#recorder.wrap(this.#client), signal });
    } catch (err) {
      this.#log(`cycle failed: ${(err as Error).message}`);
      this.emit('cycle-error', err);
      throw err;
    }
    if (this.#stopped) return; // finished after shutdown: the store is closing
    const durationMs = Date.now() - startedAt.getTime();
    // Outage minutes are measured time (src/core/outage-tracker.ts); a gap before this cycle is stored as such.
    const step = this.#ledger.step(snapshot);
    const { changes, measured, gap } = step;
    snapshot = step.snapshot;
    if (gap) this.#log(`gap: not measured from ${gap.from} to ${gap.to} (${gap.reason}); not counted as outage`);
    this.#metrics.observe(snapshot, durationMs, this.#recorder.takeByNode(this.config));
    this.#latest = snapshot;

    const writes: PendingWrite[] = changes.map((c) => (c.kind === 'open'
      ? { kind: 'open-outage', outage: c.outage }
      : { kind: 'close-outage', outage: c.outage, endedAt: c.endedAt }));
    for (const outage of measured) writes.push({ kind: 'measure-outage', outage });
    if (gap) writes.push({ kind: 'gap', gap });
    for (const system of snapshot.systems) {
      const { nodes, ...aggregate } = system;
      writes.push({ kind: 'cycle', cycle: { at: snapshot.at, systemId: system.id, nodes, system: aggregate } });
    }
    this.#writer.enqueue(writes);
    await this.#writer.flush();

    const info: CycleInfo = { cycle: this.#metrics.cycles, durationMs, startedAt: startedAt.toISOString() };
    this.#log(formatCycleLine(snapshot, info, changes, this.#writer.status()));
    try {
      this.emit('cycle', snapshot, info);
    } catch (err) {
      this.#log(`a cycle listener failed: ${(err as Error).message}`);
    }
  }

  /** Subscribes to every completed cycle; returns the unsubscribe function. */
  onCycle(listener: (snapshot: Snapshot, info: CycleInfo) => void): () => void {
    this.on('cycle', listener);
    return () => this.off('cycle', listener);
  }

  latest(): Snapshot | null { return this.#latest; }

  health(): HealthT {
    const reasons: string[] = [];
    const store = this.#writer.status();
    const stats = this.#scheduler.stats();
    if (!store.ok) reasons.push(`store writes failing; ${store.pending} write(s) queued for retry`);
    if (store.dropped > 0) reasons.push(`${store.dropped} unsaved write(s) dropped (retry queue full)`);
    if (stats.lastError !== null) reasons.push('the latest probe cycle failed');
    // Expected at least one cycle per interval; allow for a full probe timeout on top.
    const lastMs = stats.lastEndedAt ? Date.parse(stats.lastEndedAt) : this.#startedAt;
    const late = 2 * this.config.probing.intervalMs + this.config.probing.timeoutMs + 5000;
    if (!this.#stopped && Date.now() - lastMs > late) reasons.push('no probe cycle completed recently');
    return {
      status: reasons.length === 0 ? 'ok' : 'degraded',
      version: this.version,
      lastCycleAt: this.#latest?.at ?? null,
      store: store.ok ? 'ok' : 'error',
      reasons,
    };
  }

  metrics(): MetricFamily[] {
    const stats = this.#scheduler.stats();
    const store = this.#writer.status();
    return this.#metrics.families({
      skippedTicks: stats.skippedTicks, failedCycles: stats.failedCycles,
      storePending: store.pending, storeDropped: store.dropped, storeOk: store.ok,
    });
  }

  schedulerStats() { return this.#scheduler.stats(); }
  storeStatus() { return this.#writer.status(); }
  openOutages(): OpenOutage[] { return this.#ledger.openOutages(); }

  /**
   * Stops cycling: waits up to `graceMs` for the running cycle (default: the probe timeout + 2 s),
   * writes what is still queued, and closes the DNS client. The caller closes the store.
   */
  async stop(opts: { graceMs?: number } = {}): Promise<void> {
    const graceMs = opts.graceMs ?? this.config.probing.timeoutMs + 2000;
    const ended = await this.#scheduler.stop({ abort: true, graceMs });
    if (!ended) this.#log(`stop: the running cycle did not end within ${graceMs} ms; its results are discarded`);
    this.#stopped = true;
    await this.#writer.flush();
    const left = this.#writer.status().pending;
    if (left > 0) this.#log(`stop: ${left} write(s) could not be saved`);
    if (this.#ownsClient) await this.#client.close().catch(() => undefined);
  }
}
