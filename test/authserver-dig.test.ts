// The lab server seen by a real client: BIND's dig over UDP and TCP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthServer } from '../src/authserver/auth-server.ts';
import type { AuthServer } from '../src/authserver/auth-server.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { LAB_ZONE, dig, digParts, hasBinary } from './authserver-helpers.ts';
import { skipPeer } from './support/peers.ts';

const haveDig = hasBinary('dig');
let server: AuthServer;
const zone = parseZoneFile(LAB_ZONE, { origin: 'lab.' });

before(async () => {
  server = await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: 'lab-node-7' });
});
after(async () => { await server.close(); });

const skipNoDig = (t: { skip: (m: string) => void }): boolean => {
  return !haveDig && skipPeer(t, 'peer missing: dig not installed (Debian package "bind9-dnsutils")');
};

test('dig: NOERROR with AA, both transports', async (t) => {
  if (skipNoDig(t)) return;
  for (const transport of ['+notcp', '+tcp']) {
    const r = digParts(await dig(server.port, ['www.lab', 'A', '+norec', transport]));
    assert.equal(r.status, 'NOERROR');
    assert.ok(r.flags.includes('aa'));
    assert.deepEqual(r.records.filter((l) => l.includes(' A ')).sort(), ['www.lab. 3600 IN A 192.0.2.2', 'www.lab. 3600 IN A 192.0.2.3']);
  }
});

test('dig: NXDOMAIN and NODATA carry the SOA with the negative TTL', async (t) => {
  if (skipNoDig(t)) return;
  const nx = digParts(await dig(server.port, ['nope.lab', 'A', '+norec']));
  assert.equal(nx.status, 'NXDOMAIN');
  assert.ok(nx.flags.includes('aa'));
  assert.ok(nx.records.includes('lab. 300 IN SOA ns1.lab. hostmaster.lab. 2024010101 3600 900 604800 300'));
  for (const [name, type] of [['www.lab', 'MX'], ['b.c.lab', 'A']]) {
    const nd = digParts(await dig(server.port, [name, type, '+norec']));
    assert.equal(nd.status, 'NOERROR', `${name} ${type}`);
    assert.equal(nd.records.length, 1);
    assert.match(nd.records[0], /^lab\. 300 IN SOA /);
  }
});

test('dig: CNAME in the answer, followed inside the zone', async (t) => {
  if (skipNoDig(t)) return;
  const r = digParts(await dig(server.port, ['alias.lab', 'A', '+norec']));
  assert.equal(r.status, 'NOERROR');
  assert.deepEqual(r.records, ['alias.lab. 3600 IN CNAME www.lab.', 'www.lab. 3600 IN A 192.0.2.2', 'www.lab. 3600 IN A 192.0.2.3']);
  const dangling = digParts(await dig(server.port, ['dangling.lab', 'A', '+norec']));
  assert.equal(dangling.status, 'NXDOMAIN');
  assert.equal(dangling.records[0], 'dangling.lab. 3600 IN CNAME nothere.lab.');
  const loop = digParts(await dig(server.port, ['loop1.lab', 'A', '+norec']));
  assert.equal(loop.status, 'NOERROR'); // bounded chain, no hang
});

test('dig: delegation is a referral with glue, DS answered by the parent', async (t) => {
  if (skipNoDig(t)) return;
  const out = await dig(server.port, ['host.child.lab', 'A', '+norec']);
  const r = digParts(out);
  assert.equal(r.status, 'NOERROR');
  assert.ok(!r.flags.includes('aa'));
  assert.match(out, /ANSWER: 0, AUTHORITY: 3, ADDITIONAL: 2/); // 2 NS + DS; glue + OPT
  assert.ok(r.records.includes('child.lab. 3600 IN NS ns.child.lab.'));
  assert.ok(r.records.includes('ns.child.lab. 3600 IN A 192.0.2.53'));
  const ds = digParts(await dig(server.port, ['child.lab', 'DS', '+norec']));
  assert.ok(ds.flags.includes('aa'));
  assert.match(ds.records[0], /^child\.lab\. 3600 IN DS 1 8 2 /);
});

test('dig: apex NS with glue in the additional section', async (t) => {
  if (skipNoDig(t)) return;
  const r = digParts(await dig(server.port, ['lab', 'NS', '+norec']));
  assert.deepEqual(r.records.sort(), [
    'lab. 3600 IN NS ns1.lab.', 'lab. 3600 IN NS ns2.lab.', 'ns1.lab. 3600 IN A 127.0.10.1', 'ns2.lab. 3600 IN AAAA ::1',
  ]);
});

test('dig: REFUSED outside the zones, EDNS 1232 echoed, NSID', async (t) => {
  if (skipNoDig(t)) return;
  assert.equal(digParts(await dig(server.port, ['example.com', 'A', '+norec'])).status, 'REFUSED');
  const e = await dig(server.port, ['www.lab', 'A', '+norec', '+nsid']);
  assert.match(e, /EDNS: version: 0, flags:; udp: 1232/);
  assert.match(e, /NSID: .*\("lab-node-7"\)/);
  const ch = digParts(await dig(server.port, ['id.server', 'TXT', 'CH', '+norec']));
  assert.deepEqual(ch.records, ['id.server. 0 CH TXT "lab-node-7"']);
});

test('dig: big answer is truncated over UDP without EDNS and complete over TCP', async (t) => {
  if (skipNoDig(t)) return;
  const udp = await dig(server.port, ['big.lab', 'TXT', '+norec', '+noedns', '+ignore']);
  assert.ok(digParts(udp).flags.includes('tc'));
  assert.match(udp, /ANSWER: 0/);
  const tcp = digParts(await dig(server.port, ['big.lab', 'TXT', '+norec', '+noedns']));
  assert.ok(!tcp.flags.includes('tc'));
  assert.equal(tcp.records.length, 1);
});

test('dig: AXFR returns every record between two SOAs', async (t) => {
  if (skipNoDig(t)) return;
  const r = digParts(await dig(server.port, ['lab', 'AXFR']));
  assert.equal(r.records.length, zone.records.length + 1);
  assert.match(r.records[0], / SOA /);
  assert.equal(r.records[0], r.records[r.records.length - 1]);
  const refused = await dig(server.port, ['www.lab', 'AXFR']);
  assert.match(refused, /Transfer failed/);
});
