// The one place outage minutes are computed (pure). Fed one observation per probe cycle; both
// `probe --once/--duration` (through the probe engine) and the daemon (through OutageLedger) use it.
//
// Measured time only. An observation covers the span of one probe cycle (from..to). A failing run
// starts at the `from` of its first failing cycle. Each later failing cycle adds the time from the
// previous failing cycle's `to` up to its own `to` — the platform was watching throughout — unless
// the two cycles are further apart than `maxGapMs` (by default 2 × interval + timeout, see
// `gapLimitMs`): that gap is unknown time (the platform was down, or no cycle ran), so only the new
// cycle's own span is added. The run itself continues across the gap (the outage stays open, its
// start is kept) but its minutes exclude the gap. A succeeding observation ends the run.
// So `probe --once` reports the minutes it observed (the length of its one cycle), the daemon the
// minutes it measured, and a restart never adds the time the platform was off.

export interface OutageRun {
  /** Start of the run: `from` of its first failing cycle (epoch ms). */
  since: number;
  /** `to` of the latest failing cycle: the last time the failure was measured (epoch ms). */
  last: number;
  /** Measured failing time so far (ms). */
  measuredMs: number;
}

export interface OutageState {
  v: 2;
  runs: Record<string, OutageRun>;
}

export interface OutageTrackerOptions {
  /** Cycles further apart than this leave unknown time between them, not counted. Default: no limit. */
  maxGapMs?: number;
}

/** The longest distance between two cycles that still counts as watched: 2 × interval + timeout. */
export function gapLimitMs(probing: { intervalMs: number; timeoutMs: number }): number {
  return 2 * probing.intervalMs + probing.timeoutMs;
}

/** Milliseconds → minutes, rounded to 3 decimals (the snapshot's stoppedMinutes / downMinutes). */
export const toMinutes = (ms: number): number => Math.round((ms / 60_000) * 1000) / 1000;

export class OutageTracker {
  #runs = new Map<string, OutageRun>();
  readonly maxGapMs: number;

  constructor(opts: OutageTrackerOptions = {}) {
    this.maxGapMs = opts.maxGapMs ?? Infinity;
  }

  /** Records one observation and returns the measured minutes of the run (0 when not failing). */
  observe(key: string, span: { from: Date; to: Date }, failing: boolean): number {
    if (!failing) {
      this.#runs.delete(key);
      return 0;
    }
    const from = span.from.getTime();
    const to = Math.max(from, span.to.getTime());
    const run = this.#runs.get(key);
    if (!run) {
      this.#runs.set(key, { since: from, last: to, measuredMs: to - from });
    } else if (from - run.last > this.maxGapMs) {
      run.measuredMs += to - from; // the gap before this cycle is unknown: only the cycle itself counts
      run.last = to;
    } else if (to > run.last) {
      run.measuredMs += to - run.last; // watched since the previous failing cycle
      run.last = to;
    }
    return this.minutes(key);
  }

  /** Whether an observation starting at `from` would follow a gap (unknown time) in the run of `key`. */
  followsGap(key: string, from: Date): boolean {
    const run = this.#runs.get(key);
    return !!run && from.getTime() - run.last > this.maxGapMs;
  }

  /** Measured minutes of the current failing run of `key` (0 when not failing). */
  minutes(key: string): number {
    const run = this.#runs.get(key);
    return run ? toMinutes(run.measuredMs) : 0;
  }

  run(key: string): OutageRun | null {
    const run = this.#runs.get(key);
    return run ? { ...run } : null;
  }

  failingSince(key: string): Date | null {
    const run = this.#runs.get(key);
    return run ? new Date(run.since) : null;
  }

  /** Sets (or replaces) a run, e.g. one restored from the store. */
  set(key: string, run: OutageRun): void {
    if (Number.isFinite(run.since) && Number.isFinite(run.last) && Number.isFinite(run.measuredMs)) {
      this.#runs.set(key, { since: run.since, last: Math.max(run.since, run.last), measuredMs: Math.max(0, run.measuredMs) });
    }
  }

  delete(key: string): void {
    this.#runs.delete(key);
  }

  snapshotState(): OutageState {
    return { v: 2, runs: Object.fromEntries([...this.#runs].map(([k, r]) => [k, { ...r }])) };
  }

  restore(state: OutageState): void {
    if (state?.v !== 2 || typeof state.runs !== 'object') throw new Error('not an outage tracker state (v2)');
    this.#runs.clear();
    for (const [key, run] of Object.entries(state.runs)) this.set(key, run);
  }
}

/** Keys the probe engine uses. */
export const outageKey = {
  system: (systemId: string) => `system:${systemId}`,
  service: (systemId: string, service: string) => `service:${systemId}:${service}`,
};
