import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import {
  canonicalType, canonicalizeRdata, fromPresentation, recordFromPacket, recordToPacket, toPresentation,
  ipv6Bytes,
} from './rdata-codec.ts';

// [type, input text (relative names against zone.lab.), expected canonical text]
const CASES: [string, string, string][] = [
  ['A', '192.0.2.1', '192.0.2.1'],
  ['AAAA', '2001:DB8:0:0::0:1', '2001:db8::1'],
  ['NS', 'NS1', 'ns1.zone.lab.'],
  ['CNAME', 'Target.Example.', 'target.example.'],
  ['PTR', '@', 'zone.lab.'],
  ['MX', '10 mail', '10 mail.zone.lab.'],
  ['SOA', 'ns1 hostmaster ( 2024010101 1h 15m\n 1w 300 )', 'ns1.zone.lab. hostmaster.zone.lab. 2024010101 3600 900 604800 300'],
  ['TXT', '"hello world" "a\\"b\\\\c" plain \\255x', '"hello world" "a\\"b\\\\c" "plain" "\\255x"'],
  ['TXT', '"caf\\195\\169" ""', '"caf\\195\\169" ""'],
  ['SRV', '0 5 5060 sip', '0 5 5060 sip.zone.lab.'],
  ['CAA', '128 issue "letsencrypt.org"', '128 issue "letsencrypt.org"'],
  ['HINFO', '"PC" Linux', '"PC" "Linux"'],
  ['RP', 'admin txt', 'admin.zone.lab. txt.zone.lab.'],
  ['DS', '60485 5 1 2bb183af5f225881 79A53B0A98631FAD1A292118', '60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118'],
  ['DNSKEY', '257 3 8 AwEAAag AIKlVZrpC6Ia7gEzahOR+9W29euxh', '257 3 8 AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxh'],
  ['RRSIG', 'A 8 2 3600 20250101000000 1733011200 12345 example. dGVzdA==',
    'A 8 2 3600 20250101000000 20241201000000 12345 example. dGVzdA=='],
  ['NSEC', 'next A NS SOA RRSIG NSEC TYPE65534', 'next.zone.lab. A NS SOA RRSIG NSEC TYPE65534'],
  ['NSEC3', '1 0 10 aabb 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG', '1 0 10 AABB 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG'],
  ['NSEC3PARAM', '1 0 10 -', '1 0 10 -'],
  ['TLSA', '3 1 1 aabbcc', '3 1 1 AABBCC'],
  ['SSHFP', '1 1 0123456789abcdef', '1 1 0123456789ABCDEF'],
  ['CDS', '1 8 3 ABCD', '1 8 3 ABCD'],
  ['SPF', '"v=spf1 -all"', '"v=spf1 -all"'],
  ['TYPE65534', '\\# 3 0a0b0c', '\\# 3 0A0B0C'],
  ['TYPE65534', '\\# 0', '\\# 0'],
  ['A', '\\# 4 C0000201', '192.0.2.1'],
  ['MX', '\\# 8 000a 046d61696c00', '10 mail.'],
  ['NAPTR', '\\# 2 ABCD', '\\# 2 ABCD'],
];

for (const [type, input, expected] of CASES) {
  test(`codec ${type}: ${input.slice(0, 40)}`, () => {
    assert.equal(canonicalizeRdata(type, input, 'zone.lab.'), expected);
    // round trip through the wire: text → packet → bytes → decoded packet → text
    const rec = { name: 'x.zone.lab.', type: canonicalType(type), ttl: 300, data: expected };
    const wire = dnsPacket.encode({ type: 'response', answers: [recordToPacket(rec) as any] });
    const back = recordFromPacket(dnsPacket.decode(wire).answers![0] as any);
    assert.deepEqual(back, rec);
    // canonical text is a fixed point
    assert.equal(canonicalizeRdata(type, expected), expected);
  });
}

test('codec: recordFromPacket canonicalizes names, types and unknown types', () => {
  const r = recordFromPacket({ name: 'WWW.Lab', type: 'UNKNOWN_65280', ttl: 60, data: new Uint8Array([1, 255]) });
  assert.deepEqual(r, { name: 'www.lab.', type: 'TYPE65280', ttl: 60, data: '\\# 2 01FF' });
  assert.equal(recordFromPacket({ name: '', type: 'NS', data: 'A.ROOT-SERVERS.NET' }).name, '.');
  assert.equal(toPresentation('NS', 'A.ROOT-SERVERS.NET'), 'a.root-servers.net.');
  assert.equal(toPresentation('TXT', 'plain string'), '"plain string"');
});

test('codec: rejects malformed text', () => {
  const bad: [string, string][] = [
    ['A', '192.0.2'], ['A', '1.2.3.4 5.6.7.8'], ['AAAA', '2001:db8::g'], ['MX', '70000 mail.'], ['MX', 'mail.'],
    ['SOA', 'a. b. 1 2 3 4'], ['TXT', ''], ['TXT', `"${'x'.repeat(256)}"`], ['TYPE65534', '\\# 3 0a0b'],
    ['TYPE65534', 'free text'], ['DS', '1 2 3 xyz'], ['DS', '1 8 2 ABCD'], ['DNSKEY', '257 2 8 AAAA'], ['FOO', '1'],
    ['NS', `${'a'.repeat(64)}.lab.`], ['CNAME', 'relative-without-origin'],
  ];
  for (const [type, text] of bad) assert.throws(() => fromPresentation(type, text), Error, `${type} ${text}`);
});

test('codec: type names', () => {
  assert.equal(canonicalType('a'), 'A');
  assert.equal(canonicalType('TYPE1'), 'A');
  assert.equal(canonicalType('type65534'), 'TYPE65534');
  assert.equal(canonicalType('UNKNOWN_99'), 'SPF');
  assert.throws(() => canonicalType('TYPE70000'));
});

test('ipv6Bytes: every text form gives the same 16 octets, an IPv4 tail included', () => {
  assert.equal(ipv6Bytes('2001:db8::1').toString('hex'), '20010db8000000000000000000000001');
  assert.equal(ipv6Bytes('::ffff:1.2.3.4').toString('hex'), '00000000000000000000ffff01020304');
  assert.equal(ipv6Bytes('::').toString('hex'), '0'.repeat(32));
  assert.equal(ipv6Bytes('1:2:3:4:5:6:7:8').toString('hex'), '00010002000300040005000600070008');
  assert.throws(() => ipv6Bytes('1.2.3.4'));
});
