// The built-in authoritative server serving a zone pre-signed by ldns-signzone (src/authserver/
// dnssec-answer.ts): with DO, every answer RRset brings its RRSIGs and negative answers their NSEC
// proofs, so that the probe's check.dnssec finds 0 data errors on the good zone (NXDOMAIN proofs judged
// too) and an unsigned delegation is proven insecure; without DO nothing changes. Windows relative to now.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const dir = mkdtempSync(path.join(tmpdir(), 'dw-auth-dnssec-'));
const ORIGIN = 'sec.test.';
let zone: SignedZone;
let server: AuthServer;
const client = createDnsClient();

before(async () => {
  zone = signZone({ dir, origin: ORIGIN, algorithm: 13, inception: now - 3600, expiration: now + 10 * 86400, text: [
    '@ 300 IN SOA ns1 hostmaster 1 3600 600 86400 300', '@ 300 IN NS ns1', 'ns1 300 IN A 127.0.0.1',
    'www 300 IN A 192.0.2.1', 'www 300 IN AAAA 2001:db8::1', 'a.b.c 300 IN TXT "deep"', 'mail 300 IN MX 10 www',
    'child 300 IN NS ns.child', 'ns.child 300 IN A 192.0.2.53',
  ].join('\n') });
  server = await startAuthServerFromFiles({ zoneFiles: [{ origin: ORIGIN, file: zone.file }], address: '127.0.0.1', port: 0 });
});
after(async () => { await client.close(); await server?.close(); rmSync(dir, { recursive: true, force: true }); });

const ask = (name: string, type: string, dnssecOk = true) =>
  client.query({ address: '127.0.0.1', port: server.port, name, type, timeoutMs: 5000, dnssecOk });

async function keys() {
  const a = await ask(ORIGIN, 'DNSKEY');
  const rrs = fromZoneRecords(a.answer);
  const v = verifyZoneKeys(ORIGIN, rrs.filter((r) => r.type === 48), rrs.filter((r) => r.type === 46), parseTrustAnchor(zone.dsText).anchor, { now });
  assert.equal(v.status, 'secure', v.detail);
  return v.keys!;
}

test('answers, NXDOMAIN (also below an empty non-terminal) and NODATA validate; a delegation without DS is proven insecure', async () => {
  const k = await keys();
  const check = async (name: string, type: string, status = 'secure') => {
    const a = await ask(name, type);
    const v = validateAnswer({ qname: name, qtype: type, rcode: a.rcode!, answer: a.answer, authority: a.authority }, k, { now });
    assert.equal(v.status, status, `${name} ${type} ${a.rcode}: ${v.reason} ${v.detail ?? ''}`);
  };
  await check(`www.${ORIGIN}`, 'A');
  await check(`mail.${ORIGIN}`, 'MX');
  await check(`nope.${ORIGIN}`, 'A');
  await check(`zz.${ORIGIN}`, 'A');
  await check(`x.b.c.${ORIGIN}`, 'A');
  await check(`www.${ORIGIN}`, 'TXT');
  await check(`b.c.${ORIGIN}`, 'A'); // empty non-terminal: NODATA
  const referral = await ask(`www.child.${ORIGIN}`, 'A');
  assert.equal(referral.aa, false);
  assert.equal(validateNoDs(`child.${ORIGIN}`, fromZoneRecords(referral.authority), k, { now }).status, 'insecure');
});

test('without DO the answers carry no RRSIG', async () => {
  const a = await ask(`www.${ORIGIN}`, 'A', false);
  assert.deepEqual(a.answer.map((r) => r.type), ['A']);
  const nx = await ask(`nope.${ORIGIN}`, 'A', false);
  assert.deepEqual(nx.authority.map((r) => r.type), ['SOA']);
});

test('the probe with check.dnssec and sample all: 0 data errors, every RRset and the NXDOMAIN proof judged', async () => {
  const system = authSystem('sec', [ORIGIN], [{ id: 'n1', address: '127.0.0.1', port: server.port }], { truth: { zonefile: zone.file }, dnssec: true });
  const snap = await runProbeCycle(probeConfig([system]), { client, truth: new CachedTruthProvider(), now: () => new Date(now * 1000) });
  const node = snap.systems[0].nodes[0];
  assert.equal(node.succeeded, node.queries);
  assert.equal(node.dataErrors, 0, JSON.stringify(node.dataErrorSamples));
  assert.equal(snap.findings!.filter((f) => f.kind.startsWith('dnssec-')).length, 0);
});

test('a referral without DS whose NSEC lost its signature is one data error; an NXDOMAIN without its covering NSEC is bogus', async () => {
  const file = path.join(dir, 'broken.zone');
  // the NSEC at child.sec.test. without its RRSIG; the NSEC covering "nope" (and its signature) removed
  writeFileSync(file, readFileSync(zone.file, 'utf8').split('\n')
    .filter((l) => !/^child\.sec\.test\.\s+\d+\s+IN\s+RRSIG\s+NSEC\s/.test(l) && !/^mail\.sec\.test\.\s+\d+\s+IN\s+(NSEC|RRSIG\s+NSEC)\s/.test(l)).join('\n'));
  const broken = await startAuthServerFromFiles({ zoneFiles: [{ origin: ORIGIN, file }], address: '127.0.0.1', port: 0 });
  try {
    const system = authSystem('sec', [ORIGIN], [{ id: 'n1', address: '127.0.0.1', port: broken.port }],
      { truth: { zonefile: zone.file }, dnssec: true, nxdomainCheck: false });
    const snap = await runProbeCycle(probeConfig([system]), { client, truth: new CachedTruthProvider(), now: () => new Date(now * 1000) });
    const node = snap.systems[0].nodes[0];
    assert.deepEqual(node.dataErrorSamples!.map((x) => [x.name, x.type, x.reason?.split(':')[0]]), [['child.sec.test.', 'DS', 'dnssec missing-signature']]);
    assert.equal(node.dataErrors, 1);
    const k = await keys();
    const nx = await client.query({ address: '127.0.0.1', port: broken.port, name: `nope.${ORIGIN}`, type: 'A', timeoutMs: 5000, dnssecOk: true });
    const v = validateAnswer({ qname: `nope.${ORIGIN}`, qtype: 'A', rcode: nx.rcode!, answer: nx.answer, authority: nx.authority }, k, { now });
    assert.equal(v.status, 'bogus');
  } finally {
    await broken.close();
  }
});
