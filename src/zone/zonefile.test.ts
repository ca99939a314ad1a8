import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZoneFileError, parseZoneFile } from './zonefile.ts';
import type { Zone } from './zone-types.ts';
import { skipPeer } from '../../test/support/peers.ts';

const FEATURES = `$TTL 1h
@ IN SOA ns1 hostmaster ( 2024010101 ; serial
   1h 15m 1w 300 )
  IN NS ns1
  NS ns2.other.test.
ns1 300 IN A 192.0.2.1
   IN AAAA 2001:DB8::1
WWW IN 60 A 192.0.2.10
 A 192.0.2.11
txt TXT "hello; not a comment" "quote\\"d" \\065bc ; trailing comment
mail MX 10 mail
mail A 192.0.2.25
big TYPE65534 \\# 2 ABCD
$ORIGIN sub.lab.
deep CNAME www.lab.
$TTL 2d
x SRV 0 5 80 www.lab.
caa.lab. 1d IN CAA 0 issue "ca.example"
`;

const lines = (z: Zone): string[] => z.records.map((r) => `${r.name} ${r.ttl} ${r.type} ${r.data}`);

test('zonefile: RFC 1035 features', () => {
  const z = parseZoneFile(FEATURES, { origin: 'lab' });
  assert.equal(z.origin, 'lab.');
  assert.deepEqual(lines(z), [
    'lab. 3600 SOA ns1.lab. hostmaster.lab. 2024010101 3600 900 604800 300',
    'lab. 3600 NS ns1.lab.',
    'lab. 3600 NS ns2.other.test.',
    'ns1.lab. 300 A 192.0.2.1',
    'ns1.lab. 3600 AAAA 2001:db8::1',
    'www.lab. 60 A 192.0.2.10',
    'www.lab. 60 A 192.0.2.11', // second record of the RRset takes the RRset's first TTL
    'txt.lab. 3600 TXT "hello; not a comment" "quote\\"d" "Abc"',
    'mail.lab. 3600 MX 10 mail.lab.',
    'mail.lab. 3600 A 192.0.2.25',
    'big.lab. 3600 TYPE65534 \\# 2 ABCD',
    'deep.sub.lab. 3600 CNAME www.lab.',
    'x.sub.lab. 172800 SRV 0 5 80 www.lab.',
    'caa.lab. 86400 CAA 0 issue "ca.example"',
  ]);
});

test('zonefile: TTL from previous record when there is no $TTL, duplicates dropped', () => {
  const z = parseZoneFile('@ 600 SOA a. b. 1 2 3 4 5\n@ NS a.\na A 192.0.2.1\na A 192.0.2.1\n', { origin: 'x.' });
  assert.deepEqual(lines(z), ['x. 600 SOA a. b. 1 2 3 4 5', 'x. 600 NS a.', 'a.x. 600 A 192.0.2.1']);
});

const SOA = '@ 60 SOA a. b. 1 2 3 4 5\n@ NS a.\n';
const ERRORS: [string, RegExp][] = [
  [`${SOA}$INCLUDE other.zone\n`, /z\.zone:3: \$INCLUDE is refused/],
  [`${SOA}a IN A 300.1.1.1\n`, /z\.zone:3: bad IPv4/],
  [`${SOA}\n\na CH TXT "x"\n`, /z\.zone:5: class CH/],
  [`${SOA}a A (192.0.2.1\n`, /unbalanced/],
  [`${SOA}a TXT "open\n`, /z\.zone:3: unterminated/],
  [`${SOA}a BOGUS 1\n`, /unknown record type "BOGUS"/],
  [`${SOA}a.other. A 192.0.2.1\n`, /outside the zone/],
  [`${SOA}a CNAME b\na A 192.0.2.1\n`, /z\.zone:4: A at a\.lab\. next to a CNAME/],
  ['a A 192.0.2.1\n', /no TTL/],
  [`${SOA}`.replace('@ NS a.\n', ''), /no NS records/],
  ['$TTL 1h\na A 192.0.2.1\n@ NS a.\n', /no SOA/],
  [`${SOA}$GENERATE 1-2 a$ A 192.0.2.$\n`, /\$GENERATE/],
];
for (const [text, re] of ERRORS) {
  test(`zonefile: error ${re}`, () => {
    assert.throws(() => parseZoneFile(text, { origin: 'lab.', file: 'z.zone' }), (e: unknown) => {
      assert.ok(e instanceof ZoneFileError, String(e));
      assert.match(e.message, re);
      return true;
    });
  });
}

const has = (bin: string): boolean => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;

// A real zone: signed by ldns-signzone (NSEC3, RRSIG, DNSKEY), then dumped by BIND's named-checkzone -D.
// Both must parse to the same set of records.
test('zonefile: agrees with named-checkzone -D on a DNSSEC-signed zone', (t) => {
  if (!has('named-checkzone') || !has('ldns-signzone') || !has('ldns-keygen')) {
    skipPeer(t, 'peer missing: named-checkzone (Debian bind9) or ldns-signzone/ldns-keygen (Debian ldnsutils) not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'zonefile-test-'));
  try {
    // ldns wants TTL before class; the rest of the feature zone is kept
    const unsigned = FEATURES.replace('WWW IN 60 A', 'WWW 60 IN A')
      .replace('deep CNAME www.lab.\n', 'deep CNAME www.lab.\nchild NS ns.child\nns.child A 192.0.2.53\n');
    writeFileSync(join(dir, 'lab.zone'), unsigned);
    const key = execFileSync('ldns-keygen', ['-a', 'ED25519', 'lab.'], { cwd: dir }).toString().trim();
    execFileSync('ldns-signzone', ['-n', '-o', 'lab.', 'lab.zone', key], { cwd: dir });
    const signedText = readFileSync(join(dir, 'lab.zone.signed'), 'utf8');
    const dump = execFileSync('named-checkzone', ['-D', '-o', '-', 'lab.', 'lab.zone.signed'], { cwd: dir }).toString();
    const ours = parseZoneFile(signedText, { origin: 'lab.', file: 'lab.zone.signed' });
    const bind = parseZoneFile(dump, { origin: 'lab.', file: 'named-checkzone-dump' });
    const sorted = (z: Zone): string[] => lines(z).sort();
    assert.ok(ours.records.some((r) => r.type === 'NSEC3') && ours.records.some((r) => r.type === 'RRSIG'));
    assert.ok(ours.records.length > 30, `only ${ours.records.length} records`);
    assert.deepEqual(sorted(ours), sorted(bind));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
