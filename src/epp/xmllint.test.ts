import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainCreateXml, domainDeleteXml, domainInfoXml, domainTransferXml, domainUpdateXml, helloXml, loginXml, logoutXml } from './epp-xml.ts';
import { validateXml } from './xmllint.ts';

test('every command the client builds is valid against the RFC schemas (xmllint)', async () => {
  const docs = [
    helloXml(),
    loginXml({ clientId: 'registry-a', password: 'secret-pw1' }, 'T-1'),
    logoutXml('T-2'),
    domainInfoXml('example.lab', 'T-3'),
    domainUpdateXml('example.lab', { add: { statuses: ['serverHold'], ns: ['ns1.sinkhole.lab'] }, rem: { ns: ['ns1.example.lab'] } }, 'T-4'),
    domainUpdateXml('example.lab', { rem: { statuses: ['serverUpdateProhibited'] } }, 'T-5'),
    domainCreateXml({ name: 'dga-1.lab', ns: ['ns1.sinkhole.lab'], authInfo: 'a<b&c"d' }, 'T-6'),
    domainDeleteXml('example.lab', 'T-7'),
    domainTransferXml('request', 'example.lab', 'T-8', 'auth-1'),
  ];
  for (const xml of docs) assert.deepEqual(await validateXml(xml), { valid: true, reason: '' }, xml);
});

test('xmllint reasons name the problem: an unknown status, a missing element, not XML at all', async () => {
  const bad = await validateXml(domainUpdateXml('x.lab', { add: { statuses: ['bogusStatus'] } }, 'T-1'));
  assert.equal(bad.valid, false);
  assert.match(bad.reason, /^line \d+: element status: Schemas validity error .*'bogusStatus' is not an element of the set/);
  const noName = await validateXml(domainInfoXml('x.lab', 'T-2').replace(/<domain:name[^>]*>x\.lab<\/domain:name>/, ''));
  assert.match(noName.reason, /Missing child element\(s\)/);
  const notXml = await validateXml('this is not <xml');
  assert.equal(notXml.valid, false);
  assert.match(notXml.reason, /parser error/);
});
