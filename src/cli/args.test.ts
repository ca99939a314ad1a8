import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, expectPositionals, numberOption, parseArgs, wantsHelp } from './args.ts';

const specs = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  once: { type: 'boolean', short: '1' },
  tag: { type: 'string', multiple: true },
} as const;

test('options, values and positionals', () => {
  const { options, positionals } = parseArgs(['--config', 'a.yaml', 'x', '--json', '--tag=t1', '--tag', 't2', 'y'], specs);
  assert.deepEqual(options, { config: 'a.yaml', json: true, once: false, tag: ['t1', 't2'] });
  assert.deepEqual(positionals, ['x', 'y']);
});

test('defaults, short names, = form, -- and a lone dash', () => {
  assert.deepEqual(parseArgs([], specs).options, { config: undefined, json: false, once: false, tag: [] });
  const parsed = parseArgs(['-c', 'b.yaml', '-1', '-', '--', '--json', '-c'], specs);
  assert.equal(parsed.options.config, 'b.yaml');
  assert.equal(parsed.options.once, true);
  assert.equal(parsed.options.json, false);
  assert.deepEqual(parsed.positionals, ['-', '--json', '-c']);
  assert.equal(parseArgs(['--config=x=y'], specs).options.config, 'x=y');
  assert.equal(parseArgs(['--config', '-5'], specs).options.config, '-5');
});

test('mistakes are usage errors', () => {
  assert.throws(() => parseArgs(['--nope'], specs), (e) => e instanceof UsageError && e.message === "unknown option '--nope'");
  assert.throws(() => parseArgs(['-x'], specs), { name: 'UsageError', message: "unknown option '-x'" });
  assert.throws(() => parseArgs(['--config'], specs), { message: "option '--config' needs a value" });
  assert.throws(() => parseArgs(['--config', '--json'], specs), { message: "option '--config' needs a value" });
  assert.throws(() => parseArgs(['--json=yes'], specs), { message: "option '--json' takes no value" });
});

test('positional counts', () => {
  expectPositionals(['a'], ['<file>']);
  expectPositionals([], ['<file>'], 1);
  assert.throws(() => expectPositionals([], ['<config.yaml>']), { name: 'UsageError', message: 'missing <config.yaml>' });
  assert.throws(() => expectPositionals(['a', 'b'], ['<file>']), { message: "unexpected argument 'b'" });
});

test('number options', () => {
  assert.equal(numberOption(undefined, 'duration'), undefined);
  assert.equal(numberOption('2.5', 'duration'), 2.5);
  assert.throws(() => numberOption('soon', 'duration'), { name: 'UsageError', message: "option '--duration' must be a number ≥ 0 (got 'soon')" });
  assert.throws(() => numberOption('-1', 'duration'), UsageError);
  assert.throws(() => numberOption('', 'duration'), UsageError);
});

test('help is asked for before --, not after', () => {
  assert.equal(wantsHelp(['x', '--help']), true);
  assert.equal(wantsHelp(['-h']), true);
  assert.equal(wantsHelp(['--', '--help']), false);
  assert.equal(wantsHelp(['x']), false);
});
