// The sinkhole log of a case over HTTP (issue 11 items 6 and 8): GET /threat-cases/:id/sinkhole-log
// gives the queries for the case's names (logged with the case, or for one of its names or below one)
// — time, client, name, type — to who may read the registry's names and the case (the office, the CERT,
// the handling registry, viewers included), 403 to the registrar the case was referred to, 404 outside;
// every read is audited as personal-data.read without the addresses; CSV too. The reporter's status
// page shows the measure in force on the reported name (on hold since …) and nothing about who acted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SinkholeLog } from '../src/authserver/sinkhole-server.ts';
import { sinkholeLogDir } from '../src/registry/connectors.ts';
import { buildThreatWorld, phishing, type ThreatWho, type ThreatWorld } from './threats-fixtures.ts';

let w: ThreatWorld;
const data = mkdtempSync(path.join(tmpdir(), 'dw-sinkhole-log-'));
let caseId = '';
let report = { trackingId: '', statusToken: '' };

const as = (who: ThreatWho, url: string, method: 'GET' | 'POST' = 'GET', body?: object) =>
  w.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${w.tokens[who]}` }, ...(body ? { payload: body } : {}) });

before(async () => {
  w = await buildThreatWorld({ deps: { dataDir: data } });
  const res = await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', payload: phishing(), remoteAddress: '192.0.2.10' });
  assert.equal(res.statusCode, 202, res.body);
  report = res.json();
  caseId = (await as('registry', '/threat-cases')).json().cases[0].id;
  assert.equal((await as('registry', `/threat-cases/${caseId}/refer`, 'POST', { registrar: 'reg-a', withinHours: 12 })).statusCode, 200);
  const log = new SinkholeLog({ dir: sinkholeLogDir(data), maxBytes: 1 << 20, files: 2 });
  const q = (at: string, client: string, name: string, type: string, sinkholed: string | null, c: string | null) => log.add({ at, client, port: 5353, name, type, sinkholed, case: c });
  q('2026-11-23T09:00:00.000Z', '203.0.113.5', 'bank-login.lab.', 'A', 'bank-login.lab.', null);
  q('2026-11-23T09:00:01.000Z', '203.0.113.6', 'www.bank-login.lab.', 'AAAA', 'bank-login.lab.', caseId);
  q('2026-11-23T09:00:02.000Z', '203.0.113.7', 'other.lab.', 'A', 'other.lab.', 'TC-other');
  q('2026-11-23T09:00:03.000Z', '203.0.113.8', 'notbank-login.lab.', 'A', null, null);
  log.close();
});
after(async () => {
  await w?.close();
  rmSync(data, { recursive: true, force: true });
});

test("the case's sinkhole queries: the office, the CERT and the registry read them; the referred registrar 403, others 404", async () => {
  const res = await as('office', `/threat-cases/${caseId}/sinkhole-log`);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().queries.map((x: { at: string; client: string; name: string; type: string }) => [x.at, x.client, x.name, x.type]), [
    ['2026-11-23T09:00:00.000Z', '203.0.113.5', 'bank-login.lab.', 'A'], ['2026-11-23T09:00:01.000Z', '203.0.113.6', 'www.bank-login.lab.', 'AAAA']]);
  assert.equal(res.json().count, 2);
  for (const who of ['cert', 'registry', 'registry-viewer'] as const) assert.equal((await as(who, `/threat-cases/${caseId}/sinkhole-log`)).statusCode, 200, who);
  assert.equal((await as('reg-a', `/threat-cases/${caseId}`)).statusCode, 200, 'the referred registrar reads the case …');
  assert.equal((await as('reg-a', `/threat-cases/${caseId}/sinkhole-log`)).statusCode, 403, '… but not the victims\' addresses');
  assert.equal((await as('reg-b', `/threat-cases/${caseId}/sinkhole-log`)).statusCode, 404);
  assert.equal((await as('office', '/threat-cases/TC-nothere/sinkhole-log')).statusCode, 404);
  assert.equal((await w.app.inject({ method: 'GET', url: `/api/v1/threat-cases/${caseId}/sinkhole-log` })).statusCode, 401);
});

test('every read is audited as personal-data.read with the count, never the addresses; CSV has the same rows', async () => {
  const before = (await w.store.auditEntries(1, 10_000)).filter((e) => e.action === 'personal-data.read' && e.target === caseId).length;
  const csv = await as('cert', `/threat-cases/${caseId}/sinkhole-log?format=csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.deepEqual(csv.body.trim().split('\n'), ['at,client,port,name,type,sinkholed,case',
    '2026-11-23T09:00:00.000Z,203.0.113.5,5353,bank-login.lab.,A,bank-login.lab.,', `2026-11-23T09:00:01.000Z,203.0.113.6,5353,www.bank-login.lab.,AAAA,bank-login.lab.,${caseId}`]);
  const reads = (await w.store.auditEntries(1, 10_000)).filter((e) => e.action === 'personal-data.read' && e.target === caseId);
  assert.equal(reads.length, before + 1);
  const last = reads.at(-1)!;
  assert.deepEqual(last.detail, { what: 'sinkhole log', entries: 2, format: 'csv' });
  assert.equal(last.org, 'cert');
  assert.ok(!JSON.stringify(reads).includes('203.0.113.'), 'no client address in the audit log');
});

test("the reporter's status page shows the measure in force on the reported name, without who acted", async () => {
  const status = async () => (await w.app.inject({ method: 'GET', url: `/api/v1/threat-reports/${report.trackingId}?statusToken=${encodeURIComponent(report.statusToken)}`, remoteAddress: '192.0.2.99' })).json();
  assert.deepEqual((await status()).measures, []);
  await w.store.recordNameActions([{ name: 'bank-login.lab.', status: 'held', locked: false, saved: null, until: null, caseId, updatedAt: '2026-11-23T10:00:00.000Z' }], []);
  const s = await status();
  assert.deepEqual(s.measures, [{ name: 'bank-login.lab', status: 'held', locked: false, since: '2026-11-23T10:00:00.000Z', until: null }]);
  assert.ok(!JSON.stringify(s).includes('User registry'));
});
