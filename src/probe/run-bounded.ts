// Runs async work over a list with at most `limit` tasks in flight.

export async function runBounded<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}

/**
 * The same with callback-style work: `start(item, done)` must call `done` exactly once, possibly
 * synchronously (a loop, not recursion, starts the next items, so synchronous completions cannot
 * grow the stack). `start` must not throw.
 */
export function runCallbacksBounded<T>(items: readonly T[], limit: number, start: (item: T, done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const max = Math.max(1, limit);
    let next = 0;
    let active = 0;
    let pumping = false;
    const pump = (): void => {
      if (pumping) return;
      pumping = true;
      while (active < max && next < items.length) {
        active++;
        start(items[next++], done);
      }
      pumping = false;
      if (active === 0 && next >= items.length) resolve();
    };
    const done = (): void => {
      active--;
      pump();
    };
    pump();
  });
}
