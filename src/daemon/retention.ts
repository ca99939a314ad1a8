// Measurement retention for `serve`: at start and then every 6 h, delete per-cycle node and system
// measurements older than now − database.retention. Outages, incidents and the audit log are the
// legal trail and are never pruned (Store#pruneMeasurements does not touch them).
import type { PruneResult, Store } from '../store/store.ts';

export const RETENTION_TICK_MS = 6 * 3_600_000;

export interface RetentionOptions {
  store: Pick<Store, 'pruneMeasurements'>;
  retentionMs: number;
  now: () => Date;
  log: (line: string) => void;
}

/** The line logged when a pass deleted rows. */
export function retentionLine(result: PruneResult, cut: string): string {
  return `retention: deleted ${result.nodeRows} node and ${result.systemRows} system measurement rows older than ${cut}`;
}

/** One pass: returns what was deleted, or null when the store failed (logged; the next tick retries). */
export async function pruneOnce(o: RetentionOptions): Promise<PruneResult | null> {
  const cut = new Date(o.now().getTime() - o.retentionMs).toISOString();
  try {
    const result = await o.store.pruneMeasurements(cut);
    if (result.nodeRows > 0 || result.systemRows > 0) o.log(retentionLine(result, cut));
    return result;
  } catch (err) {
    o.log(`retention: pruning measurements older than ${cut} failed (retried in the next pass): ${(err as Error).message}`);
    return null;
  }
}

/** Runs pruneOnce at start() and every periodMs; one pass at a time; stop() waits for the pass in flight. */
export class RetentionTicker {
  readonly #o: RetentionOptions;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopped = false;

  constructor(o: RetentionOptions) {
    this.#o = o;
  }

  start(periodMs = RETENTION_TICK_MS): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setInterval(() => this.#pass(), periodMs);
    this.#timer.unref(); // retention never keeps the process alive
    this.#pass();
  }

  #pass(): void {
    if (this.#running || this.#stopped) return;
    this.#running = pruneOnce(this.#o).finally(() => { this.#running = null; });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
