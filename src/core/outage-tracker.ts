// How long something (a system's resolution, a service) has been failing without a break.
// Pure: fed one observation per probe cycle; the daemon persists snapshotState() and restore()s it.
//
// An observation covers a time span (the probe cycle, from..to). A run of failing observations starts
// at the `from` of its first failing cycle; a succeeding observation ends it. The reported minutes are
// from the start of the run to the `to` of the latest failing cycle, so `probe --once` reports the
// minutes it observed (the length of its one cycle) and the daemon reports the whole run.

export interface OutageState {
  v: 1;
  /** key → run start and the last failing observation (epoch ms). */
  runs: Record<string, { since: number; last: number }>;
}

export interface OutageTrackerOptions {
  /** A gap longer than this between two failing observations restarts the run (the gap is unknown, not failing). Default: no limit. */
  maxGapMs?: number;
}

export class OutageTracker {
  #runs = new Map<string, { since: number; last: number }>();
  #maxGapMs: number;

  constructor(opts: OutageTrackerOptions = {}) {
    this.#maxGapMs = opts.maxGapMs ?? Infinity;
  }

  /** Records one observation and returns the minutes failing without a break (0 when not failing). */
  observe(key: string, span: { from: Date; to: Date }, failing: boolean): number {
    if (!failing) {
      this.#runs.delete(key);
      return 0;
    }
    const from = span.from.getTime();
    const to = Math.max(from, span.to.getTime());
    const run = this.#runs.get(key);
    if (!run || from - run.last > this.#maxGapMs) {
      this.#runs.set(key, { since: from, last: to });
    } else {
      run.last = Math.max(run.last, to);
    }
    return this.minutes(key);
  }

  /** Minutes of the current failing run of `key` (0 when not failing). */
  minutes(key: string): number {
    const run = this.#runs.get(key);
    if (!run) return 0;
    return Math.round(((run.last - run.since) / 60_000) * 1000) / 1000;
  }

  failingSince(key: string): Date | null {
    const run = this.#runs.get(key);
    return run ? new Date(run.since) : null;
  }

  snapshotState(): OutageState {
    return { v: 1, runs: Object.fromEntries([...this.#runs].map(([k, r]) => [k, { ...r }])) };
  }

  restore(state: OutageState): void {
    if (state?.v !== 1 || typeof state.runs !== 'object') throw new Error('not an outage tracker state (v1)');
    this.#runs.clear();
    for (const [key, run] of Object.entries(state.runs)) {
      if (Number.isFinite(run.since) && Number.isFinite(run.last)) this.#runs.set(key, { since: run.since, last: run.last });
    }
  }
}

/** Keys the probe engine uses, so the daemon can find them in the state. */
export const outageKey = {
  system: (systemId: string) => `system:${systemId}`,
  service: (systemId: string, service: string) => `service:${systemId}:${service}`,
};
