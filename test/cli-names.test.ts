// `dnswarden names` usage and refusals that need no registry server: help, exit 2 for unknown actions,
// missing reason or names, --sinkhole/--until outside block, an --until in the past, a config without
// `registry` or with a wrong one (the validate lines); exit 1 for an unknown case.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'dw-cli-names-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function dnswarden(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'dnswarden.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const BASE = 'organizations:\n  - { id: reg, role: registry }\nsystems: []\n';
const SECRET = Buffer.alloc(32, 3).toString('base64');
const REGISTRY = `registry:\n  zones: [lab.]\n  connector: { kind: dns-update, primary: { address: 127.0.0.1, port: 9 }, tsig: { name: k, algorithm: hmac-sha256, secret: "${SECRET}" } }\n`;
const conf = (name: string, text: string) => { const f = path.join(dir, name); writeFileSync(f, text); return f; };

test('--help lists every action; usage mistakes exit 2 with a message', async () => {
  const help = await dnswarden(['names', '--help']);
  assert.equal(help.code, 0);
  for (const a of ['hold', 'unhold', 'lock', 'unlock', 'sinkhole', 'unsinkhole', 'block', 'unblock', 'status', 'refer', 'no-action', 'history', 'expire', 'sinkhole-log', 'sinkhole-serve']) {
    assert.match(help.out, new RegExp(`\\b${a}\\b`), a);
  }
  const c = conf('ok.yaml', BASE + REGISTRY);
  const cases: Array<[string[], RegExp]> = [
    [['names', 'seize', '--config', c, 'x.lab'], /unknown action 'seize'/],
    [['names', 'hold', '--config', c, 'x.lab'], /missing '--reason <text>'/],
    [['names', 'hold', '--config', c, '--reason', 'r'], /no names/],
    [['names', 'hold', '--config', c, '--reason', 'r', '--sinkhole', 'x.lab'], /--sinkhole and --until go with block/],
    [['names', 'block', '--config', c, '--reason', 'r', '--until', '2020-01-01', 'x.lab'], /--until: '2020-01-01' is not in the future/],
    [['names', 'refer', '--config', c, '--reason', 'r', 'x.lab'], /refer needs --registrar/],
    [['names', 'hold', '--config', conf('none.yaml', BASE), '--data', dir, '--reason', 'r', 'x.lab'], /has no 'registry' block/],
  ];
  for (const [args, message] of cases) {
    const r = await dnswarden(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
    assert.equal(r.out, '');
  }
  const bad = await dnswarden(['names', 'status', '--config', conf('bad.yaml', BASE + REGISTRY.replace('hmac-sha256', 'hmac-sha3')), 'x.lab']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad\.yaml:\d+:\d+: registry\.connector\.tsig\.algorithm: must be one of/);
});

test('an unknown case stops the run before anything is applied (exit 1)', async () => {
  const r = await dnswarden(['names', 'hold', '--config', conf('ok2.yaml', BASE + REGISTRY), '--data', path.join(dir, 'data'), '--reason', 'r', '--case', 'TC-NONE', 'x.lab']);
  assert.equal(r.code, 1);
  assert.match(r.err, /no threat case 'TC-NONE'/);
});
