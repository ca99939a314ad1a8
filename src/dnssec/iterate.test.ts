import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAndValidate } from './iterate.ts';
import { parseTrustAnchor, rootTrustAnchor } from './records.ts';
import { generateZoneKey, signRRset } from './sign.ts';
import { toBase64 } from '../zone/presentation-text.ts';
import { fromZoneRecord } from './records.ts';
import type { DnsAnswer, DnsClient, DnsQuery } from '../dns/dns-client-types.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';

// A scripted DnsClient: the resolver's decisions without a network.
function fakeClient(answer: (q: DnsQuery) => Partial<DnsAnswer>): DnsClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query(q) {
      asked.push(`${q.address} ${q.name} ${q.type}${q.dnssecOk ? ' DO' : ''}`);
      return { outcome: 'answer', transport: 'udp', latencyMs: 1, rcode: 'NOERROR', aa: true, answer: [], authority: [], additional: [], ...answer(q) };
    },
    async close() {},
  };
}
const now = Math.floor(Date.now() / 1000);
const base = { name: 'www.lab.', type: 'A', servers: [{ address: '127.0.0.1', port: 5353 }], ctx: { now } };

test('no server answers, or only a lying NXDOMAIN without AA: indeterminate, never bogus', async () => {
  const silent = fakeClient(() => ({ outcome: 'timeout', rcode: undefined }));
  const r = await resolveAndValidate({ ...base, anchor: rootTrustAnchor(), client: silent });
  assert.deepEqual([r.status, r.reason], ['indeterminate', 'no-answer']);
  assert.deepEqual(silent.asked, ['127.0.0.1 . DNSKEY DO']);
  const liar = fakeClient(() => ({ rcode: 'NXDOMAIN', aa: false }));
  assert.equal((await resolveAndValidate({ ...base, anchor: rootTrustAnchor(), client: liar })).reason, 'no-answer');
});

test('a signed anchor zone answering for itself: secure; a lame answer: indeterminate', async () => {
  const k = generateZoneKey(13, 257);
  const anchor = parseTrustAnchor(`lab. IN DNSKEY 257 3 13 ${toBase64(k.rdata.subarray(4))}`);
  const rec = (name: string, type: string, data: string): ZoneRecord => ({ name, type, ttl: 300, data });
  const sigText = (records: ZoneRecord[]): ZoneRecord => {
    const d = Buffer.from(signRRset(records.map(fromZoneRecord), k, { zone: 'lab.', inception: now - 60, expiration: now + 600 }).rdata);
    return rec(records[0].name, 'RRSIG', `${records[0].type} 13 ${d[3]} 300 ${now + 600} ${now - 60} ${k.tag} lab. ${toBase64(d.subarray(18 + 5))}`);
  };
  const keys = [rec('lab.', 'DNSKEY', `257 3 13 ${toBase64(k.rdata.subarray(4))}`)];
  const www = [rec('www.lab.', 'A', '192.0.2.1')];
  const client = fakeClient((q) => (q.type === 'DNSKEY' ? { answer: [...keys, sigText(keys)] } : { answer: [...www, sigText(www)] }));
  const r = await resolveAndValidate({ ...base, anchor, client });
  assert.deepEqual([r.status, r.chain.map((c) => c.zone), r.answer], ['secure', ['lab.'], ['www.lab. 300 IN A 192.0.2.1']]);
  const lame = fakeClient((q) => (q.type === 'DNSKEY' ? { answer: [...keys, sigText(keys)] } : { aa: false, answer: [] }));
  assert.deepEqual([(await resolveAndValidate({ ...base, anchor, client: lame })).reason], ['lame']);
});
