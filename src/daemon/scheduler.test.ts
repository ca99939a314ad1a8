import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from './scheduler.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

test('cycles never overlap; an overrunning cycle counts the skipped ticks and the next starts at once', async () => {
  let clock = 0;
  let running = 0;
  let maxRunning = 0;
  const starts: number[] = [];
  // A fake clock: a timer advances it by its delay.
  const timers = {
    set: (fn: () => void, ms: number) => setImmediate(() => { clock += ms; fn(); }),
    clear: (h: unknown) => clearImmediate(h as NodeJS.Immediate),
  };
  const s = new Scheduler({
    intervalMs: 10,
    now: () => clock,
    timers,
    runCycle: async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      starts.push(clock);
      await tick();
      clock += starts.length === 2 ? 25 : 1; // the second cycle overruns: ticks at 20 and 30 pass
      running--;
    },
  });
  s.start();
  for (let i = 0; i < 2000 && s.stats().cycles < 4; i++) await tick();
  await s.stop();
  assert.equal(maxRunning, 1);
  assert.ok(s.stats().cycles >= 4);
  assert.equal(starts[0], 0);
  assert.equal(starts[1], 10, 'on the tick');
  assert.equal(starts[2], 35, 'right after the overrun (10 + 25)');
  assert.equal(s.stats().skippedTicks, 2);
  assert.equal(starts[3], 45, 're-anchored on the late start');
});

test('a failing cycle is counted and the schedule goes on', async () => {
  let n = 0;
  const s = new Scheduler({ intervalMs: 1, runCycle: async () => { n++; if (n === 1) throw new Error('boom'); } });
  const ends: Array<string | null> = [];
  s.on('cycle-end', (e: { error: string | null }) => ends.push(e.error));
  s.start();
  for (let i = 0; i < 2000 && s.stats().cycles < 3; i++) await tick();
  await s.stop();
  assert.equal(ends[0], 'boom');
  assert.equal(s.stats().failedCycles, 1);
  assert.ok(s.stats().cycles >= 3);
  assert.equal(s.stats().lastError, null);
});

test('stop() waits for the running cycle; with abort the cycle sees its signal; grace bounds the wait', async () => {
  let release!: () => void;
  let sawAbort = false;
  let finished = false;
  const s = new Scheduler({
    intervalMs: 1000,
    runCycle: (signal) => new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => { sawAbort = true; });
      release = () => { finished = true; resolve(); };
    }),
  });
  s.start();
  await tick();
  assert.equal(s.stats().running, true);
  const ended = await s.stop({ abort: true, graceMs: 5 });
  assert.equal(ended, false, 'still running after the grace period');
  assert.equal(sawAbort, true);
  const stopping = s.stop();
  let done = false;
  void stopping.then(() => { done = true; });
  await tick();
  assert.equal(done, false, 'waits while the cycle runs');
  release();
  assert.equal(await stopping, true);
  assert.equal(finished, true);
  const cycles = s.stats().cycles;
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(s.stats().cycles, cycles, 'no cycle after stop');
});
