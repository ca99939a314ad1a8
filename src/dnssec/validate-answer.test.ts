import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateZoneKey, signRRset } from './sign.ts';
import { validateAnswer } from './validate-answer.ts';
import { fromZoneRecord } from './records.ts';
import { VerifyCache } from './validate-rrset.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';
import { toBase64 } from '../zone/presentation-text.ts';

// Answers as the DNS client returns them (ZoneRecords), signatures from the test signer, windows from now.
const now = Math.floor(Date.now() / 1000);
const k = generateZoneKey(13, 256), other = generateZoneKey(13, 256);
const keys = { zone: 'lab.', keys: [{ tag: k.tag, algorithm: 13, flags: 256, rdata: k.rdata }] };
const rec = (name: string, type: string, data: string): ZoneRecord => ({ name, type, ttl: 300, data });

function sigRecord(records: ZoneRecord[], zone: string, key = k): ZoneRecord {
  const r = signRRset(records.map(fromZoneRecord), key, { zone, inception: now - 60, expiration: now + 600 });
  const d = Buffer.from(r.rdata);
  // Presentation text of the RRSIG, as the client would give it.
  const signerEnd = 18 + d.subarray(18).indexOf(0) + 1;
  return rec(records[0].name, 'RRSIG', `${records[0].type} 13 ${d[3]} 300 ${d.readUInt32BE(8)} ${d.readUInt32BE(12)} ${d.readUInt16BE(16)} ${zone} ${toBase64(d.subarray(signerEnd))}`);
}

test('a signed answer is secure with its expiry; an alias into another zone is left for the resolver', () => {
  const a = [rec('www.lab.', 'A', '192.0.2.1')];
  const cname = [rec('x.lab.', 'CNAME', 'www.sub.lab.')];
  const target = [rec('www.sub.lab.', 'A', '192.0.2.9')];
  const cache = new VerifyCache();
  const v = validateAnswer({ qname: 'www.lab.', qtype: 'A', rcode: 'NOERROR', answer: [...a, sigRecord(a, 'lab.')], authority: [] }, keys, { now, cache });
  assert.deepEqual([v.status, v.expiresAt, v.rrsets.length], ['secure', now + 600, 1]);
  const alias = validateAnswer({ qname: 'x.lab.', qtype: 'A', rcode: 'NOERROR',
    answer: [...cname, sigRecord(cname, 'lab.'), ...target, sigRecord(target, 'sub.lab.', other)], authority: [] }, keys, { now, cache });
  assert.deepEqual([alias.status, alias.otherZone], ['secure', ['www.sub.lab.']]);
});

test('a changed record is bogus, a denial without proof is bogus', () => {
  const a = [rec('www.lab.', 'A', '192.0.2.1')];
  const v = validateAnswer({ qname: 'www.lab.', qtype: 'A', rcode: 'NOERROR', answer: [rec('www.lab.', 'A', '192.0.2.66'), sigRecord(a, 'lab.')], authority: [] }, keys, { now });
  assert.deepEqual([v.status, v.reason, v.rrsets[0].reason], ['bogus', 'bad-signature', 'bad-signature']);
  const nx = validateAnswer({ qname: 'nx.lab.', qtype: 1, rcode: 'NXDOMAIN', answer: [], authority: [] }, keys, { now });
  assert.deepEqual([nx.status, nx.reason], ['bogus', 'bad-denial']);
});

test('hostile RDATA never throws: random RRSIG, NSEC, NSEC3, DNSKEY, DS octets give bogus', () => {
  let seed = 12345;
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const blob = (): Uint8Array => Uint8Array.from({ length: rand(120) }, () => rand(256));
  const a = { name: 'www.lab.', type: 1, ttl: 300, rdata: Uint8Array.from([192, 0, 2, 1]) };
  for (let i = 0; i < 3000; i++) {
    const junk = [46, 47, 50, 48, 43].map((type) => ({ name: i % 2 ? 'www.lab.' : 'x.lab.', type, ttl: 300, rdata: blob() }));
    const v = validateAnswer({ qname: 'www.lab.', qtype: 1, rcode: 'NOERROR', answer: [a, ...junk], authority: junk }, keys, { now });
    assert.equal(v.status, 'bogus');
    const d = validateAnswer({ qname: 'nx.lab.', qtype: 1, rcode: 'NXDOMAIN', answer: [], authority: junk }, keys, { now });
    assert.equal(d.status, 'bogus');
  }
});
