// `dnswarden validate` end to end: spawns bin/dnswarden.mjs on the fixtures under test/fixtures/config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = resolve(root, 'bin/dnswarden.mjs');
const fixture = (name: string) => `test/fixtures/config/${name}`;

interface Run { code: number; stdout: string; stderr: string }

function dnswarden(args: string[], cwd = root): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') { fail(error); return; }
      done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

test('the example configuration is valid', async () => {
  const r = await dnswarden(['validate', fixture('example.yaml')]);
  assert.deepEqual(r, { code: 0, stdout: 'ok: test/fixtures/config/example.yaml: 8 organizations, 4 systems\n', stderr: '' });
});

test('relative zone files are taken from the config file folder, not the working directory', async () => {
  const file = resolve(root, fixture('example.yaml'));
  const r = await dnswarden(['validate', file], tmpdir());
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `ok: ${file}: 8 organizations, 4 systems\n`);
});

test('structural mistakes: one exact line each, exit 2', async () => {
  const r = await dnswarden(['validate', fixture('broken-schema.yaml')]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const f = fixture('broken-schema.yaml');
  assert.deepEqual(r.stderr.split('\n'), [
    `${f}:5:9: organizations[1].id: must be a lower-case id of up to 63 letters, digits, '.', '_' or '-' (got 'Big-DNS')`,
    `${f}:7:12: organizations[1].grade: must be 1 or 2 (got 3)`,
    `${f}:14:45: systems[0].nodes[0].port: must be at least 1 (got 0)`,
    `${f}:15:9: systems[0].nodes[1].address: required key 'address' is missing`,
    `${f}:15:18: systems[0].nodes[1].adress: unknown key 'adress'`,
    `${f}:17:13: probing.interval: must be a duration such as 500ms, 10s, 5m, 4h or 1d (got '10 sec')`,
    `${f}:18:21: probing.transports[1]: must be 'udp' or 'tcp' (got 'quic')`,
    `${f}:19:1: monitoring: unknown key 'monitoring'`,
    '',
  ]);
});

test('mistakes of meaning: one exact line each, exit 2', async () => {
  const r = await dnswarden(['validate', fixture('broken-references.yaml')]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const f = fixture('broken-references.yaml');
  const missingZone = resolve(root, 'test/fixtures/config/lab/zones/missing.zone');
  assert.deepEqual(r.stderr.split('\n'), [
    `${f}:5:11: organizations[2].id: duplicate organization id 'bj-telecom' (first used at organizations[1])`,
    `${f}:6:5: organizations[3].province: a provincial-authority needs 'province'`,
    `${f}:8:5: systems[0].zone: a tld system needs 'zone'`,
    `${f}:13:15: systems[0].nodes[1].id: duplicate node id 'a' (first used at systems[0].nodes[0])`,
    `${f}:13:27: systems[0].nodes[1].address: '127.0.10.300' is not an IPv4 or IPv6 address`,
    `${f}:14:24: systems[0].truth.zonefile: zone file not found: ${missingZone}`,
    `${f}:15:5: systems[1].provinces: scope 'province' needs 'provinces'`,
    `${f}:16:10: systems[1].org: no organization has the id 'bj-isp'`,
    `${f}:21:32: keyDomains[0].via[0]: 'lab-tld' is a tld system; 'via' names recursive systems`,
    `${f}:23:12: probing.timeout: must be above 5s so that answers slower than 5 s are measured, not lost (got 5s)`,
    '',
  ]);
});

test('YAML syntax errors are reported with their position', async () => {
  const r = await dnswarden(['validate', fixture('syntax-error.yaml')]);
  assert.equal(r.code, 2);
  const f = fixture('syntax-error.yaml');
  assert.deepEqual(r.stderr.split('\n'), [
    `${f}:5:3: (yaml): Block collections are not allowed within flow collections`,
    `${f}:6:1: (yaml): Flow sequence in block collection must be sufficiently indented and end with a ]`,
    '',
  ]);
});

test('--json: only JSON on stdout, for valid and invalid files', async () => {
  const ok = await dnswarden(['validate', '--json', fixture('example.yaml')]);
  assert.equal(ok.code, 0);
  assert.equal(ok.stderr, '');
  assert.deepEqual(JSON.parse(ok.stdout), { valid: true, file: fixture('example.yaml'), organizations: 8, systems: 4, errors: [] });

  const bad = await dnswarden(['validate', fixture('broken-schema.yaml'), '--json']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, '');
  const report = JSON.parse(bad.stdout);
  assert.equal(report.valid, false);
  assert.equal(report.errors.length, 8);
  assert.deepEqual(report.errors[2], {
    file: fixture('broken-schema.yaml'), line: 14, column: 45, path: 'systems[0].nodes[0].port', message: 'must be at least 1 (got 0)',
  });
});

test('a missing file: clear message, exit 2', async () => {
  const r = await dnswarden(['validate', 'no/such/config.yaml']);
  assert.deepEqual(r, { code: 2, stdout: '', stderr: 'no/such/config.yaml: cannot read the configuration: no such file\n' });
  const j = await dnswarden(['validate', '--json', 'no/such/config.yaml']);
  assert.equal(j.code, 2);
  assert.deepEqual(JSON.parse(j.stdout).errors, [
    { file: 'no/such/config.yaml', line: 0, column: 0, path: '', message: 'cannot read the configuration: no such file' },
  ]);
});

test('usage mistakes exit 2; --help prints the command help', async () => {
  const none = await dnswarden(['validate']);
  assert.deepEqual(none, { code: 2, stdout: '', stderr: "dnswarden validate: missing <config.yaml>\nRun 'dnswarden validate --help' for usage.\n" });
  const help = await dnswarden(['validate', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: dnswarden validate \[--json\] <config\.yaml>\n/);
  const top = await dnswarden(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /域名/);
});
