// Seeds and mutators for fuzzing the DNS client's response path (used by bench/fuzz-dns-client.ts and
// test/dns-client-fuzz.test.ts). Deterministic for a given seed. Every packet answers FUZZ_QUERY with
// FUZZ_ID, so mutations reach past the ID/question checks into the body most of the time.
import { createHash } from 'node:crypto';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { encodeQuery, setQueryId, type EncodedQuery } from '../../src/dns/response-match.ts';
import { skipName, walkPacket } from '../../src/dns/packet-guard.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';

export const FUZZ_ID = 0x1234;
export const FUZZ_NAME = 'fuzz.example.';
export const FUZZ_QUERY: EncodedQuery = (() => {
  const q = encodeQuery({ address: '127.0.0.1', port: 53, name: FUZZ_NAME, type: 'A', timeoutMs: 1000 });
  setQueryId(q.wire, FUZZ_ID);
  return q;
})();

export { seededRandom } from '../../src/core/seeded-random.ts';

export const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');

/** Replaces owner names equal to the question name by a pointer to offset 12, as real servers do. */
function compressOwners(buf: Uint8Array): Uint8Array {
  const qname = buf.subarray(12, FUZZ_QUERY.questionEnd - 4);
  const parts: Uint8Array[] = [buf.subarray(0, FUZZ_QUERY.questionEnd)];
  const layout = walkPacket(buf);
  for (const rr of [...layout.answers, ...layout.authorities, ...layout.additionals]) {
    const ownerEnd = skipName(buf, rr.start);
    const owner = buf.subarray(rr.start, ownerEnd);
    const same = owner.length === qname.length && owner.every((b, i) => b === qname[i]);
    parts.push(same ? Uint8Array.of(0xc0, 0x0c) : owner, buf.subarray(ownerEnd, rr.end));
  }
  return new Uint8Array(Buffer.concat(parts)); // plain Uint8Array: Buffer#slice would not copy
}

function response(answers: object[], authorities: object[] = [], additionals: object[] = [], flags: number = dnsPacket.AUTHORITATIVE_ANSWER, rcode = 0): Uint8Array {
  const buf = dnsPacket.encode({
    type: 'response', id: FUZZ_ID, flags: flags | rcode,
    questions: [{ name: FUZZ_NAME, type: 'A', class: 'IN' }],
    answers: answers as never, authorities: authorities as never,
    additionals: [...additionals, { type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0x8000, options: [] }] as never,
  });
  return compressOwners(buf);
}

const rr = (type: string, data: unknown, name = FUZZ_NAME): object => ({ name, type, class: 'IN', ttl: 300, data });

/** Well-formed responses covering the record types the client decodes. */
export function seedPackets(): Uint8Array[] {
  const soa = { mname: 'ns1.example.', rname: 'hostmaster.example.', serial: 1, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 };
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff);
  return [
    response([rr('A', '192.0.2.1'), rr('A', '192.0.2.2')], [rr('NS', 'ns1.example.', 'example.')], [rr('A', '192.0.2.53', 'ns1.example.')]),
    response([], [rr('SOA', soa, 'example.')], [], dnsPacket.AUTHORITATIVE_ANSWER, 3),
    response([rr('AAAA', '2001:db8::1'), rr('MX', { preference: 10, exchange: 'mx.example.' }), rr('CNAME', 'alias.example.')]),
    response(Array.from({ length: 12 }, (_, i) => rr('TXT', [`txt-${i}-${'y'.repeat(40)}`, 'second']))),
    response([rr('SRV', { priority: 1, weight: 2, port: 53, target: 'srv.example.' }), rr('CAA', { flags: 0, tag: 'issue', value: 'ca.example' })]),
    response([rr('DS', { keyTag: 12345, algorithm: 13, digestType: 2, digest: bytes(32) }),
      rr('DNSKEY', { flags: 257, algorithm: 13, key: bytes(64) }),
      rr('RRSIG', { typeCovered: 'A', algorithm: 13, labels: 2, originalTTL: 300, expiration: 2000000000, inception: 1700000000, keyTag: 12345, signersName: 'example.', signature: bytes(64) })]),
    response([rr('NSEC', { nextDomain: 'next.example.', rrtypes: ['A', 'RRSIG', 'NSEC'] }),
      rr('NSEC3', { algorithm: 1, flags: 0, iterations: 0, salt: bytes(4), nextDomain: bytes(20), rrtypes: ['A', 'RRSIG'] }),
      rr('HINFO', { cpu: 'x86', os: 'linux' }), rr('UNKNOWN_65534', bytes(5))]),
    response([], [], [], dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.TRUNCATED_RESPONSE),
  ];
}

/** Hand-made hostile packets kept in the corpus: each answers FUZZ_QUERY by header and question. */
export function nastyPackets(): Record<string, Uint8Array> {
  const header = (an: number, ns = 0, ar = 0, flags = 0x8400): number[] =>
    [FUZZ_ID >> 8, FUZZ_ID & 0xff, flags >> 8, flags & 0xff, 0, 1, an >> 8, an & 0xff, ns >> 8, ns & 0xff, ar >> 8, ar & 0xff];
  const question = [...FUZZ_QUERY.wire.subarray(12, FUZZ_QUERY.questionEnd)];
  const q = question.length + 12;
  const fixed = [0, 1, 0, 1, 0, 0, 1, 44];
  return {
    // owner name is a pointer to itself
    'pointer-self-loop': Uint8Array.from([...header(1), ...question, 0xc0 | (q >> 8), q & 0xff, ...fixed, 0, 4, 192, 0, 2, 1]),
    // two labels whose pointers point at each other (the second one forwards)
    'pointer-mutual-loop': Uint8Array.from([...header(1), ...question, 1, 0x61, 0xc0, q + 4, 1, 0x62, 0xc0, q, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0]),
    // NS RDATA name pointing forward into itself
    'rdata-pointer-forward': Uint8Array.from([...header(1), ...question, 0xc0, 12, 0, 2, 0, 1, 0, 0, 0, 1, 0, 2, 0xc0, q + 12]),
    'count-65535-no-data': Uint8Array.from([...header(65535, 65535, 65535), ...question]),
    // OPT whose RDLENGTH promises an option that is not there
    'truncated-opt': Uint8Array.from([...header(0, 0, 1), ...question, 0, 0, 41, 4, 208, 0, 0, 0x80, 0, 0, 20, 0, 10, 0, 8]),
    // OPT option longer than the OPT RDATA
    'opt-option-overrun': Uint8Array.from([...header(0, 0, 1), ...question, 0, 0, 41, 4, 208, 0, 0, 0, 0, 0, 4, 0, 10, 0, 200]),
    // TXT string length past RDLENGTH, SOA with RDLENGTH 0
    'txt-overrun': Uint8Array.from([...header(1), ...question, 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 1, 0, 2, 50, 0x61]),
    'soa-empty-rdata': Uint8Array.from([...header(1), ...question, 0xc0, 12, 0, 6, 0, 1, 0, 0, 0, 1, 0, 0]),
    'no-question-formerr': Uint8Array.from([FUZZ_ID >> 8, FUZZ_ID & 0xff, 0x80, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]),
    'header-only-11-bytes': Uint8Array.from([FUZZ_ID >> 8, FUZZ_ID & 0xff, 0x84, 0, 0, 1, 0, 0, 0, 0, 0]),
  };
}

type Mutator = (b: Uint8Array, rnd: () => number) => Uint8Array;
const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);
/** Mostly mutate after the question so the packet still claims to be our answer. */
const pos = (b: Uint8Array, rnd: () => number): number =>
  (rnd() < 0.85 && b.length > FUZZ_QUERY.questionEnd ? FUZZ_QUERY.questionEnd + int(rnd, b.length - FUZZ_QUERY.questionEnd) : int(rnd, Math.max(1, b.length)));
const u16 = (b: Uint8Array, at: number, v: number): void => { if (at + 1 < b.length) { b[at] = v >> 8; b[at + 1] = v & 0xff; } };

export const MUTATORS: Record<string, Mutator> = {
  bitflip: (b, rnd) => { const c = b.slice(); for (let i = 1 + int(rnd, 8); i > 0; i--) { const p = pos(c, rnd); c[p] ^= 1 << int(rnd, 8); } return c; },
  'random-byte': (b, rnd) => { const c = b.slice(); for (let i = 1 + int(rnd, 4); i > 0; i--) c[pos(c, rnd)] = int(rnd, 256); return c; },
  truncate: (b, rnd) => b.slice(0, int(rnd, b.length)),
  'count-lie': (b, rnd) => { const c = b.slice(); const v = [0, 1, 2, 255, 256, 65535, int(rnd, 65536)][int(rnd, 7)]; u16(c, 4 + 2 * int(rnd, 4), v); return c; },
  'huge-counts': (b) => { const c = b.slice(); for (let i = 6; i < 12; i += 2) u16(c, i, 65535); return c; },
  'rdlength-lie': (b, rnd) => {
    const c = b.slice();
    try {
      const l = walkPacket(c);
      const all = [...l.answers, ...l.authorities, ...l.additionals];
      if (all.length) { const r = all[int(rnd, all.length)]; u16(c, r.rdata - 2, [0, 1, r.end - r.rdata + 1, 65535, int(rnd, 65536)][int(rnd, 5)]); }
    } catch { /* already broken */ }
    return c;
  },
  'pointer-loop': (b, rnd) => {
    const c = b.slice();
    const p = pos(c, rnd);
    const target = rnd() < 0.5 ? p : int(rnd, c.length + 8); // self, or anywhere (often forwards)
    if (p + 1 < c.length) { c[p] = 0xc0 | ((target >> 8) & 0x3f); c[p + 1] = target & 0xff; }
    return c;
  },
  'random-bytes': (_b, rnd) => {
    const c = Uint8Array.from({ length: int(rnd, 600) }, () => int(rnd, 256));
    if (c.length >= 2 && rnd() < 0.7) { c[0] = FUZZ_ID >> 8; c[1] = FUZZ_ID & 0xff; c[2] |= 0x80; c[2] &= 0x87; }
    if (rnd() < 0.5) c.set(FUZZ_QUERY.wire.subarray(12, Math.min(FUZZ_QUERY.questionEnd, c.length)), Math.min(12, c.length));
    return c;
  },
  splice: (b, rnd) => { const a = pos(b, rnd); const z = a + int(rnd, 40); const at = pos(b, rnd); return new Uint8Array(Buffer.concat([b.subarray(0, at), b.subarray(a, z), b.subarray(at)])); },
  'delete-range': (b, rnd) => { const a = pos(b, rnd); return new Uint8Array(Buffer.concat([b.subarray(0, a), b.subarray(a + 1 + int(rnd, 16))])); },
  'label-lie': (b, rnd) => { const c = b.slice(); c[pos(c, rnd)] = [63, 64, 0x80, 0xc0, 255, 0][int(rnd, 6)]; return c; },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** One fuzz case: a seed mutated 1-3 times. */
export function mutate(seeds: Uint8Array[], rnd: () => number): Uint8Array {
  let b = seeds[int(rnd, seeds.length)];
  for (let n = 1 + int(rnd, 3); n > 0; n--) b = MUTATORS[MUTATOR_NAMES[int(rnd, MUTATOR_NAMES.length)]](b, rnd);
  return b;
}
