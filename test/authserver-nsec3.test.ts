// The built-in authoritative server serving NSEC3 denial from a zone pre-signed by ldns-signzone -n
// (src/authserver/dnssec-nsec3.ts): with DO, NXDOMAIN carries the closest encloser proof (matching
// encloser, covered next closer, covered wildcard), NODATA the NSEC3 of the name (an empty non-terminal's
// too), a delegation without DS the NSEC3 of the cut (ldns-signzone hashes it with -p too; a cut without one
// gets the closest encloser proof). Under opt-out every span is opt-out: a name error is then insecure. Checked with the validator and through the probe's check.dnssec.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAuthServerFromFiles, type AuthServer } from '../src/authserver/auth-server.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { signZone, type SignedZone } from '../src/lab/dnssec-signer.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import { parseTrustAnchor, fromZoneRecords } from '../src/dnssec/records.ts';
import { verifyZoneKeys } from '../src/dnssec/zone-keys.ts';
import { validateAnswer } from '../src/dnssec/validate-answer.ts';
import { validateNoDs } from '../src/dnssec/denial.ts';

const now = Math.floor(Date.now() / 1000);
const dir = mkdtempSync(path.join(tmpdir(), 'dw-auth-nsec3-'));
const client = createDnsClient();
const CASES = [{ origin: 'n3.test.', optOut: false }, { origin: 'oo.test.', optOut: true }];
const served = new Map<string, { zone: SignedZone; server: AuthServer }>();

before(async () => {
  for (const c of CASES) {
    const zone = signZone({ dir: path.join(dir, c.origin), origin: c.origin, algorithm: 13, inception: now - 3600, expiration: now + 10 * 86400,
      nsec3: { salt: 'AB12', iterations: 1, optOut: c.optOut }, text: [
        '@ 300 IN SOA ns1 hostmaster 1 3600 600 86400 300', '@ 300 IN NS ns1', 'ns1 300 IN A 127.0.0.1',
        'www 300 IN A 192.0.2.1', 'www 300 IN AAAA 2001:db8::1', 'a.b.c 300 IN TXT "deep"', 'mail 300 IN MX 10 www',
        'child 300 IN NS ns.child', 'ns.child 300 IN A 192.0.2.53',
      ].join('\n') });
    const server = await startAuthServerFromFiles({ zoneFiles: [{ origin: c.origin, file: zone.file }], address: '127.0.0.1', port: 0 });
    served.set(c.origin, { zone, server });
  }
});
after(async () => {
  await client.close();
  for (const s of served.values()) await s.server.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const { origin, optOut } of CASES) {
  test(`${origin} (NSEC3${optOut ? ', opt-out' : ''}): NXDOMAIN, NODATA, empty non-terminal and the unsigned delegation validate`, async () => {
    const { zone, server } = served.get(origin)!;
    const ask = (name: string, type: string) => client.query({ address: '127.0.0.1', port: server.port, name, type, timeoutMs: 5000, dnssecOk: true });
    const dnskey = fromZoneRecords((await ask(origin, 'DNSKEY')).answer);
    const v = verifyZoneKeys(origin, dnskey.filter((r) => r.type === 48), dnskey.filter((r) => r.type === 46), parseTrustAnchor(zone.dsText).anchor, { now });
    assert.equal(v.status, 'secure', v.detail);
    const check = async (name: string, type: string, status = 'secure') => {
      const a = await ask(name, type);
      const r = validateAnswer({ qname: name, qtype: type, rcode: a.rcode!, answer: a.answer, authority: a.authority }, v.keys!, { now });
      assert.equal(r.status, status, `${name} ${type} ${a.rcode}: ${r.reason} ${r.detail ?? ''} ${a.authority.map((x) => x.type).join(',')}`);
      return a;
    };
    // every span of an opt-out chain is opt-out: a name error is then only insecure (RFC 5155 §9.2)
    const nxStatus = optOut ? 'insecure' : 'secure';
    const nx = await check(`nope.${origin}`, 'A', nxStatus);
    assert.equal(nx.rcode, 'NXDOMAIN');
    assert.ok(nx.authority.filter((r) => r.type === 'NSEC3').length >= 2, 'encloser and next closer (the wildcard may share one)');
    await check(`x.y.z.${origin}`, 'A', nxStatus);
    await check(`x.b.c.${origin}`, 'A', nxStatus);
    await check(`www.${origin}`, 'TXT');
    await check(`b.c.${origin}`, 'A'); // empty non-terminal: NODATA with its own NSEC3
    await check(`www.${origin}`, 'A');
    const referral = await ask(`www.child.${origin}`, 'A');
    assert.equal(referral.aa, false);
    const noDs = validateNoDs(`child.${origin}`, fromZoneRecords(referral.authority), v.keys!, { now });
    assert.equal(noDs.status, 'insecure', `${noDs.reason} ${noDs.detail ?? ''}`);
    assert.equal(noDs.reason, 'no-ds');
    await check(`child.${origin}`, 'DS'); // NODATA proven by the cut's NSEC3 (ldns-signzone -p hashes the cut too)
  });

  test(`${origin}: the probe with check.dnssec and sample all finds 0 data errors`, async () => {
    const { zone, server } = served.get(origin)!;
    const system = authSystem('n3', [origin], [{ id: 'n1', address: '127.0.0.1', port: server.port }], { truth: { zonefile: zone.file }, dnssec: true });
    const snap = await runProbeCycle(probeConfig([system]), { client, truth: new CachedTruthProvider(), now: () => new Date(now * 1000) });
    const node = snap.systems[0].nodes[0];
    assert.equal(node.succeeded, node.queries);
    assert.equal(node.dataErrors, 0, JSON.stringify(node.dataErrorSamples));
    assert.ok(node.dataChecked > 10);
    assert.equal(snap.findings!.filter((f) => f.kind.startsWith('dnssec-')).length, 0, JSON.stringify(snap.findings));
  });
}
