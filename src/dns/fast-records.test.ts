import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { fastRecord, ipv6Text } from './fast-records.ts';
import { walkPacket, type RrSpan } from './packet-guard.ts';
import { encodeQuery } from './response-match.ts';
import { canonicalIPv6, recordFromPacket } from '../zone/rdata-codec.ts';
import { mutate, seedPackets, seededRandom } from '../../test/fuzz/dns-response-mutator.ts';

/** The general path: dns-packet's decoder, exact RDLENGTH, recordFromPacket; null where it refuses. */
function slowRecord(buf: Uint8Array, span: RrSpan): ReturnType<typeof recordFromPacket> | null {
  try {
    const rr = dnsPacket.answer.decode(buf, span.start);
    if ((dnsPacket.answer.decode as unknown as { bytes: number }).bytes !== span.end - span.start) return null;
    return recordFromPacket(rr);
  } catch {
    return null;
  }
}

const spans = (buf: Uint8Array): RrSpan[] => {
  const l = walkPacket(buf);
  return [...l.answers, ...l.authorities, ...l.additionals];
};

test('IPv6 text equals canonicalIPv6 (RFC 5952 / WHATWG) for addresses with zero runs', () => {
  const rnd = seededRandom(7);
  for (let k = 0; k < 5000; k++) {
    const b = new Uint8Array(16);
    for (let i = 0; i < 8; i++) {
      const r = rnd();
      if (r < 0.3) b[2 * i + 1] = Math.floor(rnd() * 256) % 3;
      else if (r < 0.5) { b[2 * i] = Math.floor(rnd() * 256); b[2 * i + 1] = Math.floor(rnd() * 256); }
    }
    const hex = Buffer.from(b).toString('hex').match(/.{4}/g)!.join(':');
    assert.equal(ipv6Text(b, 0), canonicalIPv6(hex), hex);
  }
});

test('each fast-path type decodes exactly as dns-packet + recordFromPacket', () => {
  const records = [
    { name: 'WWW.Lab', type: 'A', ttl: 300, data: '1.2.3.4' },
    { name: 'lab', type: 'AAAA', ttl: 7, data: '2001:db8::1' },
    { name: 'lab', type: 'AAAA', ttl: 7, data: '::' },
    { name: 'x.lab', type: 'NS', ttl: 1, data: 'NS1.Example.LAB' },
    { name: 'x.lab', type: 'CNAME', ttl: 1, data: 'lab' },
    { name: 'x.lab', type: 'MX', ttl: 1, data: { preference: 10, exchange: 'Mx.lab' } },
    { name: 'lab', type: 'SOA', ttl: 4294967295, data: { mname: 'a.nic.lab', rname: 'h.lab', serial: 4294967295, refresh: 1, retry: 2, expire: 3, minimum: 4 } },
    { name: 'lab', type: 'TXT', ttl: 1, data: ['a "q" \\ b', new Uint8Array([0, 9, 99, 200, 32]), ''] },
    { name: 'lab', type: 'TXT', ttl: 1, data: [] },
    { name: '.', type: 'NS', ttl: 1, data: '.' },
    { name: 'lab', type: 'PTR', ttl: 5, data: 'x.y' },
    { name: 'lab', type: 'DNAME', ttl: 5, data: 'x.y' },
  ];
  const pkt = dnsPacket.encode({ type: 'response', id: 1, questions: [{ name: 'lab', type: 'A', class: 'IN' }],
    answers: records as never, authorities: records as never });
  let fast = 0;
  for (const span of spans(pkt)) {
    const got = fastRecord(pkt, span);
    assert.notEqual(got, null, `type ${span.type} at ${span.start} should take the fast path`);
    assert.deepEqual(got, slowRecord(pkt, span));
    fast++;
  }
  assert.equal(fast, records.length * 2);
});

test('labels with non-ASCII, dot or backslash octets and other types are left to the general path', () => {
  const pkt = dnsPacket.encode({ type: 'response', id: 1, questions: [{ name: 'lab', type: 'A', class: 'IN' }], answers: [
    { name: 'caf\u00e9.lab', type: 'A', ttl: 1, data: '192.0.2.11' },
    { name: 'lab', type: 'CNAME', ttl: 1, data: 'a\\b.lab' },
    { name: 'lab', type: 'SRV', ttl: 1, data: { priority: 1, weight: 2, port: 3, target: 'x.lab' } },
  ] as never });
  for (const span of spans(pkt)) assert.equal(fastRecord(pkt, span), null);
});

test('on fuzzed responses the fast path either declines or agrees with the general path', () => {
  const rnd = seededRandom(20260101);
  const seeds = seedPackets();
  let agreed = 0;
  for (let i = 0; i < 20_000; i++) {
    const buf = mutate(seeds, rnd);
    let list: RrSpan[];
    try { list = spans(buf); } catch { continue; }
    for (const span of list) {
      if (span.type === 41) continue;
      const got = fastRecord(buf, span);
      if (got === null) continue;
      assert.deepEqual(got, slowRecord(buf, span), `packet ${Buffer.from(buf).toString('hex')} span ${span.start}`);
      agreed++;
    }
  }
  assert.ok(agreed > 1000, `only ${agreed} records took the fast path`);
});

test('the hand-written query encoding is octet for octet what dns-packet produces', () => {
  const names = ['lab.', 'lab', 'www.Lab.', '.', '_srv._tcp.example.', 'a\\.b.lab.', 'we-ird*.lab.', `${'x'.repeat(63)}.lab.`];
  const types: Array<[string, number]> = [['A', 1], ['AAAA', 28], ['TYPE65534', 65534], ['soa', 6]];
  for (const name of names) {
    for (const [type, code] of types) {
      for (const flags of [{}, { dnssecOk: true, recursionDesired: true, checkingDisabled: true }]) {
        const q = { address: '127.0.0.1', port: 53, name, type, timeoutMs: 1, ...flags };
        const got = encodeQuery(q);
        let f = 0;
        if ('recursionDesired' in flags) f |= dnsPacket.RECURSION_DESIRED | dnsPacket.CHECKING_DISABLED;
        const want = dnsPacket.encode({ type: 'query', id: 0, flags: f, questions: [{ name, type: 'A', class: 'IN' }],
          additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 'dnssecOk' in flags ? dnsPacket.DNSSEC_OK : 0 } as never] });
        const questionEnd = 12 + dnsPacket.name.encodingLength(name) + 4;
        want[questionEnd - 4] = code >> 8;
        want[questionEnd - 3] = code & 0xff;
        assert.deepEqual([...got.wire], [...want], `${name} ${type}`);
        assert.equal(got.questionEnd, questionEnd);
      }
    }
  }
  assert.throws(() => encodeQuery({ address: '127.0.0.1', port: 53, name: 'a..lab.', type: 'A', timeoutMs: 1 }), /invalid label/);
  assert.throws(() => encodeQuery({ address: '127.0.0.1', port: 53, name: `${'x'.repeat(64)}.lab.`, type: 'A', timeoutMs: 1 }), /invalid label/);
});
