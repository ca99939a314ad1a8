import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTampering, eligibleRecords } from './tamper.ts';
import { parseZoneFile } from '../zone/zonefile.ts';
import { canonicalizeRdata } from '../zone/rdata-codec.ts';

const text = `$TTL 60
@ SOA ns hm 1 2 3 4 5
@ NS ns
ns A 192.0.2.1
child NS ns.child
ns.child A 192.0.2.2
deep.child TXT "occluded"
${Array.from({ length: 37 }, (_v, i) => `n${i} A 198.51.100.${i}\nn${i} A 198.51.101.${i}\nn${i} TXT "t${i}"\nn${i} MX 5 m${i}\nn${i} AAAA 2001:db8:bad::${i + 1}\nn${i} NS x.example.`).join('\n').replace(/n(\d+) NS x.example./g, 'n$1 SRV 0 0 1 x.example.')}
`;
const zone = parseZoneFile(text, { origin: 'lab.' });

test('tamper: eligible records skip glue, occluded data and other types', () => {
  const eligible = eligibleRecords([zone]);
  assert.equal(eligible.length, 1 + 37 * 5);
  assert.ok(eligible.every((r) => ['A', 'AAAA', 'TXT', 'MX'].includes(r.type) && !r.name.endsWith('child.lab.')));
});

test('tamper: exactly round(rate × N), new values canonical and unique in their RRset', () => {
  const n = eligibleRecords([zone]).length;
  for (const rate of [0, 0.001, 0.01, 0.1, 0.333, 0.5, 0.999, 1]) {
    const chosen = chooseTampering([zone], rate, 3);
    assert.equal(chosen.size, Math.round(rate * n), `rate ${rate}`);
    const served = new Set(zone.records.map((r) => `${r.name}|${r.type}|${chosen.get(r) ?? r.data}`));
    assert.equal(served.size, zone.records.length, 'a tampered value collided with another record');
    for (const [r, v] of chosen) {
      assert.notEqual(v, r.data);
      assert.equal(canonicalizeRdata(r.type, v), v);
    }
  }
});

test('tamper: deterministic for a seed', () => {
  const key = (m: Map<{ name: string; type: string; data: string }, string>): string[] =>
    [...m].map(([r, v]) => `${r.name} ${r.type} ${r.data} → ${v}`);
  assert.deepEqual(key(chooseTampering([zone], 0.2, 11)), key(chooseTampering([zone], 0.2, 11)));
  assert.notDeepEqual(key(chooseTampering([zone], 0.2, 11)), key(chooseTampering([zone], 0.2, 12)));
});
