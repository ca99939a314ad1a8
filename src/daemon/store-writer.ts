// Writes each cycle's results to the store through a bounded FIFO retry queue. A store that
// fails (database gone, disk full) must neither crash the daemon nor lose the cycle: the
// writes stay queued and are retried on the next cycle, oldest first. When the queue is full
// the oldest writes are dropped, and counted.
import type { CycleInput, Store } from '../store/store.ts';
import type { Gap, OpenOutage, OutageKey } from '../core/outage-ledger.ts';

export type PendingWrite =
  | { kind: 'cycle'; cycle: CycleInput }
  | { kind: 'open-outage'; outage: OpenOutage }
  | { kind: 'close-outage'; outage: OpenOutage; endedAt: string }
  /** The measured time of an open outage so far (survives a restart). */
  | { kind: 'measure-outage'; outage: OpenOutage }
  /** Time the platform did not measure. */
  | { kind: 'gap'; gap: Gap };

export type WriterStore = Pick<Store, 'recordCycle' | 'openOutage' | 'closeOutage' | 'measureOutage' | 'recordGap'>;

export interface WriterStatus {
  ok: boolean;
  /** The last error, while writes are failing. */
  error: string | null;
  pending: number;
  dropped: number;
  written: number;
}

export interface StoreWriterOptions {
  store: WriterStore;
  /** Most writes kept while the store fails (default 5000). */
  maxPending?: number;
  /** Called with the store id of an outage once it is open in the store. */
  onOutageId?: (key: OutageKey, id: number) => void;
  log?: (line: string) => void;
}

export class StoreWriter {
  readonly #opts: StoreWriterOptions;
  readonly #max: number;
  #queue: PendingWrite[] = [];
  #ok = true;
  #error: string | null = null;
  #dropped = 0;
  #written = 0;
  #flushing: Promise<void> | null = null;

  constructor(opts: StoreWriterOptions) {
    this.#opts = opts;
    this.#max = Math.max(1, opts.maxPending ?? 5000);
  }

  enqueue(writes: PendingWrite[]): void {
    this.#queue.push(...writes);
    const excess = this.#queue.length - this.#max;
    if (excess > 0) {
      this.#queue.splice(0, excess);
      this.#dropped += excess;
      this.#opts.log?.(`store: retry queue full, dropped the ${excess} oldest unsaved write(s) (${this.#dropped} in all)`);
    }
  }

  /** Write everything queued, in order; stops at the first failure and keeps the rest. Never rejects. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => { this.#flushing = null; });
    return this.#flushing;
  }

  async #flushAll(): Promise<void> {
    while (this.#queue.length > 0) {
      const write = this.#queue[0];
      try {
        await this.#apply(write);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (this.#ok || message !== this.#error) {
          this.#opts.log?.(`store: write failed, ${this.#queue.length} write(s) kept for retry: ${message}`);
        }
        this.#ok = false;
        this.#error = message;
        return;
      }
      this.#queue.shift();
      this.#written += 1;
      if (!this.#ok) {
        this.#ok = true;
        this.#error = null;
        this.#opts.log?.(`store: writing again, ${this.#queue.length} queued write(s) left`);
      }
    }
  }

  async #apply(write: PendingWrite): Promise<void> {
    const { store } = this.#opts;
    if (write.kind === 'cycle') {
      await store.recordCycle(write.cycle);
      return;
    }
    if (write.kind === 'gap') {
      await store.recordGap(write.gap);
      return;
    }
    const { systemId, nodeId, service, startedAt } = write.outage;
    // openOutage returns the outage already open for the key: a retried open, or the id a close needs.
    let id = write.outage.id;
    if (id === null) {
      const opened = await store.openOutage({ systemId, nodeId, service, startedAt });
      id = opened.id;
      write.outage.id = id;
      this.#opts.onOutageId?.(write.outage, id);
    }
    if (write.kind === 'close-outage') await store.closeOutage(id, write.endedAt);
    if (write.kind === 'measure-outage' && write.outage.lastMeasuredAt !== null) {
      await store.measureOutage(id, { measuredMs: write.outage.measuredMs, lastMeasuredAt: write.outage.lastMeasuredAt });
    }
  }

  status(): WriterStatus {
    return { ok: this.#ok, error: this.#error, pending: this.#queue.length, dropped: this.#dropped, written: this.#written };
  }
}
