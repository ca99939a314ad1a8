// The response process over HTTP: the directive gate, the process commands, report downloads,
// warnings with live events, contacts and contact drills, drills. Users, hostile bodies and the
// OpenAPI document: http-response-api.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { worldForFile } from './http-access-fixtures.ts';
import { pdfAvailable } from '../src/report/render-pdf.ts';

const shared = worldForFile();
const call = shared.call;

test('the directive gate over HTTP: a province-wide flush is refused (409, with the reason) until the right authority directs it', async () => {
  const id = shared.world.incidents['bj-telecom'].id;
  const flush = { measureId: 'flush-resolver-cache-province', province: 'BJ', execute: true };
  const refused = await call('bj-telecom', 'POST', `/incidents/${id}/measures`, flush);
  assert.equal(refused.status, 409);
  assert.match(refused.json.error, /major: it needs a directive from the emergency office or the authority of province BJ/);
  const refusedRecord = (await shared.world.store.getIncident(id))!.detail.measures as Array<{ state: string; measureId: string }>;
  assert.ok(refusedRecord.some((m) => m.state === 'refused' && m.measureId === flush.measureId), 'the refusal is on record');

  assert.equal((await call('sh', 'POST', `/incidents/${id}/directives`, { measureId: flush.measureId, province: 'BJ', text: 'flush' })).status, 404, 'SH does not see it');
  assert.equal((await call('cert', 'POST', `/incidents/${id}/directives`, { measureId: flush.measureId, province: 'BJ', text: 'flush' })).status, 403);
  const national = await call('bj', 'POST', `/incidents/${id}/directives`, { measureId: 'flush-resolver-cache-national', text: 'national flush' });
  assert.equal(national.status, 403, 'a province cannot direct a national measure');
  assert.match(national.json.error, /national/);
  const directed = await call('bj', 'POST', `/incidents/${id}/directives`, { measureId: flush.measureId, province: 'BJ', text: '北京市通信管理局：请全省清除递归缓存' });
  assert.equal(directed.status, 200, JSON.stringify(directed.json));
  assert.equal(directed.json.detail.directives.at(-1).issuedBy.org, 'bj-authority');

  const executed = await call('bj-telecom', 'POST', `/incidents/${id}/measures`, flush);
  assert.equal(executed.status, 200, JSON.stringify(executed.json));
  assert.ok(executed.json.detail.measures.some((m: { state: string; measureId: string }) => m.state === 'executed' && m.measureId === flush.measureId));
  const kinds = executed.json.timeline.map((e: { kind: string }) => e.kind);
  assert.ok(kinds.includes('measure-refused') && kinds.includes('directive-recorded') && kinds.includes('measure-executed'), kinds.join());
  assert.ok(shared.world.events.some((e) => e.kind === 'incident' && (e as { data: { id: string } }).data.id === id), 'published on the live feed');
});

test('the process: confirm, phases, information report (problems on 400), closing report, close; reports download', async () => {
  const id = shared.world.incidents['sh-site'].id;
  const incomplete = await call('sh-site', 'POST', `/incidents/${id}/information-report`, { startedAt: '2026-11-23T07:50:00Z', scope: ' ', harm: 'x', measuresTaken: 'x', recommendations: 'x' });
  assert.equal(incomplete.status, 400);
  assert.ok(Array.isArray(incomplete.json.problems) && incomplete.json.problems.length > 0, JSON.stringify(incomplete.json));
  const report = { startedAt: '2026-11-23T07:50:00Z', scope: '上海地区用户无法解析 site.example', harm: 'site unreachable for SH users', measuresTaken: 'switched to backup nodes', recommendations: 'add a second provider' };
  const filed = await call('sh-site', 'POST', `/incidents/${id}/information-report`, report);
  assert.equal(filed.status, 200, JSON.stringify(filed.json));
  assert.equal(filed.json.incident.phase, 'information-report');
  assert.equal((await call('sh-site', 'POST', `/incidents/${id}/information-report`, report)).status, 409, 'filed already');
  assert.equal((await call('registry', 'POST', `/incidents/${id}/information-report`, report)).status, 404);

  for (const [format, type] of [['md', 'text/markdown'], ['html', 'text/html']] as const) {
    for (const lang of ['zh', 'en', 'both']) {
      const dl = await call('sh', 'GET', `/incidents/${id}/report?kind=information&format=${format}&lang=${lang}`);
      assert.equal(dl.status, 200);
      assert.ok(String(dl.res.headers['content-type']).startsWith(type), String(dl.res.headers['content-type']));
      assert.equal(dl.res.headers['content-disposition'], `attachment; filename="incident-${id}-information-${lang}.${format}"`);
      assert.ok(dl.res.body.includes(lang === 'en' ? 'switched to backup nodes' : '上海地区用户无法解析'), `${format} ${lang}`);
    }
  }
  assert.equal((await call('bj', 'GET', `/incidents/${id}/report?format=md`)).status, 404, 'outside the scope');
  assert.equal((await call('sh', 'GET', `/incidents/${id}/report?format=docx`)).status, 400);

  const pdf = await call('sh', 'GET', `/incidents/${id}/report?format=pdf&lang=zh`);
  if (pdfAvailable()) {
    assert.equal(pdf.status, 200);
    assert.equal(pdf.res.headers['content-type'], 'application/pdf');
    assert.equal(pdf.res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  } else {
    assert.equal(pdf.status, 501);
    assert.match(pdf.json.error, /Chromium/);
  }

  assert.equal((await call('sh-site', 'POST', `/incidents/${id}/phase`, { to: 'emergency-handling' })).status, 200);
  assert.equal((await call('sh-site', 'POST', `/incidents/${id}/phase`, { to: 'recovery' })).status, 200);
  assert.equal((await call('sh-site', 'POST', `/incidents/${id}/close`, {})).status, 403, 'the affected website does not close it; its commander does');
  assert.equal((await call('sh', 'POST', `/incidents/${id}/close`, {})).status, 409, 'no closing report yet');
  const closing = await call('sh-site', 'POST', `/incidents/${id}/closing-report`, { summary: 'restored', cause: 'expired DS record', lessons: 'monitor DS expiry' });
  assert.equal(closing.status, 200, JSON.stringify(closing.json));
  const closed = await call('sh', 'POST', `/incidents/${id}/close`, {});
  assert.equal(closed.status, 200, JSON.stringify(closed.json));
  assert.equal(closed.json.incident.state, 'closed');
  const closingDoc = await call('office', 'GET', `/incidents/${id}/report?kind=closing&format=md&lang=en`);
  assert.match(closingDoc.res.body, /expired DS record/);
  const audit = (await shared.world.store.auditEntries(1, 5000)).filter((e) => e.target === id).map((e) => `${e.actor === shared.world.userIds['sh-site'] || e.actor === shared.world.userIds.sh ? 'ok' : e.actor}:${e.action}`);
  assert.ok(audit.includes('ok:incident.closed') && audit.includes('ok:incident.information-report-filed'), audit.join());
});

test('manual incidents, grade confirmation and reassignment over HTTP', async () => {
  const opened = await call('big-dns', 'POST', '/incidents', { systemId: 'big-auth', proposedGrade: 'I', title: '解析全部中断', description: 'all nodes stopped' });
  assert.equal(opened.status, 201, JSON.stringify(opened.json));
  const id = opened.json.incident.id;
  assert.equal(opened.json.incident.needsConfirmation, true);
  assert.equal((await call('big-dns', 'POST', '/incidents', { systemId: 'cn-tld', title: 'x', description: 'y' })).status, 404, 'not its system');
  assert.equal((await call('big-dns', 'POST', `/incidents/${id}/confirm-grade`, { decision: 'confirmed', reason: 'we think so' })).status, 403);
  const confirmed = await call('office', 'POST', `/incidents/${id}/confirm-grade`, { decision: 'confirmed', reason: '社会影响特别重大' });
  assert.equal(confirmed.status, 200);
  assert.equal(confirmed.json.incident.grade, 'I');
  assert.equal((await call('office', 'POST', `/incidents/${id}/confirm-grade`, { decision: 'confirmed', reason: 'again' })).status, 409);
  assert.equal((await call('bj', 'POST', `/incidents/${id}/reassign`, { province: 'BJ', reason: 'x' })).status, 404);
  const moved = await call('office', 'POST', `/incidents/${id}/reassign`, { province: 'BJ', reason: '就近处置' });
  assert.equal(moved.status, 200);
  assert.deepEqual(moved.json.incident.commander, { role: 'provincial-authority', province: 'BJ' });
  assert.equal((await call('bj', 'GET', `/incidents/${id}`)).status, 200, 'the assigned authority now sees it');
  assert.ok((await call('bj', 'GET', '/incidents?province=BJ')).json.incidents.some((i: { id: string }) => i.id === id));
  const filtered = await call('office', 'GET', '/incidents?grade=I&state=open');
  assert.deepEqual(filtered.json.incidents.map((i: { id: string }) => i.id), [id]);
});

test('warnings: issue, adjust, lift (with the province rule), live events and audit', async () => {
  const issued = await call('bj', 'POST', '/warnings', { level: 'yellow', scope: { national: false, provinces: ['BJ'] }, text: '北京地区递归解析异常风险' });
  assert.equal(issued.status, 201);
  const id = issued.json.id;
  const sh = await call('sh', 'POST', '/warnings', { level: 'yellow', scope: { national: false, provinces: ['BJ'] }, text: 'x' });
  assert.equal(sh.status, 403);
  assert.match(sh.json.error, /only for SH/);
  assert.equal((await call('bj', 'POST', `/warnings/${id}/adjust`, { scope: { national: true }, reason: 'wider' })).status, 403, 'not national');
  assert.equal((await call('bj', 'POST', `/warnings/${id}/adjust`, { level: 'orange', reason: 'worse', version: 99 })).status, 409, 'stale version');
  const adjusted = await call('bj', 'POST', `/warnings/${id}/adjust`, { level: 'orange', reason: 'worse' });
  assert.equal(adjusted.status, 200);
  assert.equal(adjusted.json.level, 'orange');
  assert.equal((await call('sh', 'POST', `/warnings/${id}/lift`, { reason: 'x' })).status, 403);
  const lifted = await call('office', 'POST', `/warnings/${id}/lift`, { reason: '风险解除' });
  assert.equal(lifted.status, 200);
  assert.equal(lifted.json.state, 'lifted');
  assert.equal((await call('office', 'POST', `/warnings/${id}/lift`, { reason: 'again' })).status, 409);
  assert.deepEqual(shared.world.events.filter((e) => e.kind === 'warning' && (e.data as { warning: { id: string } }).warning.id === id).map((e) => (e as { data: { change: string } }).data.change),
    ['issued', 'adjusted', 'lifted']);
  const actions = (await shared.world.store.auditEntries(1, 5000)).filter((e) => e.target === id).map((e) => e.action);
  assert.deepEqual(actions, ['warning.issue', 'warning.adjust', 'warning.lift']);
  assert.ok((await call('sh-site', 'GET', '/warnings?state=lifted')).json.warnings.some((w: { id: string }) => w.id === id));
});

test('contacts: optimistic version, completeness problems, 3-day reminder, personal-data reads audited', async () => {
  const contacts = [{ name: '值班室', role: 'primary', phone: '+86 21 5555 0100', email: 'duty@site.example' }, { name: 'Backup', role: 'backup', email: 'b@site.example' }];
  assert.equal((await call('sh-site', 'PUT', '/orgs/sh-site/contacts', { contacts })).status, 428, 'a version is required');
  const noBackup = await call('sh-site', 'PUT', '/orgs/sh-site/contacts', { contacts: [contacts[0]], version: 0 });
  assert.equal(noBackup.status, 400);
  assert.deepEqual(noBackup.json.problems, ['no backup contact']);
  const put = await call('sh-site', 'PUT', '/orgs/sh-site/contacts', { contacts, version: 0 });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  assert.equal(put.json.list.version, 1);
  assert.equal(put.json.change.late, false);
  assert.match(put.json.reminder, /within 3 days, by \d{4}-/);
  assert.equal(put.res.headers.etag, '"1"');
  assert.equal((await call('sh-site', 'PUT', '/orgs/sh-site/contacts', { contacts }, { 'if-match': '"0"' })).status, 409, 'stale If-Match');
  assert.equal((await call('sh-site', 'PUT', '/orgs/sh-site/contacts', { contacts, version: 1 }, { 'if-match': '"0"' })).status, 400, 'header and body disagree');

  shared.world.clock.advance(4 * 86_400_000);
  const read = await call('office', 'GET', '/orgs/sh-site/contacts');
  assert.equal(read.json.redacted, false);
  assert.equal(read.json.lateChangeReports, 1, 'not reported within 3 days');
  assert.equal(read.json.changes.at(-1).late, true);
  assert.match(read.json.changes.at(-1).byName, / \(sh-site\)$/, 'the changer by name, for those with the personal-data right');
  const redacted = await call('sh', 'GET', '/orgs/sh-site/contacts');
  assert.equal(redacted.json.redacted, true);
  assert.equal(redacted.json.contacts[0].email, '[redacted]');
  assert.equal(redacted.json.changes.at(-1).byName, null, 'no name without the personal-data right');
  const reads = (await shared.world.store.auditEntries(1, 5000)).filter((e) => e.action === 'personal-data.read' && e.target === 'contacts:sh-site');
  assert.equal(reads.length, 1, 'the office read was audited; the redacted read shows no personal data');
  assert.equal(reads[0].actor, shared.world.userIds.office);

  const changeId = read.json.changes.at(-1).id;
  assert.equal((await call('sh', 'POST', `/contact-changes/${changeId}/report`)).status, 403);
  assert.equal((await call('sh-site', 'POST', `/contact-changes/${changeId}/report`)).status, 200);
  const changes = await call('sh', 'GET', '/contact-changes?org=sh-site');
  assert.equal(changes.json.changes.at(-1).reportedAt !== null, true);
  assert.deepEqual((await call('registry', 'GET', '/contact-changes?org=sh-site')).json.changes, [], 'nothing outside the scope');
  const orgs = await call('sh', 'GET', '/orgs');
  assert.deepEqual(orgs.json.orgs.map((o: { id: string }) => o.id).sort(), ['sh-authority', 'sh-site']);
});

test('contact drills: a test message per contact; the acknowledgement code (public route) records who and when', async () => {
  const contacts = [{ name: 'Registry NOC', role: 'primary', email: 'noc@registry.example' }, { name: 'Registry CTO', role: 'backup', email: 'cto@registry.example', lang: 'en' }];
  const { version } = await shared.world.store.getContacts('registry');
  assert.equal((await call('registry', 'PUT', '/orgs/registry/contacts', { contacts, version })).status, 200);
  assert.equal((await call('big-dns', 'POST', '/contact-drills', { org: 'registry' })).status, 404);
  assert.equal((await call('registry-viewer', 'POST', '/contact-drills', { org: 'registry' })).status, 403);
  const started = await call('office', 'POST', '/contact-drills', { org: 'registry', withinMinutes: 10 });
  assert.equal(started.status, 201, JSON.stringify(started.json));
  assert.equal(started.json.messages, 2);
  const drillId = started.json.id;
  const queued = (await shared.world.store.notifications({ limit: 100 })).filter((n) => (n.payload as { data?: { drillId?: string } }).data?.drillId === drillId);
  assert.deepEqual(queued.map((n) => n.recipient).sort(), ['cto@registry.example', 'noc@registry.example']);
  const codeOf = (recipient: string) => (queued.find((n) => n.recipient === recipient)!.payload as { data: { ackToken: string } }).data.ackToken;

  const ack = (token: string) => shared.world.app.inject({ method: 'POST', url: `/api/v1/contact-drills/${drillId}/ack`, payload: { token } });
  shared.world.clock.advance(60_000);
  const first = await ack(codeOf('noc@registry.example'));
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual([first.json().contact, first.json().late], ['Registry NOC', false]);
  assert.equal((await ack('A'.repeat(43))).statusCode, 404, 'a wrong code');
  assert.equal((await ack('short')).statusCode, 400);
  shared.world.clock.advance(20 * 60_000);
  const late = await ack(codeOf('cto@registry.example'));
  assert.equal(late.json().late, true);
  const again = await ack(codeOf('noc@registry.example'));
  assert.equal(again.json().ackedAt, first.json().ackedAt, 'the first acknowledgement counts');

  const view = await call('registry', 'GET', `/contact-drills/${drillId}`);
  assert.deepEqual(view.json.contacts.map((c: { name: string; ackedAt: string | null }) => [c.name, c.ackedAt !== null]), [['Registry NOC', true], ['Registry CTO', true]]);
  assert.equal(view.json.contacts[0].address, 'noc@registry.example');
  assert.equal((await call('cert', 'GET', `/contact-drills/${drillId}`)).json.contacts[0].address, undefined, 'addresses only with the personal-data right');
  assert.equal((await call('big-dns', 'GET', `/contact-drills/${drillId}`)).status, 404);
  const acks = (await shared.world.store.auditEntries(1, 5000)).filter((e) => e.action === 'contact-drill.ack' && e.target === drillId);
  assert.equal(acks.length, 3);
});

test('drills over HTTP: start, drill incidents kept apart, report scoped to the participant', async () => {
  const started = await call('office', 'POST', '/drills', { name: '国家级演练 2026', faults: [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }, { systemId: 'bj-resolver', kind: 'stopped', minutes: 90 }] });
  assert.equal(started.status, 201, JSON.stringify(started.json));
  const drillId = started.json.drill.id;
  assert.deepEqual(started.json.drill.scope, { level: 'national', orgs: ['bj-telecom', 'registry'] });
  assert.equal(started.json.incidents.length, 2);
  const real = (await call('office', 'GET', '/incidents')).json.incidents.map((i: { id: string }) => i.id);
  assert.ok(started.json.incidents.every((i: { id: string }) => !real.includes(i.id)), 'not among real incidents');
  const drills = (await call('office', 'GET', '/incidents?drill=true')).json.incidents;
  assert.ok(started.json.incidents.every((i: { id: string }) => drills.some((d: { id: string; drill: boolean }) => d.id === i.id && d.drill)));

  const full = await call('office', 'GET', `/drills/${drillId}/report`);
  assert.equal(full.status, 200);
  assert.equal(full.json.incidents.length, 2);
  const mine = await call('bj-telecom', 'GET', `/drills/${drillId}/report`);
  assert.deepEqual(mine.json.incidents.map((i: { systemId: string }) => i.systemId), ['bj-resolver']);
  assert.equal((await call('sh-site', 'GET', `/drills/${drillId}/report`)).status, 404);
  assert.equal((await call('office', 'POST', '/drills', { name: 'nothing', faults: [{ systemId: 'sh-site-dns', kind: 'data-errors', rate: 0 }] })).status, 400);
  assert.equal((await call('office', 'POST', '/drills', { name: 'ghost', systemId: 'no-such-system' })).status, 404);
});
