import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainCreateXml, domainUpdateXml, EppXmlError, loginXml, parseEppMessage, xmlEscape } from './epp-xml.ts';

test('values are escaped in text and attributes', () => {
  assert.equal(xmlEscape(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
  const login = loginXml({ clientId: 'reg</clID><x>', password: 'p&w"1234' }, 'T<1>');
  assert.match(login, /<clID>reg&lt;\/clID&gt;&lt;x&gt;<\/clID><pw>p&amp;w&quot;1234<\/pw>/);
  assert.match(login, /<clTRID>T&lt;1&gt;<\/clTRID>/);
  assert.match(domainUpdateXml('x.lab', { add: { statuses: ['a"b'] } }, 'T-2'), /<domain:status s="a&quot;b"\/>/);
  assert.doesNotMatch(domainUpdateXml('x.lab', {}, 'T-3'), /domain:add|domain:rem/, 'empty add/rem are left out');
  assert.match(domainCreateXml({ name: 'n.lab', authInfo: 'x', periodYears: 2 }, 'T-4'), /<domain:period unit="y">2<\/domain:period>/);
});

test('a greeting and a response with domain data parse whatever the prefixes', () => {
  const greeting = parseEppMessage(`<?xml version="1.0"?><e:epp xmlns:e="urn:ietf:params:xml:ns:epp-1.0"><e:greeting><e:svID>Example EPP</e:svID>
    <e:svDate>2026-12-04T00:00:00Z</e:svDate><e:svcMenu><e:version>1.0</e:version><e:lang>en</e:lang>
    <e:objURI>urn:ietf:params:xml:ns:domain-1.0</e:objURI></e:svcMenu></e:greeting></e:epp>`);
  assert.deepEqual(greeting, { kind: 'greeting', svID: 'Example EPP', svDate: '2026-12-04T00:00:00Z', objURIs: ['urn:ietf:params:xml:ns:domain-1.0'] });
  const r = parseEppMessage(`<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><response>
    <result code="2304"><msg lang="en">Object status prohibits operation</msg></result>
    <result code="2306"><msg>second</msg></result>
    <resData><d:infData xmlns:d="urn:ietf:params:xml:ns:domain-1.0"><d:name>a.lab</d:name><d:roid>A-LAB</d:roid>
      <d:status s="serverUpdateProhibited">locked by the registry</d:status><d:status s="serverHold"/>
      <d:ns><d:hostObj>ns1.a.lab</d:hostObj></d:ns><d:clID>reg-a</d:clID></d:infData></resData>
    <trID><clTRID>C-1</clTRID><svTRID>S-1</svTRID></trID></response></epp>`);
  assert.equal(r.kind, 'response');
  if (r.kind !== 'response') return;
  assert.deepEqual([r.code, r.msg, r.results.length, r.clTRID, r.svTRID], [2304, 'Object status prohibits operation', 2, 'C-1', 'S-1']);
  assert.deepEqual(r.domain, { name: 'a.lab', roid: 'A-LAB', statuses: ['serverUpdateProhibited', 'serverHold'], ns: ['ns1.a.lab'], clID: 'reg-a' });
});

test('not XML, not EPP, or a response without a result code is an EppXmlError', () => {
  assert.throws(() => parseEppMessage('<epp><response>'), EppXmlError);
  assert.throws(() => parseEppMessage('<html/>'), /no <epp> element/);
  assert.throws(() => parseEppMessage('<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><hello/></epp>'), /neither a <greeting> nor a <response>/);
  assert.throws(() => parseEppMessage('<epp><response><trID><svTRID>S</svTRID></trID></response></epp>'), /without a result code/);
});
