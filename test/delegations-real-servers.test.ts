// The delegation probe against third-party servers (Debian's NSD and Knot) on loopback: NSD serves the
// parent zone cn. (referral for bj.cn. with glue, DS at the parent), Knot the child bj.cn.; the probe
// reads NS, glue, DS and the child NS as they serve them; NSD restarted with another NS set for bj.cn.
// is judged a change at the parent (critical) against the first sighting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { delegationFinding, judgeDelegation, type DelegationSeen } from '../src/core/delegations/delegation-findings.ts';
import type { DelegationTarget } from '../src/core/delegations/delegation-targets.ts';
import { createDnsClient, type InstrumentedDnsClient } from '../src/dns/dns-client.ts';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { findBinary, startKnot, startNsd, type RealServer } from '../src/lab/real-servers.ts';
import { observeDelegation } from '../src/probe/delegation/delegation-probe.ts';
import { skipUnlessCi } from './support/peers.ts';

const missing = ['nsd', 'knotd'].filter((b) => !findBinary(b));
const skip = skipUnlessCi(missing.length ? `peer missing: ${missing.join(', ')} not installed (Debian nsd, knot)` : false);
const DIGEST = 'a'.repeat(64);

const parentZone = (bj: string) => `$ORIGIN cn.
$TTL 300
@ SOA ns.cn. host.cn. 1 3600 600 86400 300
@ NS ns.cn.
ns A 127.0.0.1
${bj}
`;
const ORIGINAL = `bj NS ns1.bj.cn.\nbj NS ns2.bj.cn.\nns1.bj A 127.0.0.1\nns2.bj A 127.0.0.1\nbj DS 4711 13 2 ${DIGEST}`;
const HIJACKED = `bj NS ns1.bj.cn.\nbj NS ns9.evil.cn.\nns1.bj A 127.0.0.1\nns9.evil A 198.51.100.9\nbj DS 4711 13 2 ${DIGEST}`;
const CHILD = `$ORIGIN bj.cn.
$TTL 300
@ SOA ns1 host 1 3600 600 86400 300
@ NS ns1
@ NS ns2
ns1 A 127.0.0.1
ns2 A 127.0.0.1
www A 192.0.2.1
`;

async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = 20000 + Math.floor(Math.random() * 30000);
    if (await canBindUdp('127.0.0.1', p)) return p;
  }
  throw new Error('no free port');
}

describe('delegations on NSD (parent) and Knot (child)', { skip, timeout: 120_000 }, () => {
  let dir = '';
  let nsd: RealServer | undefined;
  let knot: RealServer | undefined;
  let client: InstrumentedDnsClient;
  let target: DelegationTarget;
  let parentPort = 0;
  let first: DelegationSeen;

  const startParent = async (bj: string, sub: string) => {
    const file = path.join(dir, `cn-${sub}.zone`);
    writeFileSync(file, parentZone(bj));
    nsd = await startNsd({ dir: path.join(dir, `nsd-${sub}`), address: '127.0.0.1', port: parentPort, zones: [{ origin: 'cn.', file }] });
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-delegations-real-'));
    parentPort = await freePort();
    const childPort = await freePort();
    const childFile = path.join(dir, 'bj.cn.zone');
    writeFileSync(childFile, CHILD);
    knot = await startKnot({ dir: path.join(dir, 'knot'), address: '127.0.0.1', port: childPort, zones: [{ origin: 'bj.cn.', file: childFile }] });
    await startParent(ORIGINAL, 'a');
    client = createDnsClient();
    target = {
      zone: 'bj.cn.', parent: 'cn.', system: 'bj-auth', org: 'bj-dns',
      parentServers: [{ node: 'nsd', address: '127.0.0.1', port: parentPort }],
      childServers: [{ node: 'knot', address: '127.0.0.1', port: childPort }],
    };
  });

  after(async () => {
    await client?.close();
    await nsd?.stop();
    await knot?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('NSD\'s referral (NS, glue, DS) and Knot\'s apex NS, as the probe reads them', async () => {
    first = await observeDelegation(client, target, 3000);
    assert.deepEqual(first.state, {
      parentNs: ['ns1.bj.cn.', 'ns2.bj.cn.'], glue: { 'ns1.bj.cn.': ['127.0.0.1'], 'ns2.bj.cn.': ['127.0.0.1'] },
      ds: [`4711 13 2 ${DIGEST}`], childNs: ['ns1.bj.cn.', 'ns2.bj.cn.'],
    }, JSON.stringify(first));
    assert.equal(judgeDelegation({ baseline: first.state, baselineSource: 'first-seen', seen: first }).status, 'ok');
  });

  test('NSD restarted with another NS set for bj.cn.: a change at the parent, critical, before and after', async () => {
    await nsd?.stop();
    nsd = undefined;
    await startParent(HIJACKED, 'b');
    const now = await observeDelegation(client, target, 3000);
    assert.deepEqual(now.state.parentNs, ['ns1.bj.cn.', 'ns9.evil.cn.']);
    const f = delegationFinding({
      zone: 'bj.cn.', parent: 'cn.', system: 'bj-auth', org: 'bj-dns', baseline: first.state, baselineSource: 'first-seen',
      baselineAt: '2026-12-04T00:00:00.000Z', seen: now, seenAt: '2026-12-04T00:01:00.000Z',
    }, '2026-12-04T00:01:00.000Z');
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.deepEqual((f.evidence.differences as Array<{ field: string; added: string[]; removed: string[] }>).find((d) => d.field === 'parentNs'),
      { field: 'parentNs', added: ['ns9.evil.cn.'], removed: ['ns2.bj.cn.'] });
  });
});
