import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentTracker, type GradedSystem } from './incident-tracker.ts';
import type { Grade } from '../grades.ts';

const g = (grade: Grade | null, proposedGrade: Grade | null = null): GradedSystem =>
  ({ system: 'tld', org: 'reg', object: 'tld', grade, proposedGrade, needsConfirmation: proposedGrade !== null });
const at = (i: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, i * 10)).toISOString();

test('opens only after the grade holds for openAfterCycles consecutive cycles', () => {
  const t = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 3 });
  assert.deepEqual(t.step(at(0), [g('II')]), []);
  assert.deepEqual(t.step(at(1), [g(null)]), [], 'a clean cycle breaks the run');
  assert.deepEqual(t.step(at(2), [g('III')]), []);
  const ev = t.step(at(3), [g('II')]);
  assert.equal(ev.length, 1);
  assert.equal(ev[0].kind, 'open');
  assert.equal(ev[0].kind === 'open' && ev[0].grade, 'II');
  assert.ok(t.isOpen('tld'));
});

test('escalates and de-escalates while open, then resolves after the clean cycles', () => {
  const t = new IncidentTracker({ openAfterCycles: 1, resolveAfterCycles: 3 });
  assert.equal(t.step(at(0), [g('III')])[0].kind, 'open');
  const up = t.step(at(1), [g('II')]);
  assert.deepEqual(up.map((e) => e.kind === 'regrade' && [e.from, e.to]), [['III', 'II']]);
  assert.deepEqual(t.step(at(2), [g('II')]), [], 'same grade: no event');
  const down = t.step(at(3), [g('IV')]);
  assert.deepEqual(down.map((e) => e.kind === 'regrade' && [e.from, e.to]), [['II', 'IV']]);
  assert.deepEqual(t.step(at(4), [g(null)]), []);
  assert.deepEqual(t.step(at(5), [g(null)]), []);
  const res = t.step(at(6), [g(null)]);
  assert.deepEqual(res.map((e) => e.kind), ['resolve']);
  assert.equal(t.isOpen('tld'), false);
});

test('a graded cycle in the middle of the clean run restarts the count', () => {
  const t = new IncidentTracker({ openAfterCycles: 1, resolveAfterCycles: 2 });
  t.step(at(0), [g('IV')]);
  assert.deepEqual(t.step(at(1), [g(null)]), []);
  assert.deepEqual(t.step(at(2), [g('IV')]), []);
  assert.deepEqual(t.step(at(3), [g(null)]), []);
  assert.deepEqual(t.step(at(4), [g(null)]).map((e) => e.kind), ['resolve']);
});

test('a proposed grade alone opens an incident awaiting confirmation', () => {
  const t = new IncidentTracker({ openAfterCycles: 1, resolveAfterCycles: 1 });
  const ev = t.step(at(0), [g(null, 'I')]);
  assert.equal(ev[0].kind === 'open' && ev[0].proposedGrade, 'I');
});

test('state survives a restore; systems not probed keep their state', () => {
  const a = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 2 });
  a.step(at(0), [g('II')]);
  const b = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 2 });
  b.restore(a.state());
  assert.equal(b.step(at(1), [])[0], undefined);
  assert.equal(b.step(at(2), [g('II')])[0]?.kind, 'open');
});

test('rejects cycle counts below one', () => {
  assert.throws(() => new IncidentTracker({ openAfterCycles: 0, resolveAfterCycles: 1 }), RangeError);
});

const gu = (grade: Grade | null, undeterminedGrade: Grade | null): GradedSystem => ({ ...g(grade), undeterminedGrade });

test('undetermined holds an open incident: no resolve, no regrade down, clean count left as it is', () => {
  const t = new IncidentTracker({ openAfterCycles: 1, resolveAfterCycles: 2 });
  assert.equal(t.step(at(0), [g('III')])[0].kind, 'open');
  assert.deepEqual(t.step(at(1), [g(null)]), [], 'one clean cycle');
  for (let i = 2; i < 20; i += 1) assert.deepEqual(t.step(at(i), [gu(null, 'III')]), [], 'undetermined III: held');
  assert.ok(t.isOpen('tld'));
  assert.deepEqual(t.step(at(20), [g(null)]).map((e) => e.kind), ['resolve'], 'the earlier clean cycle still counts: 2 clean cycles');
});

test('undetermined II over a measured III holds an open II; a measured escalation still escalates', () => {
  const t = new IncidentTracker({ openAfterCycles: 1, resolveAfterCycles: 1 });
  t.step(at(0), [g('II')]);
  assert.deepEqual(t.step(at(1), [gu('III', 'II')]), [], 'not regraded down to III while II is undetermined');
  assert.deepEqual(t.step(at(2), [gu(null, 'II')]), [], 'not resolved either');
  const down = t.step(at(3), [g('III')]);
  assert.deepEqual(down.map((e) => e.kind === 'regrade' && [e.from, e.to]), [['II', 'III']], 'II settled not above: down to III');
  const up = t.step(at(4), [gu('II', 'I')]);
  assert.deepEqual(up.map((e) => e.kind === 'regrade' && [e.from, e.to]), [['III', 'II']], 'a measured II escalates even with I undetermined');
  assert.deepEqual(t.step(at(5), [gu(null, 'IV')]), [], 'an undetermined IV below the open II: held too');
});

test('a closed incident does not open on undetermined: the pending count is left as it is', () => {
  const t = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 1 });
  assert.deepEqual(t.step(at(0), [g('III')]), []);
  for (let i = 1; i < 10; i += 1) assert.deepEqual(t.step(at(i), [gu(null, 'III')]), [], 'undetermined: never opens');
  assert.equal(t.state().tld.pendingCycles, 1, 'neither counted nor reset');
  assert.equal(t.step(at(10), [g('III')])[0]?.kind, 'open', 'the second measured cycle opens');
});

test('an opening waits at most openAfterCycles more cycles while a higher grade is undetermined', () => {
  const settles = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 1 });
  assert.deepEqual(settles.step(at(0), [gu('III', 'II')]), []);
  assert.deepEqual(settles.step(at(1), [gu('III', 'II')]), [], 'II is still undetermined: wait for the widened sample');
  const opened = settles.step(at(2), [g('II')]);
  assert.deepEqual(opened.map((e) => e.kind === 'open' && e.grade), ['II'], 'opens at the settled grade, no III → II regrade');
  const never = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 1 });
  for (let i = 0; i < 3; i += 1) assert.deepEqual(never.step(at(i), [gu('III', 'II')]), []);
  const late = never.step(at(3), [gu('III', 'II')]);
  assert.deepEqual(late.map((e) => e.kind === 'open' && e.grade), ['III'], 'after 2 × openAfterCycles it opens at the measured grade');
});
