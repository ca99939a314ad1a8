// `dnswarden grade` on the snapshot fixtures of test/fixtures/snapshots (written from the grading table).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { run } from '../src/cli/cmd-grade.ts';
import { UsageError } from '../src/cli/args.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/snapshots/${name}.json`, import.meta.url));
const bin = fileURLToPath(new URL('../bin/dnswarden.mjs', import.meta.url));

const CONFIG = `organizations:
  - { id: office, role: emergency-office }
  - { id: gd-authority, role: provincial-authority, province: GD }
  - { id: cn-registry, role: registry, licensedBy: national }
  - { id: big-dns, role: dns-provider, grade: 1, licensedBy: national }
  - { id: small-dns, role: dns-provider, grade: 2, licensedBy: BJ }
  - { id: news-bj, role: website, grade: 1, licensedBy: BJ }
  - { id: telecom, role: telecom, province: GD }
systems:
  - { id: cn-tld, org: cn-registry, kind: tld, zone: cn., nodes: [ { id: a, address: 127.0.10.1 }, { id: b, address: 127.0.10.2 }, { id: c, address: 127.0.10.3 }, { id: d, address: 127.0.10.4 } ] }
  - { id: big-auth, org: big-dns, kind: authoritative, zones: [example.cn.], nodes: [ { id: ns1, address: 127.0.20.1 } ] }
  - { id: small-auth, org: small-dns, kind: authoritative, zones: [small.cn.], nodes: [ { id: ns1, address: 127.0.21.1 } ] }
  - { id: news-dns, org: news-bj, kind: website-dns, zones: [news.cn.], nodes: [ { id: ns1, address: 127.0.40.1 } ] }
  - { id: gd-resolver, org: telecom, kind: recursive, scope: province, provinces: [GD], nodes: [ { id: r1, address: 127.0.30.1 } ] }
`;

let dir = '';
let config = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dnswarden-grade-'));
  config = join(dir, 'config.yaml');
  await writeFile(config, CONFIG);
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function grade(args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

test('half of the TLD nodes down: grade II, orange, the emergency office', async () => {
  const r = await grade(['--config', config, '--measurements', fixture('tld-half-nodes-down'), '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), {
    ruleset: { id: 'miit-domain-security-2011', version: '1' },
    at: '2026-11-23T08:00:00Z',
    incidents: [{
      system: 'cn-tld', org: 'cn-registry', object: 'tld', grade: 'II', proposedGrade: null, needsConfirmation: false,
      warningLevel: 'orange', commander: { role: 'emergency-office' },
      matched: [{ rule: 'tld-half-nodes-degraded', grade: 'II', detail: '2 of 4 nodes: success rate below 50% (a, b)' }],
      finding: null,
      undetermined: [],
    }],
  });
});

test('registration down 241 min: III', async () => {
  const r = await grade(['-c', config, '-m', fixture('tld-registration-down-241min'), '--json']);
  const incidents = JSON.parse(r.out).incidents;
  assert.deepEqual(incidents.map((i: { grade: string; matched: Array<{ rule: string }> }) => [i.grade, i.matched.map((m) => m.rule)]),
    [['III', ['tld-registration-down-over-4h']]]);
});

test('a healthy snapshot has no incidents', async () => {
  const r = await grade(['--config', config, '--measurements', fixture('healthy'), '--json']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out).incidents, []);
});

test('several systems: each graded, routed and left out when quiet', async () => {
  const r = await grade(['--config', config, '--measurements', fixture('mixed'), '--json']);
  assert.equal(r.code, 0, r.err);
  const got = JSON.parse(r.out).incidents.map((i: Record<string, unknown>) =>
    ({ system: i.system, grade: i.grade, proposedGrade: i.proposedGrade, warningLevel: i.warningLevel, commander: i.commander, finding: i.finding !== null }));
  assert.deepEqual(got, [
    { system: 'big-auth', grade: 'II', proposedGrade: 'I', warningLevel: 'orange', commander: { role: 'emergency-office', provisional: true }, finding: false },
    { system: 'small-auth', grade: null, proposedGrade: null, warningLevel: null, commander: { role: 'self', org: 'small-dns' }, finding: true },
    { system: 'news-dns', grade: null, proposedGrade: 'III', warningLevel: null, commander: { role: 'provincial-authority', province: 'BJ', provisional: true }, finding: false },
    { system: 'gd-resolver', grade: 'III', proposedGrade: null, warningLevel: 'yellow', commander: { role: 'provincial-authority', province: 'GD' }, finding: true },
  ]);
});

test('without --json: a bilingual table', async () => {
  const r = await grade(['--config', config, '--measurements', fixture('mixed')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /级别 grade/);
  assert.match(r.out, /II 重大 serious/);
  assert.match(r.out, /通信管理局 provincial authority GD/);
  assert.match(r.out, /provider-grade1-stopped \[I, 需确认社会影响 needs confirmation\]/);
});

test('a malformed snapshot: exit 2, naming the field', async () => {
  const r = await grade(['--config', config, '--measurements', fixture('malformed-rate'), '--json']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /systems\[0\]\.nodes\[0\]\.successRate: expected number/);
});

test('a missing snapshot file or invalid JSON: exit 2', async () => {
  assert.match((await grade(['-c', config, '-m', join(dir, 'nope.json')])).err, /no such file/);
  await writeFile(join(dir, 'broken.json'), '{"at": ');
  const r = await grade(['-c', config, '-m', join(dir, 'broken.json')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /not valid JSON/);
});

test('rules.ruleset names a YAML file: it is used; a broken one is refused with the rule path', async () => {
  const strict = join(dir, 'strict-rules.yaml');
  await writeFile(strict, 'id: strict\nversion: "7"\nrules:\n  - { id: any-node-slow, object: tld, grade: IV, when: { anyNode: { latency: { gt: 5 } } } }\n');
  const cfg = join(dir, 'config-strict.yaml');
  await writeFile(cfg, `${CONFIG}rules: { ruleset: ./strict-rules.yaml }\n`);
  const r = await grade(['--config', cfg, '--measurements', fixture('healthy'), '--json']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out);
  assert.deepEqual(result.ruleset, { id: 'strict', version: '7' });
  assert.deepEqual(result.incidents.map((i: { system: string; grade: string }) => [i.system, i.grade]), [['cn-tld', 'IV']]);

  await writeFile(strict, 'id: strict\nversion: "7"\nrules:\n  - { id: r, object: tld, grade: IV, when: { anyNode: { latencyMs: { gt: 5 } } } }\n');
  const bad = await grade(['--config', cfg, '--measurements', fixture('healthy'), '--json']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /strict-rules\.yaml:4:\d+: rules\[0\]\.when\.anyNode\.latencyMs: unknown node condition 'latencyMs'/);
});

test('an invalid configuration: exit 2 with its problems', async () => {
  const cfg = join(dir, 'bad-config.yaml');
  await writeFile(cfg, 'organizations: []\nsystems: []\nfoo: 1\n');
  const r = await grade(['--config', cfg, '--measurements', fixture('healthy')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /foo/);
});

test('usage mistakes are UsageErrors (exit 2 through main)', async () => {
  await assert.rejects(grade(['--config', config]), UsageError);
  await assert.rejects(grade(['--measurements', fixture('healthy')]), UsageError);
  await assert.rejects(grade(['--config', config, '--measurements', fixture('healthy'), 'extra']), UsageError);
});

test('the installed executable: JSON only on stdout, exit 0', { timeout: 30_000 }, () => {
  const p = spawnSync(process.execPath, [bin, 'grade', '--config', config, '--measurements', fixture('tld-half-nodes-down'), '--json'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(p.status, 0, p.stderr);
  assert.equal(JSON.parse(p.stdout).incidents[0].grade, 'II');
  const usage = spawnSync(process.execPath, [bin, 'grade', '--config', config], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(usage.status, 2);
  const help = spawnSync(process.execPath, [bin, 'grade', '--help'], { encoding: 'utf8', timeout: 20_000 });
  assert.match(help.stdout, /--measurements/);
});

test('grade applies the evidence rule to a snapshot: one error in 2,500 is undetermined (待定), a census decides exactly', async () => {
  const write = async (name: string, node: Record<string, unknown>) => {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify({ at: '2026-11-23T08:00:00Z', systems: [{ id: 'cn-tld', kind: 'tld', successRate: 1,
      nodes: [{ id: 'a', queries: 2000, successRate: 1, ...node }] }] }));
    return file;
  };
  const one = JSON.parse((await grade(['-c', config, '-m', await write('one.json', { dataChecked: 2500, dataErrors: 1 }), '--json'])).out).incidents;
  assert.equal(one[0].grade, null);
  assert.deepEqual(one[0].undetermined.map((u: { rule: string; grade: string }) => [u.rule, u.grade]),
    [['tld-node-data-errors-over-0.1pct', 'II'], ['tld-node-data-errors-over-0.01pct', 'III']]);
  const table = (await grade(['-c', config, '-m', await write('one.json', { dataChecked: 2500, dataErrors: 1 })])).out;
  assert.match(table, /\? tld-node-data-errors-over-0\.01pct \[III, 待定 undetermined\]: node a: .*1 of 2500 checked/);
  const census = JSON.parse((await grade(['-c', config, '-m', await write('census.json', { dataChecked: 10000, dataErrors: 11, dataCensus: true }), '--json'])).out).incidents;
  assert.equal(census[0].grade, 'II');
  assert.deepEqual(census[0].undetermined, []);
});
