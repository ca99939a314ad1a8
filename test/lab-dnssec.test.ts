// Must show (issue 10): each DNSSEC lab fault gives its finding. `lab up` signs gov.lab. (ldns-signzone,
// served by the built-in server with DO) and puts its DS in lab.; the lab's config gives gov-dns
// check.dnssec. Probed with `sample: all` on gov-dns: 0 data errors and no DNSSEC finding at first;
// `gov-dns expire-signatures` → every RRset and the NXDOMAIN proof are data errors, dnssec-bogus and a
// critical dnssec-expiring; `gov-dns strip-rrsigs` → every RRset but the DNSKEY set; `lab-tld wrong-ds`
// → dnssec-ds-mismatch on gov.lab.; `clear` / `off` restores. lab. is signed too, its DS the lab's trust
// anchor: `dnswarden dnssec www.gov.lab` through a TLD node validates lab. → gov.lab. (bogus when the
// signatures are expired). Windows relative to the lab's `now`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { trustAnchorFile } from '../src/lab/lab-dnssec.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { runProbeCycle, type ProbeSnapshot } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { TLD_ADDRESSES } from '../src/lab/lab-topology.ts';
import { freeLabPort, runCli } from './platform-harness.ts';

describe('the lab signs gov.lab.; its DNSSEC faults give their findings', { timeout: 180_000 }, () => {
  let dir = '';
  let config: ResolvedConfig;
  let allRRsets = 0;
  const client = createDnsClient();
  const truth = new CachedTruthProvider();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-lab-dnssec-'));
    const port = await freeLabPort();
    await labUp({ dir, port, resolver: 'forwarder', readyTimeoutMs: 30_000 });
    const file = path.join(dir, 'probe.yaml');
    writeFileSync(file, labConfigText(labConfigOptions(port, { sample: 20, sampleBySystem: { 'gov-dns': 'all' }, timeout: '5.5s', dnssec: true })));
    config = await loadConfig(file);
    const gov = (await truth.truthFor(config.systems.find((s) => s.id === 'gov-dns')!))!;
    allRRsets = gov.units.length + 1 + 1; // every unit, the apex SOA, the NXDOMAIN proof
  });
  after(async () => {
    await client.close();
    if (dir) { await labDown(dir).catch(() => undefined); rmSync(dir, { recursive: true, force: true }); }
  });

  const probe = () => runProbeCycle(config, { client, truth });
  const gov = (s: ProbeSnapshot) => s.systems.find((x) => x.id === 'gov-dns')!.nodes[0];
  const kinds = (s: ProbeSnapshot) => s.findings!.filter((f) => f.kind.startsWith('dnssec-')).map((f) => `${f.kind} ${f.system} ${f.node ?? f.subject}`).sort();

  test('lab up: gov.lab. signed, the trust anchor written, its DS in lab.; the config checks DNSSEC; clean probe', async () => {
    assert.ok(existsSync(trustAnchorFile(dir)));
    assert.match(readFileSync(trustAnchorFile(dir), 'utf8').trim(), /^lab\.\s+(\d+\s+)?IN\s+DS\s+\d+ 13 2 /, 'lab. is signed: the anchor is its DS');
    const labZone = readFileSync(path.join(dir, 'zones', 'lab.zone'), 'utf8');
    assert.match(labZone, /^gov\.lab\.\s+\d+\s+IN\s+DS\s+\d+ 13 2 /m);
    assert.match(labZone, /^gov\.lab\.\s+\d+\s+IN\s+RRSIG\s+DS 13 /m);
    assert.match(readFileSync(path.join(dir, 'dnswarden.yaml'), 'utf8'), /dnssec: true/);
    const s = await probe();
    assert.equal(gov(s).dataErrors, 0, JSON.stringify(gov(s).dataErrorSamples));
    assert.equal(gov(s).succeeded, gov(s).queries);
    assert.deepEqual(kinds(s), []);
    const report = s.dnssec!.find((z) => z.zone === 'gov.lab.')!;
    assert.equal(report.status, 'secure');
    assert.equal(report.dsMatch, true);
    assert.equal(report.parent, 'lab.');
  });

  test('dnswarden dnssec www.gov.lab from the lab trust anchor through a TLD node: secure (lab. → gov.lab.); bogus under expire-signatures', async () => {
    const args = ['dnssec', 'www.gov.lab', '--trust-anchor', trustAnchorFile(dir), '--server', `${TLD_ADDRESSES[0]}:${config.systems[0].nodes[0].port}`, '--json'];
    const ok = await runCli(args);
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    const r = JSON.parse(ok.stdout);
    assert.equal(r.status, 'secure');
    assert.deepEqual(r.chain.map((c: { zone: string; status: string }) => [c.zone, c.status]), [['lab.', 'secure'], ['gov.lab.', 'secure']]);
    assert.match(r.answer.join('\n'), /^www\.gov\.lab\.\s+\d+\s+IN\s+A\s+/m);
    await labFault(dir, 'gov-dns', 'expire-signatures');
    try {
      const bad = await runCli(args);
      assert.equal(bad.code, 1, bad.stdout);
      assert.equal(JSON.parse(bad.stdout).reason, 'signature-expired');
    } finally {
      await labFault(dir, 'gov-dns', 'expire-signatures', 'off');
    }
  });

  test('expire-signatures: every RRset and the NXDOMAIN proof are data errors; dnssec-bogus, dnssec-expiring', async () => {
    const reply = await labFault(dir, 'gov-dns', 'expire-signatures');
    assert.equal(reply.node?.faults.dnssec, 'expire-signatures');
    const s = await probe();
    assert.equal(gov(s).dataErrors, allRRsets, JSON.stringify(gov(s).dataErrorSamples?.slice(0, 3)));
    assert.ok(gov(s).dataErrorSamples!.every((x) => x.reason?.startsWith('dnssec signature-expired')));
    assert.deepEqual(kinds(s), ['dnssec-bogus gov-dns ns1'], 'the truth is still valid: no zone finding');
    assert.deepEqual(s.dnssec!.find((z) => z.zone === 'gov.lab.')!.bogusNodes?.map((n) => [n.node, n.reason]), [['ns1', 'signature-expired']]);
    await labFault(dir, 'gov-dns', 'expire-signatures', 'off');
    assert.equal(gov(await probe()).dataErrors, 0);
  });

  test('strip-rrsigs: every RRset but the DNSKEY set (it keeps its signature) is a data error', async () => {
    await labFault(dir, 'gov-dns', 'strip-rrsigs');
    const s = await probe();
    assert.equal(gov(s).dataErrors, allRRsets - 1);
    assert.ok(gov(s).dataErrorSamples!.some((x) => x.reason?.startsWith('dnssec missing-signature')));
    assert.ok(kinds(s).includes('dnssec-bogus gov-dns ns1'));
    await labFault(dir, 'gov-dns/ns1', 'clear');
    assert.equal(gov(await probe()).dataErrors, 0);
  });

  test('wrong-ds at the TLD: dnssec-ds-mismatch on gov.lab.; clear restores', async () => {
    await labFault(dir, 'lab-tld', 'wrong-ds');
    const s = await probe();
    assert.deepEqual(kinds(s), ['dnssec-ds-mismatch gov-dns gov.lab.']);
    const f = s.findings!.find((x) => x.kind === 'dnssec-ds-mismatch')!;
    assert.equal(f.severity, 'critical');
    assert.equal(gov(s).dataErrors, 0, 'the zone itself is fine');
    for (const n of ['a', 'b', 'c', 'd']) await labFault(dir, n, 'wrong-ds', 'off');
    assert.deepEqual(kinds(await probe()), []);
  });
});
