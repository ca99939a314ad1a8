// The lab's pure parts: zone generation, the config it writes, fault parsing, node names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../src/config/load-config.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { FaultUsageError, parseFault } from '../src/lab/lab-faults.ts';
import { findLabNode, LAB_ZONE_FILES } from '../src/lab/lab-topology.ts';
import { labZoneTexts } from '../src/lab/lab-zones.ts';
import { unboundConfText } from '../src/lab/unbound.ts';
import { questionName } from '../src/lab/builtin-forwarder.ts';

test('zones are deterministic, parse, and carry real data beyond delegations', () => {
  const first = labZoneTexts();
  assert.deepEqual(labZoneTexts(), first);
  const zones = LAB_ZONE_FILES.map(({ origin, file }) => parseZoneFile(first[file], { origin, file }));
  const [tld, example, news, gov] = zones;
  const names = new Set(tld.records.map((r) => r.name));
  assert.ok(names.size >= 2000, `${names.size} names`);
  for (const type of ['A', 'AAAA', 'TXT', 'MX']) assert.ok(tld.records.filter((r) => r.type === type).length >= 200, type);
  // 0.1 % tampering of the A/AAAA/TXT/MX records must hit at least 2 of them
  assert.ok(Math.round(0.001 * tld.records.filter((r) => ['A', 'AAAA', 'TXT', 'MX'].includes(r.type)).length) >= 2);
  const ns = (zone: string) => tld.records.filter((r) => r.name === zone && r.type === 'NS').map((r) => r.data).sort();
  assert.deepEqual(ns('lab.'), ['a.nic.lab.', 'b.nic.lab.', 'c.nic.lab.', 'd.nic.lab.']);
  assert.deepEqual(ns('example.lab.'), ['ns1.example.lab.', 'ns2.example.lab.']);
  assert.deepEqual(ns('gov.lab.'), ['ns1.gov.lab.']);
  assert.ok(example.records.length >= 300 && news.records.length >= 200);
  assert.deepEqual(gov.records.filter((r) => r.name === 'www.gov.lab.').map((r) => `${r.type} ${r.data}`).sort(),
    ['A 203.0.113.5', 'AAAA 2001:db8:50::80']);
});

test('the lab config passes validation with the lab layout on any port', () => {
  const text = labConfigText(labConfigOptions(10053, { sample: 'all', inFlight: 128 }));
  const result = loadConfigText(text, '/lab/dnswarden.yaml', { fileExists: () => true });
  assert.deepEqual(result.errors, []);
  const config = result.config!;
  assert.deepEqual(config.systems.map((s) => s.id), ['lab-tld', 'big-dns-auth', 'bj-resolver', 'news-dns', 'gov-dns']);
  const tld = config.systems[0];
  assert.deepEqual(tld.nodes.map((n) => `${n.id}@${n.address}:${n.port}`),
    ['a@127.0.10.1:10053', 'b@127.0.10.2:10053', 'c@127.0.10.3:10053', 'd@127.0.10.4:10053']);
  assert.equal(tld.sample, 'all');
  assert.equal(tld.truth?.zonefile, '/lab/zones/lab.zone');
  assert.equal(config.probing.inFlight, 128);
  assert.deepEqual(config.keyDomains.map((k) => k.name), ['www.gov.lab']);
  assert.equal(config.database.url, null);
  assert.ok((config.http.token ?? '').length >= 16);
});

test('fault commands parse into settings, mistakes are usage errors', () => {
  assert.deepEqual(parseFault('drop', '0.3'), { kind: 'drop', set: { dropRate: 0.3 } });
  assert.deepEqual(parseFault('drop', '30%'), { kind: 'drop', set: { dropRate: 0.3 } });
  assert.deepEqual(parseFault('delay', '6s'), { kind: 'delay', set: { delayMs: 6000 } });
  assert.deepEqual(parseFault('tamper', '0.001', 7), { kind: 'tamper', set: { tamperRate: 0.001, tamperSeed: 7 } });
  assert.deepEqual(parseFault('stop', undefined), { kind: 'stop', set: { stopped: true } });
  assert.deepEqual(parseFault('servfail', 'off'), { kind: 'servfail', set: { servfail: false } });
  assert.equal(parseFault('clear', undefined).set.dropRate, 0);
  for (const [kind, value] of [['drop', '1.5'], ['drop', undefined], ['delay', 'soon'], ['stop', 'x'], ['melt', undefined]] as const) {
    assert.throws(() => parseFault(kind, value), FaultUsageError, `${kind} ${value}`);
  }
});

test('node names: bare letters are TLD nodes, full keys, the resolver', () => {
  assert.equal(findLabNode('b')?.key, 'lab-tld/b');
  assert.equal(findLabNode('lab-tld/d')?.address, '127.0.10.4');
  assert.equal(findLabNode('big-dns-auth/ns1')?.address, '127.0.20.1');
  assert.equal(findLabNode('resolver')?.key, 'bj-resolver/r1');
  assert.equal(findLabNode('e'), undefined);
  assert.equal(findLabNode('lab-tld/x'), undefined);
});

test('unbound.conf: no chroot or privilege drop, stubs carry the port', () => {
  const conf = unboundConfText({ dir: '/run/lab', address: '127.0.30.1', port: 10053, stubs: { 'lab.': ['127.0.10.1@10053'] } });
  for (const line of ['username: ""', 'chroot: ""', 'do-not-query-localhost: no', 'stub-addr: 127.0.10.1@10053', 'domain-insecure: "lab."', 'port: 10053']) {
    assert.ok(conf.includes(line), line);
  }
});

test('the forwarder reads question names', () => {
  const q = Buffer.from('abcd010000010000000000000377777703676f76036c61620000010001', 'hex');
  assert.equal(questionName(q), 'www.gov.lab.');
  assert.equal(questionName(q.subarray(0, 14)), undefined);
});
