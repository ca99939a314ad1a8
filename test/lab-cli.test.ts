// The bundled lab end to end, through the real CLI: `lab up` on a random high port in a temp folder,
// `validate` on the config it wrote, probe cycles with and without injected faults, `lab down`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { labConfigOptions, labConfigText, type LabConfigOptions } from '../src/lab/lab-config.ts';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { isAlive, readLabState, readPid, type LabState } from '../src/lab/lab-state.ts';
import { LAB_NODES } from '../src/lab/lab-topology.ts';
import type { Snapshot } from '../src/core/snapshot.ts';

const BIN = fileURLToPath(new URL('../bin/dnswarden.mjs', import.meta.url));

interface CliResult { code: number; stdout: string; stderr: string }

function cli(args: string[], timeoutMs = 180_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function freeLabPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const free = await Promise.all(LAB_NODES.map((n) => canBindUdp(n.address, port)));
    if (free.every(Boolean)) return port;
  }
  throw new Error('no free port for the lab');
}

type Node = Snapshot['systems'][number]['nodes'][number];

describe('dnswarden lab (built-in servers + resolver)', { timeout: 600_000 }, () => {
  let dir = '';
  let port = 0;
  let state: LabState;

  const writeVariant = (name: string, extra: Partial<LabConfigOptions>): string => {
    const file = path.join(dir, name);
    writeFileSync(file, labConfigText(labConfigOptions(port, { token: 'lab-test-token-0123456789', ...extra })));
    return file;
  };
  const probe = async (configFile: string): Promise<Snapshot & { keyDomains?: Array<{ status: string; node: string }> }> => {
    const r = await cli(['probe', '--config', configFile, '--once', '--json']);
    assert.equal(r.code, 0, `probe failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const nodeOf = (snap: Snapshot, system: string, id: string): Node => {
    const node = snap.systems.find((s) => s.id === system)?.nodes.find((n) => n.id === id);
    assert.ok(node, `${system}/${id} missing from the snapshot`);
    return node;
  };
  const fault = async (...args: string[]): Promise<{ tampered?: number; node: { faults: Record<string, unknown> } }> => {
    const r = await cli(['lab', 'fault', ...args, '--dir', dir, '--json']);
    assert.equal(r.code, 0, `lab fault ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-lab-'));
    port = await freeLabPort();
    const up = await cli(['lab', 'up', '--dir', dir, '--port', String(port)], 60_000);
    assert.equal(up.code, 0, `lab up failed: ${up.stderr}`);
    state = readLabState(dir)!;
  });

  after(async () => {
    if (dir) {
      await cli(['lab', 'down', '--dir', dir], 30_000);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lab up wrote a valid config and is idempotent', async () => {
    assert.equal(state.port, port);
    const validate = await cli(['validate', path.join(dir, 'dnswarden.yaml')]);
    assert.equal(validate.code, 0, validate.stderr);
    const again = await cli(['lab', 'up', '--dir', dir, '--port', String(port)]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already running/);
    const status = await cli(['lab', 'status', '--dir', dir, '--json']);
    const parsed = JSON.parse(status.stdout) as { running: boolean; nodes: Array<{ key: string; answers: boolean }> };
    assert.equal(parsed.running, true);
    assert.equal(parsed.nodes.length, LAB_NODES.length);
    assert.ok(parsed.nodes.every((n) => n.answers), JSON.stringify(parsed.nodes));
  });

  test('no faults: every node of every system succeeds with zero data errors', async () => {
    const snap = await probe(writeVariant('all.yaml', { sample: 'all', inFlight: 256 }));
    const ids = snap.systems.map((s) => s.id).sort();
    assert.deepEqual(ids, ['big-dns-auth', 'bj-resolver', 'gov-dns', 'lab-tld', 'news-dns']);
    for (const system of snap.systems) {
      assert.ok(system.nodes.length > 0, system.id);
      for (const node of system.nodes) {
        assert.ok(node.queries > 0, `${system.id}/${node.id} sent no queries`);
        assert.equal(node.successRate, 1, `${system.id}/${node.id}: ${JSON.stringify(node.failures)}`);
        assert.equal(node.dataErrors, 0, `${system.id}/${node.id}: ${JSON.stringify(node.dataErrorSamples)}`);
        assert.equal(node.keyDomainErrors, 0);
      }
    }
    // With sample: all the TLD check covers every record of the zone (4,000+), not just delegations.
    assert.ok(nodeOf(snap, 'lab-tld', 'a').dataChecked >= 4000);
  });

  test('the resolver answers the key domain www.gov.lab with the authoritative data', async () => {
    const client = createDnsClient();
    try {
      const resolver = state.nodes.find((n) => n.role === 'resolver')!;
      const a = await client.query({ address: resolver.address, port, name: 'www.gov.lab.', type: 'A', timeoutMs: 5000, recursionDesired: true });
      const aaaa = await client.query({ address: resolver.address, port, name: 'www.gov.lab.', type: 'AAAA', timeoutMs: 5000, recursionDesired: true });
      assert.equal(a.rcode, 'NOERROR');
      assert.equal(a.ra, true);
      assert.deepEqual(a.answer.filter((r) => r.type === 'A').map((r) => r.data), ['203.0.113.5']);
      assert.deepEqual(aaaa.answer.filter((r) => r.type === 'AAAA').map((r) => r.data), ['2001:db8:50::80']);
    } finally {
      await client.close();
    }
  });

  test('drop 0.3 on node b: its success rate is near 0.7, the others stay at 1', async () => {
    const reply = await fault('b', 'drop', '0.3');
    assert.equal(reply.node.faults.dropRate, 0.3);
    try {
      // 1,000 queries: the standard deviation of the rate is 0.0145, so ±0.1 is about 7 sigmas.
      const snap = await probe(writeVariant('drop.yaml', { sample: 200, sampleBySystem: { 'lab-tld': 1000 }, inFlight: 1000 }));
      const b = nodeOf(snap, 'lab-tld', 'b');
      assert.ok(b.queries >= 1000, `only ${b.queries} queries`);
      assert.ok(Math.abs(b.successRate - 0.7) < 0.1, `node b success rate ${b.successRate}`);
      assert.ok((b.failures?.timeout ?? 0) > 0);
      for (const id of ['a', 'c', 'd']) assert.equal(nodeOf(snap, 'lab-tld', id).successRate, 1, id);
    } finally {
      await fault('b', 'clear');
    }
  });

  test('delay 6s on node c: its median response time is above 5 s', async () => {
    await fault('c', 'delay', '6s');
    try {
      const snap = await probe(writeVariant('delay.yaml', { sample: 20, sampleBySystem: { 'lab-tld': 10 }, inFlight: 64 }));
      const c = nodeOf(snap, 'lab-tld', 'c');
      assert.ok(c.latencyMs, 'node c has no answered queries');
      assert.ok(c.latencyMs.p50 > 5000, `p50 ${c.latencyMs.p50} ms`);
      assert.equal(c.successRate, 1, 'a 6 s answer is within the 10 s timeout');
      assert.ok(nodeOf(snap, 'lab-tld', 'a').latencyMs!.p50 < 5000);
    } finally {
      await fault('c', 'clear');
    }
  });

  test('tamper 0.001 on node d: dataErrors equal the tampered count the fault command reported', async () => {
    const reply = await fault('d', 'tamper', '0.001', '--seed', '7');
    assert.ok((reply.tampered ?? 0) >= 2, `tampered ${reply.tampered}`);
    try {
      const snap = await probe(writeVariant('tamper.yaml', { sample: 'all', inFlight: 256 }));
      assert.equal(nodeOf(snap, 'lab-tld', 'd').dataErrors, reply.tampered);
      for (const id of ['a', 'b', 'c']) assert.equal(nodeOf(snap, 'lab-tld', id).dataErrors, 0, id);
    } finally {
      await fault('d', 'clear');
    }
  });

  test('bad fault commands are usage errors', async () => {
    assert.equal((await cli(['lab', 'fault', 'zz', 'drop', '0.1', '--dir', dir])).code, 2);
    assert.equal((await cli(['lab', 'fault', 'b', 'drop', '1.5', '--dir', dir])).code, 2);
    assert.equal((await cli(['lab', 'fault', 'b', 'explode', '--dir', dir])).code, 2);
  });

  test('lab down leaves no process behind', async () => {
    const daemon = readPid(path.join(dir, 'lab.pid'));
    const unbound = readPid(path.join(dir, 'unbound.pid'));
    assert.ok(isAlive(daemon));
    const down = await cli(['lab', 'down', '--dir', dir], 30_000);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(isAlive(daemon), false, 'the daemon still runs');
    if (unbound !== undefined) assert.equal(isAlive(unbound), false, 'unbound still runs');
    assert.equal(existsSync(path.join(dir, 'lab.pid')), false);
    const status = await cli(['lab', 'status', '--dir', dir]);
    assert.equal(status.code, 3);
  });
});
