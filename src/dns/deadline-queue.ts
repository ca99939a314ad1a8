// One timer for all pending queries instead of a setTimeout per query. Deadlines are kept in one
// FIFO per timeout length: entries with the same length are added in time order, so each FIFO is
// sorted by deadline and expiring is O(1) per entry. A finished query just marks its entry done.
import { performance } from 'node:perf_hooks';

export interface Deadline {
  at: number;               // performance.now() value at which it fires
  done: boolean;            // set by the owner when the query finished another way
  fire(): void;             // called as a method of the entry
}

class Fifo {
  items: Deadline[] = [];
  head = 0;
  get size(): number { return this.items.length - this.head; }
  push(d: Deadline): void { this.items.push(d); }
  peek(): Deadline | undefined { return this.items[this.head]; }
  shift(): void {
    this.items[this.head++] = undefined as unknown as Deadline;
    // Compact once the consumed prefix dominates, so memory stays proportional to what is pending.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export class DeadlineQueue {
  readonly #tickMs: number;
  #fifos = new Map<number, Fifo>();
  #live = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(tickMs = 5) {
    this.#tickMs = tickMs;
  }

  /** Schedule `fire` after `delayMs`; returns the entry so the caller can mark it done. */
  add(delayMs: number, fire: () => void): Deadline {
    const entry: Deadline = { at: 0, done: false, fire };
    this.schedule(entry, delayMs);
    return entry;
  }

  /** Schedules an entry the caller owns (e.g. a pending query implementing Deadline): no extra objects. */
  schedule(entry: Deadline, delayMs: number): void {
    const key = Number.isFinite(delayMs) ? Math.max(0, Math.round(delayMs)) : 0;
    entry.at = performance.now() + key;
    entry.done = false;
    let fifo = this.#fifos.get(key);
    if (!fifo) {
      fifo = new Fifo();
      this.#fifos.set(key, fifo);
    }
    fifo.push(entry);
    this.#live++;
    if (!this.#timer) this.#timer = setInterval(() => this.#tick(), this.#tickMs);
  }

  /** Mark an entry finished; when nothing live is left the timer stops, so it never holds the process open. */
  cancel(d: Deadline): void {
    if (d.done) return;
    d.done = true;
    this.#live--;
    if (this.#live === 0) this.#reset();
  }

  /** Entries that have neither fired nor been cancelled. */
  get size(): number { return this.#live; }

  #reset(): void {
    this.#fifos.clear();
    this.#live = 0;
    this.stop();
  }

  #tick(): void {
    const now = performance.now();
    for (const [key, fifo] of this.#fifos) {
      for (let d = fifo.peek(); d && (d.done || d.at <= now); d = fifo.peek()) {
        fifo.shift();
        if (!d.done) {
          d.done = true;
          this.#live--;
          d.fire();
        }
      }
      if (fifo.size === 0) this.#fifos.delete(key);
    }
    if (this.#live === 0) this.#reset();
  }

  /** Fire every pending entry now (used by close()). */
  flush(): void {
    const fifos = [...this.#fifos.values()];
    this.#reset();
    for (const fifo of fifos) {
      for (let i = fifo.head; i < fifo.items.length; i++) {
        const d = fifo.items[i];
        if (!d.done) {
          d.done = true;
          d.fire();
        }
      }
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
