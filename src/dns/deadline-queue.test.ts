import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeadlineQueue } from './deadline-queue.ts';

test('entries fire after their delay, in order, and cancelled ones never fire', async () => {
  const q = new DeadlineQueue(2);
  const fired: string[] = [];
  q.add(30, () => fired.push('b30'));
  q.add(10, () => fired.push('a10'));
  const c = q.add(20, () => fired.push('cancelled'));
  q.cancel(c);
  assert.equal(q.size, 2);
  await sleep(5);
  assert.deepEqual(fired, []);
  for (let i = 0; i < 200 && fired.length < 2; i++) await sleep(5);
  assert.deepEqual(fired, ['a10', 'b30']);
  assert.equal(q.size, 0);
});

test('flush fires everything pending at once; cancelling the last live entry stops the timer', async () => {
  const q = new DeadlineQueue(2);
  let n = 0;
  q.add(60_000, () => n++);
  q.add(60_000, () => n++);
  q.flush();
  assert.equal(n, 2);
  const d = q.add(60_000, () => n++);
  q.cancel(d);
  q.cancel(d); // idempotent
  assert.equal(q.size, 0);
  assert.equal(n, 2);
});
