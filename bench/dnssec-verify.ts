// DNSSEC validator figures: (1) verifications per second per algorithm, validateRRset (no cache: every
// call builds the signed data and verifies) against raw node:crypto verify of the same data, key and
// signature; (2) validateZone over a 100,000-name zone signed by ldns-signzone (ECDSA P-256, NSEC):
// parse, convert, validate, and the same again with a warm per-cycle cache; (3) a probe cycle's view:
// 1,000 distinct signed answers asked 20 times each with one VerifyCache per cycle.
// Run: node bench/dnssec-verify.ts [--names 100000] [--seconds 1]
import { verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateZoneKey, signRRset } from '../src/dnssec/sign.ts';
import { VerifyCache, signedData, validateRRset } from '../src/dnssec/validate-rrset.ts';
import { publicKey } from '../src/dnssec/crypto-keys.ts';
import { parseRrsig } from '../src/dnssec/rdata-parse.ts';
import { validateAnswer, validateZone } from '../src/dnssec/validate-answer.ts';
import { fromZoneRecords, parseTrustAnchor } from '../src/dnssec/records.ts';
import type { Rr } from '../src/dnssec/types.ts';
import { signZone } from '../src/lab/dnssec-signer.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const seconds = arg('seconds', 1);
const names = arg('names', 100_000);
const now = Math.floor(Date.now() / 1000);

function rateOnce(fn: () => void, ms: number): number {
  let n = 0;
  const t0 = performance.now(), end = t0 + ms;
  while (performance.now() < end) { for (let i = 0; i < 10; i++) fn(); n += 10; }
  return n / ((performance.now() - t0) / 1000);
}

/** Both rates, measured in 5 alternating rounds (the machine is shared); the best round of each. */
function rates(a: () => void, b: () => void): [number, number] {
  for (let i = 0; i < 20; i++) { a(); b(); } // warm-up
  let ra = 0, rb = 0;
  for (let round = 0; round < 5; round++) {
    ra = Math.max(ra, rateOnce(a, seconds * 200));
    rb = Math.max(rb, rateOnce(b, seconds * 200));
  }
  return [ra, rb];
}

console.log(`# verifications per second (one RRset of 2 A records), best of 5 alternating rounds of ${seconds / 5} s, node ${process.version}`);
console.log('algorithm  raw-node:crypto  validateRRset  ratio');
for (const alg of [8, 10, 13, 14, 15, 16]) {
  const k = generateZoneKey(alg, 256);
  const rrset: Rr[] = [1, 2].map((i) => ({ name: 'www.bench.lab.', type: 1, ttl: 300, rdata: Uint8Array.from([192, 0, 2, i]) }));
  const sigRr = signRRset(rrset, k, { zone: 'bench.lab.', inception: now - 3600, expiration: now + 86400 });
  const sig = parseRrsig(sigRr.rdata);
  const data = signedData(sig, rrset);
  const key = publicKey(alg, k.rdata.subarray(4))!;
  const keys = { zone: 'bench.lab.', keys: [{ tag: k.tag, algorithm: alg, flags: 256, rdata: k.rdata }] };
  const digest = alg === 8 || alg === 13 ? 'sha256' : alg === 10 ? 'sha512' : alg === 14 ? 'sha384' : null;
  const [raw, mine] = rates(() => {
    if (!verify(digest, data, alg === 13 || alg === 14 ? { key, dsaEncoding: 'ieee-p1363' } : key, sig.signature)) throw new Error('raw verify failed');
  }, () => {
    if (validateRRset(rrset, [sigRr], keys, { now }).status !== 'secure') throw new Error('validateRRset failed');
  });
  console.log(`${String(alg).padEnd(9)}  ${raw.toFixed(0).padStart(15)}  ${mine.toFixed(0).padStart(13)}  ${(mine / raw * 100).toFixed(0).padStart(4)} %`);
}

// A probe cycle's view: 1,000 signed answers (ZoneRecords as the client returns them), each asked 20
// times in the cycle, one VerifyCache per cycle: verifications per cycle and answers validated per second.
{
  const k = generateZoneKey(13, 256);
  const keys = { zone: 'bench.lab.', keys: [{ tag: k.tag, algorithm: 13, flags: 256, rdata: k.rdata }] };
  const answers = Array.from({ length: 1000 }, (_, i) => {
    const rec = { name: `n${i}.bench.lab.`, type: 'A', ttl: 300, data: `10.0.${i >> 8}.${i & 255}` };
    const sig = signRRset([fromZoneRecords([rec])[0]], k, { zone: 'bench.lab.', inception: now - 60, expiration: now + 3600 });
    return { qname: rec.name, qtype: 'A', rcode: 'NOERROR', answer: [rec, sig], authority: [] };
  });
  for (let cycle = 0; cycle < 2; cycle++) {
    const cache = new VerifyCache();
    const t = performance.now();
    let n = 0;
    for (let round = 0; round < 20; round++) {
      for (const a of answers) { if (validateAnswer(a, keys, { now, cache }).status !== 'secure') throw new Error('answer failed'); n++; }
    }
    const s = (performance.now() - t) / 1000;
    console.log(`\n# probe cycle ${cycle + 1}: ${n.toLocaleString('en')} answers (1,000 distinct) in ${s.toFixed(2)} s = ${(n / s).toFixed(0)} answers/s, ` +
      `verifications ${cache.stats().verifications}, cache hits ${cache.stats().hits}`);
  }
}

console.log(`\n# ${names.toLocaleString('en')}-name zone signed by ldns-signzone (ECDSAP256SHA256, NSEC)`);
const dir = mkdtempSync(path.join(tmpdir(), 'dw-dnssec-bench-'));
try {
  const lines = ['@ 300 IN SOA ns1 hostmaster 1 3600 600 86400 300', '@ 300 IN NS ns1', 'ns1 300 IN A 127.0.0.1'];
  for (let i = 0; i < names; i++) lines.push(`n${i} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  let t = performance.now();
  const z = signZone({ dir, origin: 'big.lab.', text: lines.join('\n'), algorithm: 13, inception: now - 3600, expiration: now + 10 * 86400 });
  console.log(`ldns-signzone: ${((performance.now() - t) / 1000).toFixed(1)} s (keys and signing, not ours)`);
  t = performance.now();
  const zone = parseZoneFile(readFileSync(z.file, 'utf8'), { origin: 'big.lab.' });
  const tParse = performance.now() - t;
  t = performance.now();
  const records = fromZoneRecords(zone.records);
  const tConvert = performance.now() - t;
  const cache = new VerifyCache();
  t = performance.now();
  const report = validateZone('big.lab.', records, parseTrustAnchor(z.dsText).anchor, { now, cache });
  const tValidate = performance.now() - t;
  t = performance.now();
  const again = validateZone('big.lab.', records, parseTrustAnchor(z.dsText).anchor, { now, cache });
  const tCached = performance.now() - t;
  console.log(`records ${records.length.toLocaleString('en')}, RRsets validated ${report.rrsets.toLocaleString('en')}, verdict ${report.status}${report.reason ? ` (${report.reason})` : ''}`);
  console.log(`parse zone file ${(tParse / 1000).toFixed(2)} s, to wire ${(tConvert / 1000).toFixed(2)} s, validate all ${(tValidate / 1000).toFixed(2)} s ` +
    `(${(report.rrsets / (tValidate / 1000)).toFixed(0)} RRsets/s), again with the cycle's cache ${(tCached / 1000).toFixed(2)} s (${again.status})`);
  console.log(`cache: ${JSON.stringify(cache.stats())}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
