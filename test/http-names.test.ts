// GET /names/:name and POST /names/actions through the real HTTP app and access core, with the
// dns-update connector on a real Knot primary: the registry's actors and the office act, the CERT and
// the registry's viewers read, other organisations get 404; every change is on the name's history
// (with the acting user) and in the audit log; the routes are in the OpenAPI document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contractZoneText, SINKHOLE } from '../src/registry/connector.contract.ts';
import { buildWorld, loginAll, type Who, type World } from './http-access-fixtures.ts';
import { freePort } from './support/dns-client-nsd.ts';
import { newKey, startKnotPrimary, type Primary } from './support/registry-primaries.ts';

const ADDRESS = '127.0.74.1';
let w: World;
let tokens: Record<Who, string>;
let primary: Primary | undefined;
let dir = '';

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dw-http-names-'));
  const key = newKey();
  const port = await freePort(ADDRESS);
  primary = await startKnotPrimary({ dir, address: ADDRESS, port, zone: 'cn.', zoneText: contractZoneText('cn.', ADDRESS), key });
  w = await buildWorld();
  w.config.registry = { zones: ['cn.'], connector: { kind: 'dns-update', primary: { address: ADDRESS, port }, tsig: key, maxMessageBytes: 60_000, timeoutMs: 5000 },
    sinkhole: { ...SINKHOLE, log: { maxBytes: 1 << 20, files: 2 } } };
  tokens = await loginAll(w.app);
});
after(async () => {
  await w?.close();
  await primary?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (who: Who, url: string) => w.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[who]}` } });
const act = (who: Who, body: object) => w.app.inject({ method: 'POST', url: '/api/v1/names/actions', headers: { authorization: `Bearer ${tokens[who]}` }, payload: body });

test('the registry holds and unholds a name; history, stored state and audit follow', async () => {
  const hold = await act('registry', { action: 'hold', names: ['good.cn', 'nothere.cn'], reason: 'phishing', evidence: ['http://good.cn/login'], approver: 'lead' });
  assert.equal(hold.statusCode, 200, hold.body);
  assert.deepEqual(hold.json().counts, { applied: 1, already: 0, refused: 1, failed: 0 });
  const view = await get('registry', '/names/good.cn');
  assert.equal(view.statusCode, 200);
  assert.deepEqual([view.json().stored.status, view.json().stored.saved.ns], ['held', ['ns1.good.cn.', 'ns2.good.cn.']]);
  const h = view.json().history[0];
  assert.deepEqual([h.action, h.outcome, h.actor, h.reason, h.approver, h.evidence], ['hold', 'applied', w.userIds.registry, 'phishing', 'lead', ['http://good.cn/login']]);
  const unhold = await act('office', { action: 'unhold', names: ['good.cn.'], reason: 'cleaned' });
  assert.deepEqual(unhold.json().results.map((r: { outcome: string; state: { status: string } }) => [r.outcome, r.state.status]), [['applied', 'active']]);
  const audit = (await w.store.auditEntries(1, 1000)).filter((e) => e.action.startsWith('names.'));
  assert.deepEqual(audit.map((e) => [e.action, e.actor]), [['names.hold', w.userIds.registry], ['names.unhold', w.userIds.office]]);
});

test('access: viewers and the CERT read, other organisations see nothing, a reason is required', async () => {
  assert.equal((await act('registry-viewer', { action: 'hold', names: ['good.cn'], reason: 'x' })).statusCode, 403);
  assert.equal((await act('registry-viewer', { action: 'status', names: ['good.cn'] })).statusCode, 200);
  assert.equal((await act('cert', { action: 'hold', names: ['good.cn'], reason: 'x' })).statusCode, 403);
  assert.equal((await get('cert', '/names/good.cn')).statusCode, 200);
  assert.equal((await get('bj-telecom', '/names/good.cn')).statusCode, 404);
  assert.equal((await act('bj-telecom', { action: 'hold', names: ['good.cn'], reason: 'x' })).statusCode, 404);
  const noReason = await act('registry', { action: 'hold', names: ['good.cn'] });
  assert.equal(noReason.statusCode, 400);
  assert.equal((await act('registry', { action: 'hold', names: ['good.cn'], reason: 'x', sinkhole: true })).statusCode, 400);
  assert.equal((await act('registry', { action: 'drop', names: ['good.cn'], reason: 'x' })).statusCode, 400);
  const doc = (await get('office', '/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/names/{name}'] && doc.paths['/api/v1/names/actions']);
});

test('delete: the checklist on the request, two approvers other than the requester; the second approval deletes', async () => {
  const post = (who: Who, url: string, body?: object) => w.app.inject({ method: 'POST', url: `/api/v1/names/other.cn/${url}`, headers: { authorization: `Bearer ${tokens[who]}` }, ...(body ? { payload: body } : {}) });
  const checklist = { 'evidence-verified': true, 'registrar-contacted': true, 'registrant-notified-or-unreachable': true, 'no-legitimate-use': true, 'legal-review': true };
  const partial = await post('registry', 'delete-request', { reason: 'malware C2', checklist: { ...checklist, 'legal-review': false } });
  assert.equal(partial.statusCode, 400);
  assert.match(partial.json().error, /legal-review/);
  assert.equal((await post('registry', 'delete-request', { reason: 'malware C2', checklist })).statusCode, 200);
  assert.equal((await post('registry', 'delete-request', { reason: 'again', checklist })).statusCode, 409);
  assert.equal((await post('registry', 'delete-approve')).statusCode, 409, 'the requester cannot approve');
  assert.equal((await post('cert', 'delete-approve')).statusCode, 403);
  const first = await post('office', 'delete-approve');
  assert.deepEqual([first.statusCode, first.json().outcome, first.json().approvals], [200, 'applied', [w.userIds.office]]);
  assert.equal((await post('office', 'delete-approve')).json().outcome, 'already');
  const second = await post('registry-admin', 'delete-approve');
  assert.deepEqual([second.json().outcome, second.json().state], ['applied', { status: 'absent', locked: false }]);
  const status = await act('registry', { action: 'status', names: ['other.cn'] });
  assert.equal(status.json().results[0].state.status, 'absent');
  const history = (await get('registry', '/names/other.cn')).json().history;
  assert.deepEqual(history.map((h: { action: string; outcome: string }) => `${h.action} ${h.outcome}`), ['delete-request applied', 'delete-approve applied', 'delete-approve applied', 'delete applied']);
  assert.equal((await post('office', 'delete-approve')).statusCode, 409, 'no open request any more');
});

test('refer and no-action are records: the referral needs a case and a registrar', async () => {
  assert.equal((await act('registry', { action: 'refer', names: ['good.cn'], reason: 'malicious registration', registrar: 'reg-x' })).statusCode, 400);
  const none = await act('registry', { action: 'no-action', names: ['good.cn'], reason: 'not abusive after review' });
  assert.deepEqual(none.json().results.map((r: { outcome: string; note: string }) => [r.outcome, r.note]), [['applied', 'no action taken']]);
  assert.equal((await get('registry', '/names/good.cn')).json().history.at(-1).action, 'no-action');
});
