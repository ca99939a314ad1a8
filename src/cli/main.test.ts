import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, main, topLevelHelp, type CommandModule, type MainIo } from './main.ts';
import { UsageError } from './args.ts';

/** Runs main with captured output and a fake module loader. */
async function runMain(argv: string[], modules: Record<string, CommandModule | Error | undefined> = {}) {
  let out = '';
  let err = '';
  const loaded: string[] = [];
  const io: MainIo = {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
    load: async (name) => {
      loaded.push(name);
      const m = modules[name];
      if (m instanceof Error) throw m;
      return m;
    },
  };
  const code = await main(argv, io);
  return { code, out, err, loaded };
}

const echo: CommandModule = {
  help: 'usage: dnswarden probe [--json]',
  run: async () => 0,
};

test('top-level help: English and Chinese line, every command', async () => {
  const help = topLevelHelp();
  assert.match(help.split('\n')[0], /^dnswarden — DNS security monitoring/);
  assert.match(help.split('\n')[1], /^dnswarden — 域名系统安全监测/);
  for (const name of ['validate', 'probe', 'grade', 'serve', 'lab', 'dnssec', 'audit', 'users']) assert.match(help, new RegExp(`^  ${name} `, 'm'));
  assert.deepEqual(Object.keys(COMMANDS), ['validate', 'probe', 'grade', 'serve', 'lab', 'dnssec', 'audit', 'users', 'names']);
  for (const argv of [['--help'], ['-h'], ['help']]) {
    const r = await runMain(argv);
    assert.deepEqual([r.code, r.out, r.err], [0, help, '']);
  }
  const none = await runMain([]);
  assert.deepEqual([none.code, none.out, none.err], [2, '', help]);
});

test('a command runs with the rest of the arguments and its exit code is returned', async () => {
  const seen: string[][] = [];
  const probe: CommandModule = { help: 'h', run: async (argv) => { seen.push(argv); return 7; } };
  const r = await runMain(['probe', '--json', 'x'], { probe });
  assert.equal(r.code, 7);
  assert.deepEqual(seen, [['--json', 'x']]);
  assert.deepEqual(r.loaded, ['probe']);
});

test('command help: `help <cmd>` and `<cmd> --help` print the module help without running it', async () => {
  for (const argv of [['help', 'probe'], ['probe', '--help'], ['probe', 'x', '-h']]) {
    const r = await runMain(argv, { probe: { ...echo, run: async () => { throw new Error('must not run'); } } });
    assert.deepEqual([r.code, r.out, r.err], [0, 'usage: dnswarden probe [--json]\n', '']);
  }
});

test('a missing command module is an error on stderr with exit 1', async () => {
  for (const argv of [['serve'], ['serve', '--help'], ['help', 'serve']]) {
    const r = await runMain(argv);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, "dnswarden: the 'serve' command is not available in this build (src/cli/cmd-serve.ts is missing)\n");
  }
});

test('a module that fails to load, or has no run(), is exit 1', async () => {
  const broken = await runMain(['lab'], { lab: new Error('SyntaxError in cmd-lab.ts') });
  assert.deepEqual([broken.code, broken.err], [1, "dnswarden: cannot load the 'lab' command: SyntaxError in cmd-lab.ts\n"]);
  const noRun = await runMain(['lab'], { lab: { help: 'x' } as unknown as CommandModule });
  assert.equal(noRun.code, 1);
  assert.match(noRun.err, /exports no run\(\)/);
});

test('unknown commands and options are usage errors (exit 2)', async () => {
  const r = await runMain(['frobnicate']);
  assert.deepEqual([r.code, r.out], [2, '']);
  assert.match(r.err, /^dnswarden: unknown command 'frobnicate'\n/);
  const o = await runMain(['--frob']);
  assert.match(o.err, /^dnswarden: unknown option '--frob'/);
  assert.equal((await runMain(['help', 'frob'])).code, 2);
  assert.deepEqual(o.loaded, []);
});

test('errors thrown by a command: UsageError → 2 with a hint, anything else → 1', async () => {
  const usage = await runMain(['grade'], { grade: { help: '', run: async () => { throw new UsageError('missing --config'); } } });
  assert.deepEqual([usage.code, usage.out], [2, '']);
  assert.equal(usage.err, "dnswarden grade: missing --config\nRun 'dnswarden grade --help' for usage.\n");
  const crash = await runMain(['grade'], { grade: { help: '', run: async () => { throw new Error('disk full'); } } });
  assert.deepEqual([crash.code, crash.out, crash.err], [1, '', 'dnswarden grade: disk full\n']);
});

test('--version prints the package version', async () => {
  const r = await runMain(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^dnswarden \d+\.\d+\.\d+\n$/);
});
