// LagFile: the daemon's serial lags saved under the data directory and read back at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SerialLagTracker } from '../probe/serial-lag-tracker.ts';
import { LagFile } from './lag-file.ts';

const at = (min: number) => new Date(Date.parse('2026-11-23T08:00:00Z') + min * 60_000);
const cycle = (min: number) => ({ from: at(min), to: at(min) });

async function withDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-lagfile-'));
  try { await f(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

test('saved lags come back: a node lagging 10 minutes keeps its start and goes on counting', () => withDir(async (dir) => {
  const file = path.join(dir, 'data', 'serial-lags.json'); // the folder is made when missing
  const lags = new SerialLagTracker();
  lags.observe('tld', 'b', cycle(0), true);
  assert.equal(lags.observe('tld', 'b', cycle(10), true), 10 * 60_000);
  await new LagFile(file, () => {}).save(lags);

  const back = await new LagFile(file, () => {}).load();
  assert.equal(back.lagMs('tld', 'b'), 10 * 60_000);
  assert.equal(back.observe('tld', 'b', cycle(25), true), 25 * 60_000, 'the lag runs from its first lagging cycle');
  assert.equal(back.observe('tld', 'b', cycle(26), false), 0, 'and ends when the node is current');
}));

test('no file, or an unreadable one: no lags, and a bad file is named in the log', () => withDir(async (dir) => {
  const lines: string[] = [];
  const missing = await new LagFile(path.join(dir, 'none.json'), (l) => lines.push(l)).load();
  assert.deepEqual(missing.toJSON(), {});
  assert.equal(lines.length, 0, 'a first start is not a problem');

  const bad = path.join(dir, 'bad.json');
  for (const text of ['{not json', '[1, 2]', 'null']) {
    await writeFile(bad, text);
    assert.deepEqual((await new LagFile(bad, (l) => lines.push(l)).load()).toJSON(), {});
  }
  assert.equal(lines.length, 3);
  assert.match(lines[0], /bad\.json is not valid, lags start afresh/);
}));

test('an unchanged tracker is not written again', () => withDir(async (dir) => {
  const file = path.join(dir, 'serial-lags.json');
  const lagFile = new LagFile(file, () => {});
  const lags = new SerialLagTracker();
  lags.observe('tld', 'b', cycle(0), true);
  await lagFile.save(lags);
  const first = (await stat(file)).mtimeMs;
  await new Promise((r) => setTimeout(r, 20));
  await lagFile.save(lags);
  assert.equal((await stat(file)).mtimeMs, first);
  lags.observe('tld', 'b', cycle(1), true);
  await lagFile.save(lags);
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), lags.toJSON());
}));
