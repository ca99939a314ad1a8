import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomLabel, sampleWithoutReplacement, seededRng } from './random-sample.ts';

test('samples are distinct, of the asked size, differ between draws, and cover every item over many draws', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const rng = seededRng(9);
  const seen = new Set<number>();
  let previous = '';
  for (let k = 0; k < 200; k++) {
    const s = sampleWithoutReplacement(items, 10, rng);
    assert.equal(s.length, 10);
    assert.equal(new Set(s).size, 10);
    s.forEach(x => seen.add(x));
    assert.notEqual(s.join(), previous);
    previous = s.join();
  }
  assert.equal(seen.size, 50);
  assert.deepEqual(sampleWithoutReplacement(items, 'all', rng), items);
  assert.deepEqual(sampleWithoutReplacement(items, 0, rng), []);
  assert.match(randomLabel(rng), /^dw-nx-[a-z0-9]{12}$/);
});
