// The probe engine: one measurement cycle over every node of every system (all systems and nodes
// concurrently, at most probing.inFlight queries in flight per node), or a window of cycles merged
// into one snapshot (`probeFor`).
import type { ResolvedConfig } from '../config/config-types.ts';
import { LatencySketch } from '../core/latency-sketch.ts';
import { gapLimitMs, OutageTracker, outageKey } from '../core/outage-tracker.ts';
import type { ServiceStatus, Snapshot, SystemMeasurement } from '../core/snapshot.ts';
import type { DnsClient } from '../dns/dns-client-types.ts';
import { DEFAULT_LATENCY_THRESHOLDS_MS, type NodeTally } from './node-tally.ts';
import { probeFindings } from './probe-findings.ts';
import { SerialLagTracker } from './serial-lag-tracker.ts';
import { AUTHORITATIVE_KINDS, probeKinds } from './probe-kinds.ts';
import type { KeyDomainFinding, TruthProvider } from './probe-types.ts';
import type { Rng } from './random-sample.ts';
import { checkServices, DEFAULT_DEGRADED_ABOVE_MS, type ServiceName } from './service/probe-services.ts';
import type { TruthIndex } from './truth/truth-index.ts';
import { DnssecCycle } from './dnssec/dnssec-cycle.ts';
import type { VerifyCache } from '../dnssec/validate-rrset.ts';
import { observeDnssec, type ZoneDnssecReport } from './dnssec/dnssec-operations.ts';
import { dnssecFindings, historyOf, servedProblems, type AlgorithmHistory } from './dnssec/dnssec-findings.ts';

export interface ProbeDeps {
  client: DnsClient;
  truth: TruthProvider;
  now?: () => Date;
  /** Outage minutes: measured time only (src/core/outage-tracker.ts); default one per call, gap limit 2 × interval + timeout. */
  outages?: OutageTracker;
  rng?: Rng;
  /** Overrides every service's limit: slower than this is degraded (default: the service's `degradedAbove`; EPP 4 s, WHOIS/RDAP 2 s). */
  degradedAboveMs?: number;
  /** Per-node sample size (e.g. widened on a node that shows errors); undefined = the system's `check.sample`. */
  sampleFor?: (systemId: string, nodeId: string) => number | 'all' | undefined;
  /** Latency thresholds whose exceedances are counted exactly (node and system `latencyAbove`; default [5000]). */
  latencyThresholdsMs?: number[];
  /** How long each node has lagged behind the truth's serial, across cycles (kept by the caller, like `outages`). */
  lags?: SerialLagTracker;
  /** check.dnssec: each zone's strongest algorithms seen, across cycles (kept by the caller, like `lags`; default per config object). */
  algorithms?: AlgorithmHistory;
  /** check.dnssec: the VerifyCache this cycle uses (default a new one per cycle); a benchmark reads its `stats()`. */
  verifyCache?: VerifyCache;
}

/** The snapshot plus extension fields: key-domain findings and truth problems. */
export interface ProbeSnapshot extends Snapshot {
  keyDomains: KeyDomainFinding[];
  systems: Array<SystemMeasurement & { truthError?: string }>;
  /** check.dnssec systems: every zone's DNSSEC report of the latest cycle (src/probe/dnssec; extension). */
  dnssec?: ZoneDnssecReport[];
}

interface SystemWindow {
  tallies: Map<string, NodeTally>;
  stoppedMinutes: number;
  services: Partial<Record<ServiceName, ServiceStatus>>;
  keyDomains: KeyDomainFinding[];
  truthError?: string;
  truthSerial: number | null;
  dnssec?: ZoneDnssecReport[];
}

interface Window { from?: Date; to?: Date; cycles: number; systems: Map<string, SystemWindow> }

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function rateOf(tallies: Iterable<NodeTally>): { queries: number; rate: number } {
  let queries = 0, succeeded = 0;
  for (const t of tallies) { queries += t.queries; succeeded += t.succeeded; }
  // A system with no DNS queries (e.g. a registration system measured by its services) has nothing failing.
  return { queries, rate: queries === 0 ? 1 : succeeded / queries };
}

/**
 * Without `deps.lags`, lags are kept per configuration object: a caller that probes the same config cycle
 * after cycle (the daemon) still sees a lag outlast its tolerance; a new config starts afresh.
 */
const defaultLags = new WeakMap<ResolvedConfig, SerialLagTracker>();
function lagsOf(config: ResolvedConfig): SerialLagTracker {
  let lags = defaultLags.get(config);
  if (!lags) { lags = new SerialLagTracker(); defaultLags.set(config, lags); }
  return lags;
}

async function runCycleInto(win: Window, config: ResolvedConfig, deps: ProbeDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const outages = deps.outages ?? new OutageTracker({ maxGapMs: gapLimitMs(config.probing) });
  const rng = deps.rng ?? Math.random;
  const lags = deps.lags ?? lagsOf(config);
  const latencyThresholdsMs = deps.latencyThresholdsMs ?? [...DEFAULT_LATENCY_THRESHOLDS_MS];
  const from = now();
  const truths = new Map<string, TruthIndex | null>();
  const truthErrors = new Map<string, string>();
  await Promise.all(config.systems.map(async (system) => {
    try { truths.set(system.id, await deps.truth.truthFor(system)); }
    catch (err) { truths.set(system.id, null); truthErrors.set(system.id, errorText(err)); }
  }));
  const allTruths = config.systems
    .filter(s => AUTHORITATIVE_KINDS.has(s.kind))
    .map(s => truths.get(s.id))
    .filter((t): t is TruthIndex => !!t);

  // check.dnssec: one time, one verify cache and one key verification per zone for the whole cycle.
  const dnssec = config.systems.some(s => s.dnssec) ? new DnssecCycle(Math.floor(from.getTime() / 1000), deps.verifyCache) : undefined;
  // the zones' DNSSEC reports (the parent's DS) are asked beside the nodes' probes, under the same deadline
  const dnssecObserved = dnssec ? observeDnssec(config, truths, dnssec, deps.client) : Promise.resolve(new Map<string, ZoneDnssecReport[]>());
  const results = await Promise.all(config.systems.map(async (system) => {
    const ctx = { config, system, client: deps.client, rng, truth: truths.get(system.id) ?? null, allTruths, cycle: win.cycles,
      sampleFor: deps.sampleFor, latencyThresholdsMs, dnssec,
      // The lag is measured at the start of the cycle (from the start of the first lagging cycle).
      observeLag: (nodeId: string, lagging: boolean | null) => lags.observe(system.id, nodeId, { from, to: from }, lagging) };
    const [probed, services] = await Promise.all([
      probeKinds[system.kind].probe(ctx),
      checkServices(system, config.probing.timeoutMs),
    ]);
    return { system, probed, services };
  }));
  const dnssecReports = await dnssecObserved;
  for (const reports of dnssecReports.values()) for (const r of reports) (deps.algorithms ?? historyOf(config)).observe(r);
  const to = now();
  const span = { from, to };
  win.from ??= from;
  win.to = to;
  win.cycles++;

  for (const { system, probed, services } of results) {
    let sw = win.systems.get(system.id);
    if (!sw) {
      sw = { tallies: new Map(), stoppedMinutes: 0, services: {}, keyDomains: [], truthSerial: null };
      win.systems.set(system.id, sw);
    }
    for (const tally of probed.tallies) {
      const prev = sw.tallies.get(tally.node.id);
      if (prev) prev.merge(tally); else sw.tallies.set(tally.node.id, tally);
    }
    if (probed.tallies.some(t => t.ahead)) deps.truth.newerSerialSeen?.(system); // refresh a stale truth next cycle
    const cycle = rateOf(probed.tallies);
    const stopped = cycle.queries > 0 && cycle.rate < config.probing.stoppedBelow;
    sw.stoppedMinutes = outages.observe(outageKey.system(system.id), span, stopped);
    sw.keyDomains = probed.keyDomains ?? [];
    sw.truthSerial = truths.get(system.id)?.serial ?? null;
    if (dnssecReports.has(system.id)) sw.dnssec = dnssecReports.get(system.id);
    if (truthErrors.has(system.id)) sw.truthError = truthErrors.get(system.id); else delete sw.truthError;
    for (const [name, check] of Object.entries(services) as Array<[ServiceName, (typeof services)[ServiceName]]>) {
      if (!check) continue;
      const downMinutes = outages.observe(outageKey.service(system.id, name), span, !check.up);
      const latencyMs = check.latencyMs === null ? null : Math.round(check.latencyMs * 1000) / 1000;
      const degraded = check.up && latencyMs !== null && latencyMs > (deps.degradedAboveMs ?? check.degradedAboveMs ?? DEFAULT_DEGRADED_ABOVE_MS);
      sw.services[name] = { up: check.up, degraded, downMinutes, latencyMs, ...(check.error ? { error: check.error } : {}) };
    }
  }
}

function buildSnapshot(win: Window, config: ResolvedConfig): ProbeSnapshot {
  const to = win.to ?? new Date();
  const systems = config.systems.map((system) => {
    const sw = win.systems.get(system.id);
    const tallies = system.nodes.map(n => sw?.tallies.get(n.id)).filter((t): t is NodeTally => !!t);
    const sketch = new LatencySketch();
    for (const t of tallies) sketch.merge(t.latency);
    const m: SystemMeasurement & { truthError?: string } = {
      id: system.id,
      kind: system.kind,
      org: system.org,
      nodes: tallies.map(t => t.toMeasurement()),
      successRate: rateOf(tallies).rate,
      latencyMs: sketch.summary(),
      stoppedMinutes: sw?.stoppedMinutes ?? 0,
    };
    if (sw && Object.keys(sw.services).length > 0) m.services = sw.services;
    if (sw?.truthError) m.truthError = sw.truthError;
    if (system.truth || sw?.truthSerial != null) m.truthSerial = sw?.truthSerial ?? null;
    // Exact counts behind the latency boundaries: summed over the nodes, with their denominator.
    m.answered = tallies.reduce((n, t) => n + t.answered, 0);
    m.latencyAbove = {};
    for (const t of tallies) {
      t.latencyThresholdsMs.forEach((limit, i) => { m.latencyAbove![String(limit)] = (m.latencyAbove![String(limit)] ?? 0) + t.latencyAbove[i]; });
    }
    return m;
  });
  const keyDomains = [...win.systems.values()].flatMap(s => s.keyDomains);
  const findings = probeFindings(config.systems.map(system => {
    const sw = win.systems.get(system.id);
    const tallies = system.nodes.map(n => sw?.tallies.get(n.id)).filter((t): t is NodeTally => !!t);
    return { system, tallies, truthSerial: sw?.truthSerial ?? null, truthError: sw?.truthError, keyDomains: sw?.keyDomains ?? [] };
  }), to.toISOString());
  const dnssec: ZoneDnssecReport[] = [];
  for (const system of config.systems.filter(s => s.dnssec)) {
    const sw = win.systems.get(system.id);
    const tallies = system.nodes.map(n => sw?.tallies.get(n.id)).filter((t): t is NodeTally => !!t);
    findings.push(...dnssecFindings(system, tallies, sw?.dnssec ?? [], to.toISOString()));
    dnssec.push(...servedProblems(sw?.dnssec ?? [], tallies));
  }
  return { at: to.toISOString(), window: { from: (win.from ?? to).toISOString(), to: to.toISOString() }, systems, keyDomains, findings,
    ...(dnssec.length ? { dnssec } : {}) };
}

/** One measurement cycle over every node of every system. */
export async function runProbeCycle(config: ResolvedConfig, deps: ProbeDeps): Promise<ProbeSnapshot> {
  return (await runProbeCycleDetailed(config, deps)).snapshot;
}

/**
 * The same cycle, also giving the per-node tallies (system id → node id → tally) with their latency
 * sketches, for the daemon's storage and its Prometheus histograms (`tally.latency.cumulativeCounts()`).
 */
export async function runProbeCycleDetailed(config: ResolvedConfig, deps: ProbeDeps):
  Promise<{ snapshot: ProbeSnapshot; tallies: Map<string, Map<string, NodeTally>> }> {
  const win: Window = { cycles: 0, systems: new Map() };
  await runCycleInto(win, config, deps);
  const tallies = new Map([...win.systems].map(([id, sw]) => [id, sw.tallies]));
  return { snapshot: buildSnapshot(win, config), tallies };
}

/**
 * Cycles every probing.interval until `durationMs` has passed (at least one cycle), merged into one
 * window: counters add up, latency sketches merge, outage minutes and services are the latest.
 */
export async function probeFor(config: ResolvedConfig, durationMs: number, deps: ProbeDeps,
  opts: { maxCycles?: number; signal?: AbortSignal } = {}): Promise<ProbeSnapshot> {
  const outages = deps.outages ?? new OutageTracker({ maxGapMs: gapLimitMs(config.probing) });
  const cycleDeps = { ...deps, outages, lags: deps.lags ?? lagsOf(config) };
  const win: Window = { cycles: 0, systems: new Map() };
  const started = Date.now();
  const maxCycles = opts.maxCycles ?? 100_000;
  while (win.cycles < maxCycles) {
    const cycleStart = Date.now();
    await runCycleInto(win, config, cycleDeps);
    const nextAt = cycleStart + config.probing.intervalMs;
    if (opts.signal?.aborted || nextAt >= started + durationMs) break;
    await new Promise(r => setTimeout(r, Math.max(0, nextAt - Date.now())));
  }
  return buildSnapshot(win, config);
}
