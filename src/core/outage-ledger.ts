// The daemon's outage history of one cycle after another (pure, no I/O): which systems, nodes and
// services are failing, since when, for how many MEASURED minutes (OutageTracker, the one place
// minutes are computed), and where the platform was not measuring at all (gaps).
// Each step compares a cycle's snapshot with the open outages: a thing that starts failing opens
// one, a thing that recovers closes it, and every open outage observed in the cycle reports its
// measured time so the daemon can persist it. Restored from the store at start, so a restart
// neither loses the measured minutes nor adds the time the platform was down.
import { gapLimitMs, OutageTracker, toMinutes } from './outage-tracker.ts';
import type { Snapshot, SystemMeasurement } from './snapshot.ts';

export interface OutageKey {
  systemId: string;
  /** null: the whole system. */
  nodeId: string | null;
  /** null: resolution; otherwise 'registration' | 'whois' | 'rdap'. */
  service: string | null;
}

export interface OpenOutage extends OutageKey {
  startedAt: string;
  /** Store id, once the store has it. */
  id: number | null;
  /** Measured failing time so far (ms). */
  measuredMs: number;
  /** End of the latest cycle that measured it failing; null when unknown (a row older than migration 7). */
  lastMeasuredAt: string | null;
}

export type OutageChange =
  | { kind: 'open'; outage: OpenOutage }
  | { kind: 'close'; outage: OpenOutage; endedAt: string };

export type GapReason = 'platform-down' | 'no-cycle';
/** Time the platform did not measure: [from, to). */
export interface Gap { from: string; to: string; reason: GapReason }

export interface LedgerStep {
  /** The snapshot with stoppedMinutes and services.*.downMinutes replaced by the measured minutes. */
  snapshot: Snapshot;
  changes: OutageChange[];
  /** Open outages observed failing in this cycle, with their new measured time (to persist). */
  measured: OpenOutage[];
  /** The unmeasured time before this cycle, when longer than the gap limit. */
  gap: Gap | null;
}

export const outageKeyText = (k: OutageKey): string => `${k.systemId}/${k.nodeId ?? '*'}/${k.service ?? 'dns'}`;

/** What is failing in one system: the system as a whole, each node, each service. */
function failingInSystem(system: SystemMeasurement, stoppedBelow: number): OutageKey[] {
  const failing: OutageKey[] = [];
  const probed = system.nodes.filter((n) => n.queries > 0);
  if (probed.length > 0 && system.successRate < stoppedBelow) failing.push({ systemId: system.id, nodeId: null, service: null });
  for (const node of probed) {
    if (node.successRate < stoppedBelow) failing.push({ systemId: system.id, nodeId: node.id, service: null });
  }
  for (const [service, status] of Object.entries(system.services ?? {})) {
    if (status && !status.up) failing.push({ systemId: system.id, nodeId: null, service });
  }
  return failing;
}

export interface OutageLedgerOptions {
  stoppedBelow: number;
  intervalMs: number;
  timeoutMs: number;
  /** Outages still open in the store. */
  open?: OpenOutage[];
  /** End (`at`) of the latest stored cycle, so that the first cycle can tell how long the platform was down. */
  lastCycleAt?: string | null;
}

export class OutageLedger {
  readonly #tracker: OutageTracker;
  readonly #stoppedBelow: number;
  readonly #open = new Map<string, OpenOutage>();
  #lastCycleAt: number | null;
  #first = true;

  constructor(o: OutageLedgerOptions) {
    this.#tracker = new OutageTracker({ maxGapMs: gapLimitMs(o) });
    this.#stoppedBelow = o.stoppedBelow;
    const last = o.lastCycleAt ? Date.parse(o.lastCycleAt) : NaN;
    this.#lastCycleAt = Number.isFinite(last) ? last : null;
    for (const outage of o.open ?? []) {
      const text = outageKeyText(outage);
      this.#open.set(text, { ...outage });
      const since = Date.parse(outage.startedAt);
      // No stored measurement (a row older than migration 7): it was open, so failing, at the latest stored cycle.
      const lastAt = outage.lastMeasuredAt ? Date.parse(outage.lastMeasuredAt) : Math.max(since, this.#lastCycleAt ?? since);
      this.#tracker.set(text, { since, last: lastAt, measuredMs: outage.measuredMs });
    }
  }

  get gapLimitMs(): number { return this.#tracker.maxGapMs; }

  step(snapshot: Snapshot): LedgerStep {
    const from = new Date(snapshot.window.from);
    const to = new Date(Math.max(Date.parse(snapshot.window.to), from.getTime()));
    const gap = this.#gapBefore(from.getTime());
    this.#lastCycleAt = Math.max(this.#lastCycleAt ?? 0, to.getTime());
    this.#first = false;

    const changes: OutageChange[] = [];
    const measured: OpenOutage[] = [];
    for (const system of snapshot.systems) {
      const now = new Map(failingInSystem(system, this.#stoppedBelow).map((k) => [outageKeyText(k), k]));
      for (const [text, key] of now) {
        let outage = this.#open.get(text);
        if (!outage) {
          outage = { ...key, startedAt: from.toISOString(), id: null, measuredMs: 0, lastMeasuredAt: null };
          this.#open.set(text, outage);
          changes.push({ kind: 'open', outage });
        }
        this.#tracker.observe(text, { from, to }, true);
        const run = this.#tracker.run(text)!;
        outage.measuredMs = run.measuredMs;
        outage.lastMeasuredAt = new Date(run.last).toISOString();
        measured.push({ ...outage });
      }
      for (const [text, outage] of this.#open) {
        if (outage.systemId !== system.id || now.has(text)) continue;
        // Fine again for the whole window: it ended when the window began — or, after a gap, when it was
        // last measured failing (what happened in the gap is unknown). Never before it started.
        const run = this.#tracker.run(text);
        const endMs = run && this.#tracker.followsGap(text, from) ? run.last : from.getTime();
        const endedAt = new Date(Math.max(endMs, Date.parse(outage.startedAt))).toISOString();
        this.#open.delete(text);
        this.#tracker.delete(text);
        changes.push({ kind: 'close', outage, endedAt });
      }
    }
    return { snapshot: this.#withMinutes(snapshot), changes, measured, gap };
  }

  #gapBefore(fromMs: number): Gap | null {
    const last = this.#lastCycleAt;
    if (last === null || fromMs - last <= this.#tracker.maxGapMs) return null;
    return { from: new Date(last).toISOString(), to: new Date(fromMs).toISOString(), reason: this.#first ? 'platform-down' : 'no-cycle' };
  }

  /** stoppedMinutes and services.*.downMinutes are the measured minutes of the open outages (0 when none). */
  #withMinutes(snapshot: Snapshot): Snapshot {
    const minutes = (k: OutageKey) => {
      const o = this.#open.get(outageKeyText(k));
      return o ? toMinutes(o.measuredMs) : 0;
    };
    const systems = snapshot.systems.map((s) => {
      let services = s.services;
      if (services) {
        services = { ...services };
        for (const name of ['registration', 'whois', 'rdap'] as const) {
          const st = services[name];
          if (st) services[name] = { ...st, downMinutes: minutes({ systemId: s.id, nodeId: null, service: name }) };
        }
      }
      return { ...s, stoppedMinutes: minutes({ systemId: s.id, nodeId: null, service: null }), ...(services ? { services } : {}) };
    });
    return { ...snapshot, systems };
  }

  /** Remember the store id of an open outage (after the store accepted it). */
  setId(key: OutageKey, id: number): void {
    const o = this.#open.get(outageKeyText(key));
    if (o) o.id = id;
  }

  openOutages(): OpenOutage[] {
    return [...this.#open.values()].map((o) => ({ ...o }));
  }
}
