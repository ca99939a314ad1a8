// Sharing a threat case (issue 11 item 7): the IODEF v2 document validates with xmllint against the
// RFC 7970 classes we emit (test/fixtures/iodef/iodef-2.0-subset.xsd), and the STIX 2.1 bundle against a
// JSON Schema of the spec's required properties (test/support/stix21-schema.ts, ajv). Both also fail
// when a required part is removed, so the checks check something. Neither carries personal data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { STIX21_BUNDLE_SCHEMA } from './support/stix21-schema.ts';
import { buildThreatWorld, phishing, type ThreatWorld } from './threats-fixtures.ts';

const XSD = join(import.meta.dirname, 'fixtures', 'iodef', 'iodef-2.0-subset.xsd');
let w: ThreatWorld;
let id = '';

before(async () => {
  w = await buildThreatWorld();
  const r = await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', remoteAddress: '192.0.2.1',
    payload: phishing({ names: ['bank-login.lab', 'bank-login2.lab'], description: 'fake <bank> & "login"', reporter: { email: 'p@example.test' } }) });
  assert.equal(r.statusCode, 202);
  id = (await w.store.listThreatCases())[0].id;
  const as = { authorization: `Bearer ${w.tokens.registry}` };
  w.clock.advance(3_600_000);
  await w.app.inject({ method: 'POST', url: `/api/v1/threat-cases/${id}/assess`, headers: as, payload: { intendedAction: 'server-hold', reason: 'confirmed', timeFrameHours: 2 } });
  await w.app.inject({ method: 'POST', url: `/api/v1/threat-cases/${id}/refer`, headers: as, payload: { registrar: 'reg-a' } });
});
after(async () => { await w?.close(); });

const get = (url: string) => w.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${w.tokens.registry}` } });

function xmllint(xml: string): { ok: boolean; out: string } {
  const file = join(w.dir, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

test('xmllint is installed (Debian libxml2-utils, scripts/setup-packages.sh)', () => {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, 'xmllint missing: install libxml2-utils');
  assert.match(r.stderr + r.stdout, /libxml/);
});

test('IODEF v2: the case validates; the same document without GenerationTime or with an unknown purpose does not', async () => {
  const res = await get(`/threat-cases/${id}/iodef?tlp=green`);
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^application\/xml/);
  const xml = res.body;
  const v = xmllint(xml);
  assert.equal(v.ok, true, v.out);
  assert.match(xml, /<Incident purpose="mitigation" status="in-progress" restriction="green">/);
  assert.match(xml, /<Name>bank-login2\.lab<\/Name>/);
  assert.match(xml, /fake &lt;bank&gt; &amp; &quot;login&quot;/);
  assert.match(xml, /<Expectation action="block-host">/);
  assert.equal(xml.includes('p@example.test'), false);
  assert.equal(xmllint(xml.replace(/\s*<GenerationTime>[^<]*<\/GenerationTime>/, '')).ok, false);
  assert.equal(xmllint(xml.replace('purpose="mitigation"', 'purpose="takedown"')).ok, false);
  assert.equal(xmllint(xml.replace(/<Contact role="creator"[\s\S]*?<\/Contact>\s*<Contact role="reporter"[\s\S]*?<\/Contact>\s*<Contact role="admin"[\s\S]*?<\/Contact>/, '')).ok, false, 'Contact is required');
});

test('STIX 2.1: the bundle validates; a broken indicator does not; ids are stable across exports', async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const check = ajv.compile(STIX21_BUNDLE_SCHEMA);
  const bundle = (await get(`/threat-cases/${id}/stix`)).json();
  assert.equal(check(bundle), true, JSON.stringify(check.errors));
  const types = bundle.objects.map((o: { type: string }) => o.type);
  assert.deepEqual(types, ['identity', 'domain-name', 'indicator', 'relationship', 'domain-name', 'indicator', 'relationship']);
  for (const o of bundle.objects) if (o.created) assert.ok(o.modified >= o.created, `${o.id}: modified ≥ created`);
  const ind = bundle.objects[2];
  assert.equal(ind.pattern, "[domain-name:value = 'bank-login.lab']");
  assert.equal(ind.object_marking_refs[0], 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'TLP:AMBER by default');
  assert.equal(JSON.stringify(bundle).includes('p@example.test'), false);
  const broken = structuredClone(bundle);
  delete broken.objects[2].valid_from;
  assert.equal(check(broken), false);
  const badId = structuredClone(bundle);
  badId.objects[1].id = 'domain-name--not-a-uuid';
  assert.equal(check(badId), false);
  w.clock.advance(60_000);
  const again = (await get(`/threat-cases/${id}/stix`)).json();
  assert.deepEqual(again.objects.map((o: { id: string }) => o.id), bundle.objects.map((o: { id: string }) => o.id));
  assert.equal((await w.app.inject({ method: 'GET', url: `/api/v1/threat-cases/${id}/stix`, headers: { authorization: `Bearer ${w.tokens['reg-b']}` } })).statusCode, 404);
  const audits = (await w.store.auditEntries(1, 1000)).filter((e) => e.action === 'threat-case.export');
  assert.ok(audits.length >= 3, 'every export is audited');
});
