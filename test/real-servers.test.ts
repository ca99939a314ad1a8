// The lab's zone files served by real servers: NSD, Knot and BIND (named) as authoritative nodes, a
// real Unbound as the recursive system. dnswarden probes them all: success rate 1 and zero data errors
// everywhere; an NSD serving a copy of lab.zone with 3 records changed shows exactly 3 data errors
// against the original truth; an NSD serving a copy with records deleted and RRsets partly missing
// (or grown) shows the exact data errors and failed queries each causes. Skipped (naming the missing
// peer) only when a binary is missing — and then the run fails in CI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { labConfigText, type SystemNodeSpec } from '../src/lab/lab-config.ts';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { findBinary, startKnot, startNsd, type RealServer } from '../src/lab/real-servers.ts';
import { writeLabZones } from '../src/lab/lab-zones.ts';
import { findUnbound, startUnbound, type UnboundProcess } from '../src/lab/unbound.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import { findNamed, startNamed, type BindServer } from './support/bind-server.ts';
import { skipUnlessCi } from './support/peers.ts';

const BIN = fileURLToPath(new URL('../bin/dnswarden.mjs', import.meta.url));
const ADDR = { nsdTld: '127.0.60.1', knotTld: '127.0.60.2', nsdSld: '127.0.60.3', knotSld: '127.0.60.4', unbound: '127.0.60.5', nsdEdited: '127.0.60.6', nsdTrimmed: '127.0.60.7' };
/** named listens only on addresses of an interface: 127.0.0.1, on ports of its own. */
const BIND_ADDRESS = '127.0.0.1';
const SLD_ZONES = ['example.lab.', 'news.lab.', 'gov.lab.'];

const missing = ['nsd (Debian nsd)', 'knotd (Debian knot)'].filter((b) => !findBinary(b.split(' ')[0]))
  .concat(findUnbound() ? [] : ['unbound (Debian unbound)'], findNamed() ? [] : ['named (Debian bind9)']);
const skip = skipUnlessCi(missing.length ? `peer missing: ${missing.join(', ')} not installed` : false);

/** Names added to the truth (lab.zone) for the trimmed copy to delete or change. */
const TRUTH_EXTRA = [
  'multi-a.lab. 300 IN A 198.51.100.11', 'multi-a.lab. 300 IN A 198.51.100.12', 'multi-a.lab. 300 IN A 198.51.100.13',
  'partial.lab. 300 IN A 198.51.100.21', 'partial.lab. 300 IN AAAA 2001:db8:ff::21',
  'gone.lab. 300 IN A 198.51.100.31', 'gone.lab. 300 IN TXT "gone"',
  'grown.lab. 300 IN A 198.51.100.41',
];
/**
 * The trimmed copy: one record of a 3-record RRset deleted (1 data error, the query succeeds); a
 * name's A RRset deleted while its AAAA stays (NODATA: 1 data error, 1 wrong answer); a name deleted
 * whole (NXDOMAIN for its A and TXT: 2 data errors, 2 unexpected NXDOMAINs); a record added to an
 * RRset (1 data error, the query succeeds).
 */
const TRIMMED_SERVED = [
  'multi-a.lab. 300 IN A 198.51.100.11', 'multi-a.lab. 300 IN A 198.51.100.13',
  'partial.lab. 300 IN AAAA 2001:db8:ff::21',
  'grown.lab. 300 IN A 198.51.100.41', 'grown.lab. 300 IN A 198.51.100.42',
];
const TRIMMED_PROBLEMS = ['gone.lab. A missing', 'gone.lab. TXT missing', 'grown.lab. A different', 'multi-a.lab. A different', 'partial.lab. A missing'];

/** The three records changed in the edited copy: owner, type, original data → new data. */
const EDITS = [
  { name: 'shop-0020.lab.', type: 'A', to: '192.0.2.201' },
  { name: 'bank-0003.lab.', type: 'A', to: '192.0.2.202' },
  { name: 'cloud-0104.lab.', type: 'A', to: '192.0.2.203' },
];

function editZone(text: string): string {
  let out = text;
  for (const e of EDITS) {
    const line = new RegExp(`^${e.name.replace(/\./g, '\\.')} (\\d+) IN ${e.type} (\\S+)$`, 'm');
    const match = line.exec(out);
    assert.ok(match, `record ${e.name} ${e.type} not in the zone`);
    assert.notEqual(match[2], e.to);
    out = out.replace(line, `${e.name} $1 IN ${e.type} ${e.to}`);
  }
  return out;
}

function probe(configFile: string): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, 'probe', '--config', configFile, '--once', '--json'], { timeout: 180_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`probe failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as Snapshot);
    });
  });
}

describe('real servers: NSD, Knot, BIND and Unbound serving the lab zones', { skip, timeout: 300_000 }, () => {
  let dir = '';
  let port = 0;
  const servers: Array<RealServer | BindServer> = [];
  const bindPort = { tld: 0, sld: 0 };
  let unbound: UnboundProcess | undefined;
  let zoneFile: Record<string, string> = {};

  const configFor = (name: string, tldNodes: SystemNodeSpec[]): string => {
    const sld = [{ id: 'nsd', address: ADDR.nsdSld, port }, { id: 'knot', address: ADDR.knotSld, port }, { id: 'bind', address: BIND_ADDRESS, port: bindPort.sld }];
    const file = path.join(dir, name);
    writeFileSync(file, labConfigText({
      nodes: { 'lab-tld': tldNodes, 'big-dns-auth': sld, 'news-dns': sld, 'gov-dns': sld, 'bj-resolver': [{ id: 'unbound', address: ADDR.unbound, port }] },
      zoneFiles: zoneFile, sample: 'all', inFlight: 256, token: 'real-servers-test-token-0123',
    }));
    return file;
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-real-'));
    for (let i = 0; i < 50 && port === 0; i++) {
      const p = 20000 + Math.floor(Math.random() * 20000);
      if ((await Promise.all(Object.values(ADDR).map((a) => canBindUdp(a, p)))).every(Boolean)) port = p;
    }
    assert.ok(port > 0, 'no free port');
    for (const which of ['tld', 'sld'] as const) {
      for (let i = 0; i < 50 && bindPort[which] === 0; i++) {
        const p = 40000 + Math.floor(Math.random() * 20000);
        if (p !== bindPort.tld && await canBindUdp(BIND_ADDRESS, p)) bindPort[which] = p;
      }
      assert.ok(bindPort[which] > 0, `no free port on ${BIND_ADDRESS} for named`);
    }
    zoneFile = Object.fromEntries(writeLabZones(dir).map((z) => [z.origin, z.path]));
    const original = readFileSync(zoneFile['lab.'], 'utf8');
    appendFileSync(zoneFile['lab.'], `; added by test/real-servers.test.ts\n${TRUTH_EXTRA.join('\n')}\n`);
    const edited = path.join(dir, 'zones', 'lab-edited.zone');
    writeFileSync(edited, editZone(readFileSync(zoneFile['lab.'], 'utf8')));
    const trimmed = path.join(dir, 'zones', 'lab-trimmed.zone');
    writeFileSync(trimmed, `${original}${TRIMMED_SERVED.join('\n')}\n`);
    const sld = SLD_ZONES.map((origin) => ({ origin, file: zoneFile[origin] }));
    const tld = [{ origin: 'lab.', file: zoneFile['lab.'] }];
    servers.push(...await Promise.all([
      startNsd({ dir: path.join(dir, 'nsd-tld'), address: ADDR.nsdTld, port, zones: tld }),
      startKnot({ dir: path.join(dir, 'knot-tld'), address: ADDR.knotTld, port, zones: tld }),
      startNsd({ dir: path.join(dir, 'nsd-sld'), address: ADDR.nsdSld, port, zones: sld }),
      startKnot({ dir: path.join(dir, 'knot-sld'), address: ADDR.knotSld, port, zones: sld }),
      startNsd({ dir: path.join(dir, 'nsd-edited'), address: ADDR.nsdEdited, port, zones: [{ origin: 'lab.', file: edited }] }),
      startNsd({ dir: path.join(dir, 'nsd-trimmed'), address: ADDR.nsdTrimmed, port, zones: [{ origin: 'lab.', file: trimmed }] }),
      startNamed({ dir: path.join(dir, 'named-tld'), address: BIND_ADDRESS, port: bindPort.tld, zones: tld }),
      startNamed({ dir: path.join(dir, 'named-sld'), address: BIND_ADDRESS, port: bindPort.sld, zones: sld }),
    ]));
    mkdirSync(path.join(dir, 'unbound'));
    const at = (...addrs: string[]) => addrs.map((a) => `${a}@${port}`);
    unbound = await startUnbound({
      dir: path.join(dir, 'unbound'), address: ADDR.unbound, port,
      stubs: { 'lab.': [...at(ADDR.nsdTld, ADDR.knotTld), `${BIND_ADDRESS}@${bindPort.tld}`],
        ...Object.fromEntries(SLD_ZONES.map((z) => [z, [...at(ADDR.nsdSld, ADDR.knotSld), `${BIND_ADDRESS}@${bindPort.sld}`]])) },
    });
  });

  after(async () => {
    await Promise.allSettled([...servers.map((s) => s.stop()), unbound?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every node of every system (NSD, Knot, BIND, Unbound): success rate 1, zero data errors, key domain right', async () => {
    const snap = await probe(configFor('real.yaml', [{ id: 'nsd', address: ADDR.nsdTld, port }, { id: 'knot', address: ADDR.knotTld, port },
      { id: 'bind', address: BIND_ADDRESS, port: bindPort.tld }]));
    assert.equal(snap.systems.length, 5);
    for (const id of ['lab-tld', 'big-dns-auth', 'news-dns', 'gov-dns']) {
      assert.deepEqual(snap.systems.find((s) => s.id === id)!.nodes.map((n) => n.id), ['nsd', 'knot', 'bind'], `${id}: NSD, Knot and BIND side by side`);
    }
    for (const system of snap.systems) {
      for (const node of system.nodes) {
        assert.ok(node.queries > 0, `${system.id}/${node.id} sent no queries`);
        assert.equal(node.successRate, 1, `${system.id}/${node.id}: ${JSON.stringify(node.failures)}`);
        assert.equal(node.dataErrors, 0, `${system.id}/${node.id}: ${JSON.stringify(node.dataErrorSamples)}`);
        assert.equal(node.keyDomainErrors, 0, `${system.id}/${node.id}`);
      }
    }
    const tld = snap.systems.find((s) => s.id === 'lab-tld')!;
    for (const node of tld.nodes) assert.ok(node.dataChecked >= 4000 && node.dataCensus, `${node.id} checked ${node.dataChecked}`);
  });

  test('an NSD serving lab.zone with 3 records changed shows exactly 3 data errors', async () => {
    const snap = await probe(configFor('edited.yaml', [{ id: 'edited', address: ADDR.nsdEdited, port }, { id: 'original', address: ADDR.nsdTld, port }]));
    const tld = snap.systems.find((s) => s.id === 'lab-tld')!;
    const edited = tld.nodes.find((n) => n.id === 'edited')!;
    assert.equal(edited.successRate, 1);
    assert.equal(edited.dataErrors, 3, JSON.stringify(edited.dataErrorSamples));
    const names = (edited.dataErrorSamples ?? []).map((s) => s.name).sort();
    assert.deepEqual(names, EDITS.map((e) => e.name).sort());
    assert.equal(tld.nodes.find((n) => n.id === 'original')!.dataErrors, 0);
  });

  test('an NSD serving lab.zone with records deleted and RRsets partly missing: exact data errors and failed queries', async () => {
    const snap = await probe(configFor('trimmed.yaml', [{ id: 'trimmed', address: ADDR.nsdTrimmed, port }, { id: 'original', address: ADDR.nsdTld, port }]));
    const tld = snap.systems.find((s) => s.id === 'lab-tld')!;
    const trimmed = tld.nodes.find((n) => n.id === 'trimmed')!;
    const original = tld.nodes.find((n) => n.id === 'original')!;
    assert.ok(trimmed.dataCensus, 'every unit of the truth was queried once');
    assert.equal(trimmed.queries, original.queries);
    assert.equal(trimmed.dataErrors, 5, JSON.stringify(trimmed.dataErrorSamples));
    assert.deepEqual(trimmed.failures, { 'wrong-answer': 1, 'nxdomain-unexpected': 2 });
    assert.equal(trimmed.succeeded, trimmed.queries - 3);
    assert.deepEqual((trimmed.dataErrorSamples ?? []).map((s) => `${s.name} ${s.type} ${s.problem}`).sort(), TRIMMED_PROBLEMS);
    assert.equal(original.dataErrors, 0, JSON.stringify(original.dataErrorSamples));
    assert.equal(original.successRate, 1, JSON.stringify(original.failures));
  });
});
