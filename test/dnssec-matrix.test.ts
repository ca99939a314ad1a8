// Must show (issue 10): on a matrix built on real NSD, the validator's verdict equals a validating
// Unbound's (AD → secure, SERVFAIL → bogus, answer without AD → insecure) and ldns-verify-zone's (zone
// files checked with the parent's published DS) — secure, expired, not yet valid, wrong DS, missing
// RRSIG, bad signature, NSEC and NSEC3 denial (NXDOMAIN and NODATA), NSEC3 opt-out, wildcards, an
// unsigned delegation, CNAMEs across zones, a glue-less delegation, and every algorithm (8, 10, 13, 14,
// 15, 16) both secure and with a record changed under its signature. Validity windows are computed from
// the test's own `now`; everything runs on 127.83.0.x.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { resolveAndValidate } from '../src/dnssec/iterate.ts';
import { parseTrustAnchor } from '../src/dnssec/records.ts';
import { VerifyCache } from '../src/dnssec/validate-rrset.ts';
import { validateZone } from '../src/dnssec/validate-answer.ts';
import { fromZoneRecords } from '../src/dnssec/records.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { ldnsVerifyZone } from '../src/lab/dnssec-signer.ts';
import { ADDR, buildWorld } from './support/dnssec-world.ts';
import type { ChildSpec, World } from './support/dnssec-world.ts';

const now = Math.floor(Date.now() / 1000);
const wild = '* 300 IN A 192.0.2.7\n* 300 IN TXT "wild"\n';
const SPECS: ChildSpec[] = [
  ...[8, 10, 13, 14, 15, 16].map((algorithm) => ({ name: `a${algorithm}`, algorithm, extra: `ns2 300 IN A ${ADDR.children}\n` })),
  { name: 'oob', ns: 'ns2.a13.lab.' },
  // Per algorithm, a record changed under its signature.
  ...[8, 10, 13, 14, 15, 16].map((algorithm): ChildSpec => ({ name: `b${algorithm}`, algorithm,
    edit: (t) => t.replace(new RegExp(`^(www\\.b${algorithm}\\.lab\\.\\s+\\d+\\s+IN\\s+A\\s+)192\\.0\\.2\\.1$`, 'm'), '$1192.0.2.99') })),
  { name: 'n3a15', algorithm: 15, nsec3: { salt: 'BEEF', iterations: 1 } },
  { name: 'exp', window: 'expired' },
  { name: 'nyv', window: 'not-yet-valid' },
  { name: 'wds', wrongDs: true },
  { name: 'nosig', edit: (t) => t.split('\n').filter((l) => !/^www\.nosig\.lab\.\s+\d+\s+IN\s+RRSIG\s+A\s/.test(l)).join('\n') },
  { name: 'badsig', edit: (t) => t.replace(/^(www\.badsig\.lab\.\s+\d+\s+IN\s+A\s+)192\.0\.2\.1$/m, '$1192.0.2.99') },
  { name: 'nsec', extra: 'x8 300 IN CNAME www.a8.lab.\nxu 300 IN CNAME www.uns.lab.\nxe 300 IN CNAME www.exp.lab.\n' },
  // www's NSEC (and its signature) removed: the NXDOMAIN for x.bden.lab. lacks its covering NSEC.
  { name: 'bden', edit: (t) => t.split('\n').filter((l) => !/^www\.bden\.lab\.\s+\d+\s+IN\s+(NSEC|RRSIG\s+NSEC)\s/.test(l)).join('\n') },
  { name: 'n3', nsec3: { salt: 'AB12', iterations: 0 } },
  { name: 'oo', nsec3: { iterations: 0, optOut: true } },
  { name: 'hi', nsec3: { iterations: 200 } },
  { name: 'wc', extra: wild },
  { name: 'wc3', nsec3: { salt: '01', iterations: 0 }, extra: wild },
  { name: 'uns', signed: false },
];
const NESTED = [{ parent: 'oo.lab.', child: 'ins.oo.lab.' }];

interface Case { name: string; type: string; status: 'secure' | 'insecure' | 'bogus'; reason?: string; zone?: string }
const CASES: Case[] = [
  ...[8, 10, 13, 14, 15, 16].map((a): Case => ({ name: `www.a${a}.lab.`, type: 'A', status: 'secure', zone: `a${a}.lab.` })),
  { name: 'www.n3a15.lab.', type: 'AAAA', status: 'secure', zone: 'n3a15.lab.' },
  ...[8, 10, 13, 14, 15, 16].map((a): Case => ({ name: `www.b${a}.lab.`, type: 'A', status: 'bogus', reason: 'bad-signature', zone: `b${a}.lab.` })),
  { name: 'www.oob.lab.', type: 'A', status: 'secure', zone: 'oob.lab.' },
  { name: 'www.exp.lab.', type: 'A', status: 'bogus', reason: 'signature-expired', zone: 'exp.lab.' },
  { name: 'www.nyv.lab.', type: 'A', status: 'bogus', reason: 'signature-not-yet-valid', zone: 'nyv.lab.' },
  { name: 'www.wds.lab.', type: 'A', status: 'bogus', reason: 'no-matching-ds', zone: 'wds.lab.' },
  { name: 'www.nosig.lab.', type: 'A', status: 'bogus', reason: 'missing-signature', zone: 'nosig.lab.' },
  { name: 'www.badsig.lab.', type: 'A', status: 'bogus', reason: 'bad-signature', zone: 'badsig.lab.' },
  { name: 'nx.nsec.lab.', type: 'A', status: 'secure', zone: 'nsec.lab.' },
  { name: 'www.nsec.lab.', type: 'TXT', status: 'secure' },
  { name: 'x.bden.lab.', type: 'A', status: 'bogus', reason: 'bad-denial' },
  { name: 'x8.nsec.lab.', type: 'A', status: 'secure' },
  { name: 'xu.nsec.lab.', type: 'A', status: 'insecure' },
  { name: 'xe.nsec.lab.', type: 'A', status: 'bogus', reason: 'signature-expired' },
  { name: 'a.b.nx.nsec.lab.', type: 'A', status: 'secure' },
  { name: 'nx.n3.lab.', type: 'A', status: 'secure', zone: 'n3.lab.' },
  { name: 'www.n3.lab.', type: 'TXT', status: 'secure' },
  { name: 'www.n3a15.lab.', type: 'TXT', status: 'secure' },
  { name: 'www.ins.oo.lab.', type: 'A', status: 'insecure', zone: 'oo.lab.' },
  { name: 'nx.oo.lab.', type: 'A', status: 'insecure' },
  { name: 'nx.hi.lab.', type: 'A', status: 'insecure', reason: 'nsec3-iterations' },
  { name: 'www.hi.lab.', type: 'A', status: 'secure', zone: 'hi.lab.' },
  { name: 'www.oo.lab.', type: 'A', status: 'secure' },
  { name: 'anything.wc.lab.', type: 'A', status: 'secure', zone: 'wc.lab.' },
  { name: 'x.y.wc.lab.', type: 'TXT', status: 'secure' },
  { name: 'anything.wc.lab.', type: 'MX', status: 'secure' },
  { name: 'anything.wc3.lab.', type: 'A', status: 'secure', zone: 'wc3.lab.' },
  { name: 'anything.wc3.lab.', type: 'MX', status: 'secure' },
  { name: 'www.uns.lab.', type: 'A', status: 'insecure' },
  { name: 'nx.lab.', type: 'A', status: 'secure', zone: 'lab.' },
];

let world: World;
before(async () => { world = await buildWorld(path.join(tmpdir(), `dw-dnssec-matrix-${process.pid}`), now, SPECS, NESTED); });
after(async () => {
  await world?.stop();
  if (world) rmSync(world.dir, { recursive: true, force: true });
});

/** Unbound's verdict: AD=1 secure, SERVFAIL bogus, otherwise insecure (a query with DO and AD). */
function unboundVerdict(name: string, type: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    const id = Math.floor(Math.random() * 65535);
    const timer = setTimeout(() => { sock.close(); reject(new Error(`unbound: no answer for ${name} ${type}`)); }, 8000);
    sock.on('message', (msg) => {
      const p = dnsPacket.decode(msg) as any;
      if (p.id !== id) return;
      clearTimeout(timer); sock.close();
      resolve(p.rcode === 'SERVFAIL' ? 'bogus' : p.flag_ad ? 'secure' : 'insecure');
    });
    const q = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
      questions: [{ type: type as any, name: name.slice(0, -1), class: 'IN' }],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: dnsPacket.DNSSEC_OK } as any] });
    sock.send(q, world.port, ADDR.unbound);
  });
}

test("validator = Unbound on every case of the matrix", async (t) => {
  const client = createDnsClient({ udpSockets: 4 });
  const anchor = parseTrustAnchor(readFileSync(world.anchorFile, 'utf8'));
  try {
    for (const c of CASES) {
      const mine = await resolveAndValidate({ name: c.name, type: c.type, anchor, servers: [{ address: ADDR.parent, port: world.port }],
        client, ctx: { now, cache: new VerifyCache() } });
      const label = `${c.name} ${c.type}: ${JSON.stringify(mine)}`;
      assert.equal(mine.status, c.status, label);
      if (c.reason) assert.equal(mine.reason, c.reason, label);
      const ub = await unboundVerdict(c.name, c.type);
      t.diagnostic(`${c.name} ${c.type}: validator ${mine.status}${mine.reason ? ` (${mine.reason})` : ""}, Unbound ${ub}`);
      assert.equal(ub, mine.status, `Unbound vs validator on ${label}`);
    }
  } finally {
    await client.close();
  }
});

test('validator = ldns-verify-zone on every signed zone of the matrix (with the parent\'s published DS)', () => {
  for (const zone of new Set(CASES.map((c) => c.zone).filter((z): z is string => !!z))) {
    const z = world.zones.get(zone)!;
    const dsText = zone === 'lab.' ? readFileSync(world.anchorFile, 'utf8') : world.publishedDs.get(zone);
    if (!dsText) continue; // unsigned zones: their parent's proof is checked with the parent
    const dsFile = path.join(world.dir, `${zone}ds`);
    writeFileSync(dsFile, `${dsText}\n`);
    const records = fromZoneRecords(parseZoneFile(readFileSync(z.file, 'utf8'), { origin: zone }).records);
    const mine = validateZone(zone, records, parseTrustAnchor(dsText).anchor, { now, cache: new VerifyCache() });
    const ldns = ldnsVerifyZone(z.file, dsFile);
    assert.equal(mine.status === 'secure', ldns.ok, `${zone}: validator ${JSON.stringify({ ...mine, failures: mine.failures.slice(0, 2) })}, ldns: ${ldns.output.slice(0, 300)}`);
    const expected = CASES.find((c) => c.zone === zone)!;
    assert.equal(mine.status, expected.status === 'insecure' ? 'secure' : expected.status, zone);
    if (expected.reason) assert.equal(mine.reason, expected.reason, zone);
  }
});

test('dnswarden dnssec --json: the contract shape and exit codes', () => {
  const cli = (name: string) => spawnSync(process.execPath, ['bin/dnswarden.mjs', 'dnssec', name, '--trust-anchor', world.anchorFile,
    '--server', `${ADDR.parent}:${world.port}`, '--json'], { encoding: 'utf8', timeout: 30_000 });
  const ok = cli('www.a13.lab');
  assert.equal(ok.status, 0, ok.stderr);
  const out = JSON.parse(ok.stdout);
  assert.deepEqual([out.name, out.type, out.status, out.reason], ['www.a13.lab.', 'A', 'secure', null]);
  assert.deepEqual(out.chain.map((s: any) => [s.zone, s.status, s.algorithms]), [['lab.', 'secure', [13]], ['a13.lab.', 'secure', [13]]]);
  assert.match(out.chain[1].signaturesExpireAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(out.answer, ['www.a13.lab. 300 IN A 192.0.2.1']);
  const bad = cli('www.exp.lab');
  assert.equal(bad.status, 1);
  assert.equal(JSON.parse(bad.stdout).reason, 'signature-expired');
  const human = spawnSync(process.execPath, ['bin/dnswarden.mjs', 'dnssec', 'nx.n3.lab', '--type', 'TXT', '--trust-anchor', world.anchorFile,
    '--server', `${ADDR.parent}:${world.port}`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /^nx\.n3\.lab\. TXT: secure\n  lab\. secure algorithms 13 keys signed until \S+Z\n  n3\.lab\. secure/);
  const usage = spawnSync(process.execPath, ['bin/dnswarden.mjs', 'dnssec'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});
