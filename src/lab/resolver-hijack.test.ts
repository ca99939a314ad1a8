import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { hijackAnswer, unboundLocalData } from './resolver-hijack.ts';
import { describeFaults, FaultUsageError, parseFault } from './lab-faults.ts';

const query = (name: string, type: 'A' | 'AAAA' | 'MX') => Buffer.from(dnsPacket.encode({
  type: 'query', id: 4242, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }],
  additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as never],
}));

test('the forged answer: same id and question, RA, one A record with the given address, no additional section', () => {
  const h = { 'www.gov.lab.': '203.0.113.66', 'v6.gov.lab.': '2001:db8::66' };
  const a = dnsPacket.decode(hijackAnswer(query('www.gov.lab', 'A'), 'www.gov.lab.', h)!);
  assert.equal(a.id, 4242);
  assert.equal(a.type, 'response');
  assert.deepEqual(a.questions, [{ name: 'www.gov.lab', type: 'A', class: 'IN' }]);
  assert.deepEqual(a.answers?.map((r) => [r.name, r.type, (r as { data: string }).data, (r as { ttl: number }).ttl]), [['www.gov.lab', 'A', '203.0.113.66', 60]]);
  assert.equal(a.additionals?.length, 0);
  assert.equal(a.rcode, 'NOERROR');
  const six = dnsPacket.decode(hijackAnswer(query('v6.gov.lab', 'AAAA'), 'v6.gov.lab.', h)!);
  assert.equal((six.answers?.[0] as { data: string }).data, '2001:db8::66');
  assert.equal(hijackAnswer(query('www.gov.lab', 'AAAA'), 'www.gov.lab.', h), undefined, 'other types are resolved normally');
  assert.equal(hijackAnswer(query('www.gov.lab', 'MX'), 'www.gov.lab.', h), undefined);
  assert.equal(hijackAnswer(query('mail.gov.lab', 'A'), 'mail.gov.lab.', h), undefined);
  assert.deepEqual(unboundLocalData(h), [
    '  local-zone: "www.gov.lab." typetransparent', '  local-data: "www.gov.lab. 60 IN A 203.0.113.66"',
    '  local-zone: "v6.gov.lab." typetransparent', '  local-data: "v6.gov.lab. 60 IN AAAA 2001:db8::66"']);
});

test('lab fault hijack <name> [<address>|off] parses; bad names and addresses are usage errors', () => {
  assert.deepEqual(parseFault('hijack', 'WWW.gov.lab', 1), { kind: 'hijack', set: { hijack: { 'www.gov.lab.': '203.0.113.66' } } });
  assert.deepEqual(parseFault('hijack', 'www.gov.lab.', 1, '198.51.100.7').set, { hijack: { 'www.gov.lab.': '198.51.100.7' } });
  assert.deepEqual(parseFault('hijack', 'www.gov.lab', 1, 'off').set, { hijack: { 'www.gov.lab.': '' } });
  assert.throws(() => parseFault('hijack', undefined, 1), FaultUsageError);
  assert.throws(() => parseFault('hijack', 'www.gov.lab', 1, 'nowhere'), FaultUsageError);
  assert.throws(() => parseFault('drop', '0.1', 1, 'extra'), FaultUsageError);
  assert.equal(describeFaults({ hijack: { 'www.gov.lab.': '203.0.113.66' } }), 'hijack www.gov.lab. → 203.0.113.66');
});
