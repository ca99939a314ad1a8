// The running platform: the scheduler runs probe cycles; after each cycle the daemon updates the
// outage history, persists the cycle (through the retry queue), keeps the latest snapshot and the
// metrics for the API, and emits 'cycle' so that grading, incidents and the console can follow.
import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import type { ResolvedConfig } from '../config/config-types.ts';
import { OutageLedger, type OpenOutage } from '../core/outage-ledger.ts';
import type { Snapshot } from '../core/snapshot.ts';
import { EvidenceBook } from '../core/evidence/evidence-book.ts';
import { readRuleset } from '../config/read-ruleset.ts';
import { dataErrorThresholdsOf, latencyThresholdsOf } from '../core/rules/latency-thresholds.ts';
import type { Ruleset } from '../core/rules/ruleset-schema.ts';
import type { DnsClient } from '../dns/dns-client-types.ts';
import { createDnsClient } from '../dns/dns-client.ts';
import { runProbeCycle } from '../probe/probe-engine.ts';
import { cycleClient } from '../probe/cycle-deadline.ts';
import type { TruthProvider } from '../probe/probe-types.ts';
import { CachedTruthProvider } from '../probe/truth/truth-provider.ts';
import { SerialLagTracker } from '../probe/serial-lag-tracker.ts';
import { LagFile } from './lag-file.ts';
import { AlgorithmFile } from './algorithm-file.ts';
import { AlgorithmHistory } from '../probe/dnssec/dnssec-findings.ts';
import type { Outage, Store } from '../store/store.ts';
import { CycleMetrics } from './cycle-metrics.ts';
import { platformHealth, type MetricFamily, type PlatformHealth } from './platform-status.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import { Scheduler } from './scheduler.ts';
import { StoreWriter, type PendingWrite } from './store-writer.ts';
import { formatCycleLine } from './cycle-log.ts';

/** One probe cycle; `sampleFor` and `latencyThresholdsMs` come from the evidence book and the rule set, `lags` is the daemon's. */
export type ProbeFn = (deps: {
  client: DnsClient; signal: AbortSignal; lags: SerialLagTracker; algorithms: AlgorithmHistory;
  sampleFor?: (systemId: string, nodeId: string) => number | 'all' | undefined; latencyThresholdsMs?: number[];
}) => Promise<Snapshot>;

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
  /** The active rule set (its thresholds drive the evidence book and the latency counts); default: read at start. */
  ruleset?: Ruleset;
  /** Where the serial lags are kept across restarts (lag-file.ts); without it they live in memory only. */
  lagFile?: string;
  /** Where the DNSSEC algorithm history is kept across restarts (algorithm-file.ts). */
  algorithmFile?: string;
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
  /** Data-error evidence per node across cycles (docs/evidence.md); null until the rule set is known. */
  #evidence: EvidenceBook | null = null;
  #latencyThresholdsMs: number[] | undefined;
  /** How long each node has lagged behind the truth's serial: one tracker for the daemon's life, saved in #lagFile. */
  #lags = new SerialLagTracker();
  readonly #lagFile: LagFile | null;
  /** Each check.dnssec zone's strongest algorithms seen (downgrades), saved in #algorithmFile. */
  #algorithms = new AlgorithmHistory();
  readonly #algorithmFile: AlgorithmFile | null;
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
    this.#probe = opts.probe ?? (({ client, sampleFor, latencyThresholdsMs, lags, algorithms }) => runProbeCycle(config, {
      // Each cycle ends within the interval: no query waits past the cycle's deadline (probe/cycle-deadline.ts).
      client: cycleClient(client, config.probing.intervalMs), truth,
      sampleFor, latencyThresholdsMs, lags, algorithms,
    }));
    this.#lagFile = opts.lagFile ? new LagFile(opts.lagFile, this.#log) : null;
    this.#algorithmFile = opts.algorithmFile ? new AlgorithmFile(opts.algorithmFile, this.#log) : null;
    if (opts.ruleset) this.#useRuleset(opts.ruleset);
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
    if (this.#lagFile) this.#lags = await this.#lagFile.load();
    if (this.#algorithmFile) this.#algorithms = await this.#algorithmFile.load();
    if (!this.#evidence) {
      try {
        const base = this.config.file.startsWith('<') ? process.cwd() : dirname(this.config.file);
        this.#useRuleset(await readRuleset(this.config.rules.ruleset, base));
      } catch (err) {
        this.#log(`evidence: cannot read the rule set, data errors are graded per cycle: ${(err as Error).message}`);
      }
    }
    this.#startedAt = Date.now();
    this.#scheduler.start();
  }

  #newLedger(open: OpenOutage[], lastCycleAt: string | null): OutageLedger {
    const { stoppedBelow, intervalMs, timeoutMs } = this.config.probing;
    return new OutageLedger({ stoppedBelow, intervalMs, timeoutMs, open, lastCycleAt });
  }

  /** The evidence book starts empty (a restart's first cycles are undetermined, which holds open incidents). */
  #useRuleset(ruleset: Ruleset): void {
    const { evidenceWindowMs, evidenceConfidence } = this.config.rules;
    const sampleOf = new Map(this.config.systems.map((s) => [s.id, s.sample] as const));
    const kindOf = new Map(this.config.systems.map((s) => [s.id, s.kind] as const));
    this.#evidence = new EvidenceBook({
      windowMs: evidenceWindowMs, confidence: evidenceConfidence,
      thresholds: (systemId) => { const kind = kindOf.get(systemId); return kind ? dataErrorThresholdsOf(ruleset, kind) : []; },
      configuredSample: (systemId) => sampleOf.get(systemId) ?? 0,
    });
    this.#latencyThresholdsMs = latencyThresholdsOf(ruleset);
  }

  async #cycle(signal: AbortSignal, startedAt: Date): Promise<void> {
    let snapshot: Snapshot;
    const evidence = this.#evidence;
    try {
      snapshot = await this.#probe({
        client: this.#recorder.wrap(this.#client), signal,
        sampleFor: evidence ? (systemId, nodeId) => evidence.sampleFor(systemId, nodeId) : undefined,
        latencyThresholdsMs: this.#latencyThresholdsMs, lags: this.#lags, algorithms: this.#algorithms,
      });
    } catch (err) {
      this.#log(`cycle failed: ${(err as Error).message}`);
      this.emit('cycle-error', err);
      throw err;
    }
    if (this.#stopped) return; // finished after shutdown: the store is closing
    const durationMs = Date.now() - startedAt.getTime();
    // Data-error thresholds are decided on the window's evidence, before the cycle is stored and graded.
    if (evidence) {
      try { snapshot = evidence.apply(snapshot); } catch (err) { this.#log(`evidence: cycle not recorded: ${(err as Error).message}`); }
    }
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
    await this.#lagFile?.save(this.#lags);
    await this.#algorithmFile?.save(this.#algorithms);

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

  health(): PlatformHealth {
    const { intervalMs, timeoutMs } = this.config.probing;
    return platformHealth({
      version: this.version, nowMs: Date.now(), startedAtMs: this.#startedAt, stopped: this.#stopped,
      lastCycleAt: this.#latest?.at ?? null, store: this.#writer.status(), scheduler: this.#scheduler.stats(), intervalMs, timeoutMs,
    });
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
