// Runs a cycle every interval, never two at once. A cycle that runs longer than the interval
// makes the next one start as soon as it ends; the ticks that passed meanwhile are counted as
// skipped and the schedule is re-anchored there. stop() waits for the running cycle (optionally
// aborting its signal first, and waiting at most a grace period).
import { EventEmitter } from 'node:events';

export interface SchedulerStats {
  cycles: number;
  failedCycles: number;
  skippedTicks: number;
  running: boolean;
  lastStartedAt: string | null;
  lastEndedAt: string | null;
  lastDurationMs: number | null;
  lastError: string | null;
}

export interface SchedulerOptions {
  intervalMs: number;
  /** One cycle. Rejecting counts a failed cycle; the schedule goes on. */
  runCycle: (signal: AbortSignal, startedAt: Date) => Promise<void>;
  now?: () => number;
  /** Timer functions (tests pass a fake clock's). */
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

const realTimers = {
  set: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clear: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
};

/** Events: 'cycle-end' ({ durationMs, error }), 'skipped' (count). */
export class Scheduler extends EventEmitter {
  readonly #opts: SchedulerOptions;
  readonly #now: () => number;
  readonly #timers: NonNullable<SchedulerOptions['timers']>;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #abort: AbortController | null = null;
  #stopped = true;
  #stats: SchedulerStats = {
    cycles: 0, failedCycles: 0, skippedTicks: 0, running: false,
    lastStartedAt: null, lastEndedAt: null, lastDurationMs: null, lastError: null,
  };

  constructor(opts: SchedulerOptions) {
    super();
    if (!(opts.intervalMs > 0)) throw new RangeError('interval must be positive');
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#timers = opts.timers ?? realTimers;
  }

  /** Starts the first cycle at once. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#runAt(this.#now());
  }

  #runAt(scheduledAt: number): void {
    if (this.#stopped) return;
    const started = this.#now();
    const abort = new AbortController();
    this.#abort = abort;
    this.#stats.running = true;
    this.#stats.lastStartedAt = new Date(started).toISOString();
    this.#running = (async () => {
      let error: string | null = null;
      try {
        await this.#opts.runCycle(abort.signal, new Date(started));
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const ended = this.#now();
      this.#stats.running = false;
      this.#stats.cycles += 1;
      if (error !== null) this.#stats.failedCycles += 1;
      this.#stats.lastError = error;
      this.#stats.lastEndedAt = new Date(ended).toISOString();
      this.#stats.lastDurationMs = ended - started;
      this.emit('cycle-end', { durationMs: ended - started, error });
      this.#scheduleAfter(scheduledAt, ended);
    })();
  }

  #scheduleAfter(scheduledAt: number, ended: number): void {
    if (this.#stopped) return;
    const interval = this.#opts.intervalMs;
    const nextTick = scheduledAt + interval;
    if (ended < nextTick) {
      this.#timer = this.#timers.set(() => { this.#timer = null; this.#runAt(nextTick); }, nextTick - ended);
      return;
    }
    // Overran: ticks at nextTick, nextTick + interval, ... up to `ended` found a cycle running.
    const skipped = Math.floor((ended - nextTick) / interval) + 1;
    this.#stats.skippedTicks += skipped;
    this.emit('skipped', skipped);
    this.#timer = this.#timers.set(() => { this.#timer = null; this.#runAt(this.#now()); }, 0);
  }

  /**
   * No more cycles. Waits for the running cycle to end; with `abort`, first aborts its signal;
   * with `graceMs`, waits at most that long (the cycle then ends on its own, unobserved).
   * Resolves true when no cycle is running any more.
   */
  async stop(opts: { abort?: boolean; graceMs?: number } = {}): Promise<boolean> {
    this.#stopped = true;
    if (this.#timer !== null) { this.#timers.clear(this.#timer); this.#timer = null; }
    if (!this.#running || !this.#stats.running) return true;
    if (opts.abort) this.#abort?.abort(new Error('daemon stopping'));
    if (opts.graceMs === undefined) { await this.#running; return true; }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), opts.graceMs); });
    try {
      return await Promise.race([this.#running.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  stats(): SchedulerStats {
    return { ...this.#stats };
  }
}
