// Registry threat response through the real HTTP app (SPEC §6, issue 11): an anonymous public report is
// acknowledged at once, assessed inside the 24-hour timer, and the reporter's status page shows each
// step; a duplicate of the open case is linked, not dropped; referral to a registrar with its own
// deadline (silence recorded, never blocking); reminders and escalation through the ticker on a fake
// clock; scope (404 outside), personal data redacted for who may not read it and every read audited;
// X-ARF v4 import; authenticated law-enforcement reports; validation and size limits; retention.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { tickThreats } from '../src/threats/threat-ticker.ts';
import { buildThreatWorld, phishing, type ThreatWho, type ThreatWorld } from './threats-fixtures.ts';

let w: ThreatWorld;
before(async () => { w = await buildThreatWorld(); });
after(async () => { await w?.close(); });

const HOUR = 3_600_000;
const post = (body: unknown, ip = '192.0.2.10', headers: Record<string, string> = {}) =>
  w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', payload: body as object, remoteAddress: ip, headers });
const status = (id: string, token: string) => w.app.inject({ method: 'GET', url: `/api/v1/threat-reports/${id}?statusToken=${encodeURIComponent(token)}`, remoteAddress: '192.0.2.99' });
const as = (who: ThreatWho, method: 'GET' | 'POST', url: string, body?: unknown) =>
  w.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${w.tokens[who]}` }, ...(body ? { payload: body as object } : {}) });

let caseId = '';
let first = { trackingId: '', statusToken: '' };

test('an anonymous report: 202 with exactly the contract fields, acknowledged now, answer due in 24 h; the status page shows it', async () => {
  const res = await post(phishing());
  assert.equal(res.statusCode, 202, res.body);
  const a = res.json();
  assert.deepEqual(Object.keys(a).sort(), ['acknowledgedAt', 'assessmentDueAt', 'statusToken', 'trackingId']);
  assert.equal(a.acknowledgedAt, '2026-11-23T08:00:00.000Z');
  assert.equal(a.assessmentDueAt, '2026-11-24T08:00:00.000Z');
  first = a;
  const s = (await status(a.trackingId, a.statusToken)).json();
  assert.equal(s.state, 'acknowledged');
  assert.deepEqual(s.steps.map((x: { kind: string }) => x.kind), ['received', 'acknowledged']);
  assert.equal(s.intendedAction, null);
  assert.equal((await status(a.trackingId, 'wrong-token-123')).statusCode, 404, 'a wrong token is the same 404 as an unknown id');
  assert.equal((await status('TR-0000000000000000', a.statusToken)).statusCode, 404);
  const queue = (await as('registry', 'GET', '/threat-cases')).json().cases;
  assert.equal(queue.length, 1);
  caseId = queue[0].id;
  assert.equal(queue[0].sourceClass, 'anonymous');
  assert.equal(queue[0].credibility.score, 30, 'anonymous: judged on its two pieces of evidence');
  assert.equal(queue[0].responsible, 'registrar');
});

test('a duplicate of the open case (same name) is linked to it with its own tracking id, not dropped', async () => {
  w.clock.advance(10 * 60_000);
  const res = await post(phishing({ names: ['BANK-login.lab.'], description: 'same page, reported again', reporter: { name: 'Li Lei', email: 'li.lei@example.test', lang: 'en' } }), '198.51.100.7');
  assert.equal(res.statusCode, 202);
  const cases = (await as('office', 'GET', '/threat-cases')).json().cases;
  assert.equal(cases.length, 1);
  assert.equal(cases[0].reports, 2);
  const detail = (await as('registry', 'GET', `/threat-cases/${caseId}`)).json();
  assert.deepEqual(detail.reports.map((r: { trackingId: string }) => r.trackingId), [first.trackingId, res.json().trackingId]);
  assert.ok(detail.timeline.some((e: { kind: string }) => e.kind === 'report-linked'));
  const ack = (await w.store.notifications({ limit: 50 })).filter((n) => n.recipient === 'li.lei@example.test');
  assert.equal(ack.length, 1, 'the named reporter is acknowledged by email');
  assert.match((ack[0].payload as { subject: string }).subject, /^\[dnswarden\] Report received \/ 举报已收到/, 'in the reporter\'s language first');
});

test('scope: office, CERT and the registry see the case; registrars do not until it is referred to them', async () => {
  for (const who of ['office', 'cert', 'registry', 'registry-viewer'] as const) assert.equal((await as(who, 'GET', `/threat-cases/${caseId}`)).statusCode, 200, who);
  for (const who of ['reg-a', 'reg-b'] as const) {
    assert.equal((await as(who, 'GET', `/threat-cases/${caseId}`)).statusCode, 404, who);
    assert.deepEqual((await as(who, 'GET', '/threat-cases')).json().cases, []);
  }
  assert.equal((await as('cert', 'POST', `/threat-cases/${caseId}/assess`, { intendedAction: 'no-action', reason: 'x' })).statusCode, 403, 'the CERT reads, never handles');
  assert.equal((await w.app.inject({ method: 'GET', url: `/api/v1/threat-cases/${caseId}` })).statusCode, 401);
});

test('assessment inside the timer: the reporter sees the intended action, the time frame and each step', async () => {
  w.clock.advance(2 * HOUR);
  assert.equal((await as('registry', 'POST', `/threat-cases/${caseId}/close`, { reason: 'x' })).statusCode, 409, 'closing needs an assessment');
  const res = await as('registry', 'POST', `/threat-cases/${caseId}/assess`, { intendedAction: 'server-hold', reason: 'credential phishing confirmed', timeFrameHours: 4 });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'assessed');
  const s = (await status(first.trackingId, first.statusToken)).json();
  assert.equal(s.state, 'assessed');
  assert.equal(s.assessedAt, '2026-11-23T10:10:00.000Z');
  assert.ok(s.assessedAt < s.assessmentDueAt, 'inside the 24-hour timer');
  assert.deepEqual(s.intendedAction.words, { en: 'suspend resolution of the name (serverHold)', zh: '暂停域名解析（serverHold）' });
  assert.deepEqual(s.timeFrame, { hours: 4, by: '2026-11-23T14:10:00.000Z' });
  assert.deepEqual(s.steps.map((x: { kind: string }) => x.kind), ['received', 'acknowledged', 'assessed']);
  assert.equal(JSON.stringify(s).includes('li.lei'), false, "another reporter's details never appear");
  const told = (await w.store.notifications({ limit: 50 })).filter((n) => n.recipient === 'li.lei@example.test');
  assert.equal(told.length, 2);
  assert.match((told[1].payload as { text: string }).text, /Intended action: suspend resolution of the name \(serverHold\)[\s\S]*拟采取的措施：暂停域名解析/);
  await w.threats.recordAction('system', caseId, { name: 'bank-login.lab', action: 'server-hold', state: 'applied', requester: 'registry', approver: 'office' });
  w.clock.advance(HOUR);
  assert.equal((await as('registry', 'POST', `/threat-cases/${caseId}/mitigate`, { note: 'name on hold' })).statusCode, 200);
  const s2 = (await status(first.trackingId, first.statusToken)).json();
  assert.deepEqual(s2.steps.map((x: { kind: string }) => x.kind), ['received', 'acknowledged', 'assessed', 'action', 'mitigated']);
});

test('personal data: redacted for viewers, the CERT and registrars; shown to the registry and office actors; every read audited', async () => {
  const redacted = (await as('registry-viewer', 'GET', `/threat-cases/${caseId}`)).json();
  assert.equal(redacted.personalData, 'redacted');
  assert.deepEqual(redacted.reports[1].reporter, { name: '[redacted]', email: '[redacted]', lang: 'en' });
  assert.equal(JSON.stringify(redacted).includes('li.lei@example.test'), false);
  assert.equal(JSON.stringify((await as('cert', 'GET', `/threat-cases/${caseId}`)).json()).includes('Li Lei'), false);
  const full = (await as('registry', 'GET', `/threat-cases/${caseId}`)).json();
  assert.deepEqual(full.reports[1].reporter, { name: 'Li Lei', email: 'li.lei@example.test', lang: 'en' });
  const audit = await w.store.auditEntries(1, 1000);
  const reads = audit.filter((e) => e.target === caseId && (e.action === 'personal-data.read' || e.action === 'threat-case.read'));
  assert.ok(reads.some((e) => e.action === 'personal-data.read' && e.actor !== 'anonymous'));
  assert.ok(reads.some((e) => e.action === 'threat-case.read'));
  assert.equal(JSON.stringify(audit).includes('li.lei@example.test'), false, 'the audit log never holds the address');
  for (const f of ['iodef', 'stix']) {
    const body = (await as('registry', 'GET', `/threat-cases/${caseId}/${f}`)).body;
    assert.equal(body.includes('li.lei') || body.includes('Li Lei'), false, `${f} export carries no personal data`);
  }
});

test('referral: the registrar sees the case and answers; its silence past the deadline is recorded and blocks nothing', async () => {
  const res = await as('registry', 'POST', `/threat-cases/${caseId}/refer`, { registrar: 'reg-a', withinHours: 12, note: 'please suspend' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal((await as('registry', 'POST', `/threat-cases/${caseId}/refer`, { registrar: 'office' })).statusCode, 400);
  assert.equal((await as('reg-a', 'GET', `/threat-cases/${caseId}`)).json().personalData, 'redacted');
  assert.equal((await as('reg-b', 'GET', `/threat-cases/${caseId}`)).statusCode, 404);
  assert.deepEqual((await as('reg-a', 'GET', '/threat-cases?state=all')).json().cases.map((c: { id: string }) => c.id), [caseId], "the registrar's queue: what was referred to it");
  assert.deepEqual((await as('reg-b', 'GET', '/threat-cases?state=all&registrar=reg-a')).json().cases, []);
  assert.equal((await as('reg-a', 'GET', '/threat-cases/figures')).json().all.cases, 1);
  w.clock.advance(13 * HOUR);
  const tick = await tickThreats(w.threats);
  assert.deepEqual(tick.fired.map((f) => f.key), ['referral-overdue:reg-a'], 'mitigated: no action-overdue');
  assert.equal((await tickThreats(w.threats)).fired.length, 0, 'each timer fires once');
  assert.equal((await as('registry', 'POST', `/threat-cases/${caseId}/reply`, { message: 'The registrar has not answered; the name stays on hold.' })).statusCode, 200, 'the registry acts on');
  assert.equal((await as('reg-a', 'POST', `/threat-cases/${caseId}/referral-answer`, { answer: 'acted', note: 'suspended' })).statusCode, 200);
  assert.equal((await as('reg-b', 'POST', `/threat-cases/${caseId}/referral-answer`, { answer: 'acted' })).statusCode, 404);
  const kinds = (await as('office', 'GET', `/threat-cases/${caseId}`)).json().timeline.map((e: { kind: string }) => e.kind);
  assert.deepEqual(kinds.slice(-4), ['referred', 'referral-overdue', 'reply', 'referral-answered']);
});

test('timers: a reminder 4 h before the answer is due, an escalation to the registry and the office when it passes, once each', async () => {
  const res = await post(phishing({ names: ['malware-drop.lab'], threatType: 'malware', description: 'serves a trojan' }), '192.0.2.20');
  const id = (await as('office', 'GET', '/threat-cases?name=malware-drop.lab')).json().cases[0].id;
  assert.equal(res.statusCode, 202);
  w.clock.advance(19 * HOUR);
  assert.deepEqual((await tickThreats(w.threats)).fired.filter((f) => f.caseId === id), []);
  w.clock.advance(HOUR);
  assert.deepEqual((await tickThreats(w.threats)).fired.filter((f) => f.caseId === id).map((f) => f.key), ['assess-reminder']);
  w.clock.advance(4 * HOUR);
  assert.deepEqual((await tickThreats(w.threats)).fired.filter((f) => f.caseId === id).map((f) => f.key), ['assess-overdue']);
  const row = (await as('registry', 'GET', '/threat-cases')).json().cases.find((c: { id: string }) => c.id === id);
  assert.equal(row.assessmentOverdue, true, JSON.stringify(row));
  const mails = (await w.store.notifications({ limit: 200 })).filter((n) => (n.payload as { data?: { threatCase?: string } }).data?.threatCase === id);
  assert.deepEqual(mails.map((n) => `${(n.payload as { event: string }).event} ${n.recipient}`).sort(), [
    'threat-assess-overdue abuse@registry.test', 'threat-assess-overdue duty@office.test', 'threat-assess-reminder abuse@registry.test',
  ]);
  w.clock.advance(60_000);
  const late = await as('registry', 'POST', `/threat-cases/${id}/assess`, { intendedAction: 'no-action', reason: 'the file is a known false positive' });
  assert.equal(late.statusCode, 200);
  const entry = (await w.store.threatTimeline(id)).find((e) => e.kind === 'assessed')!;
  assert.equal(entry.detail.onTime, false);
  assert.equal((await as('registry', 'POST', `/threat-cases/${id}/assess`, { intendedAction: 'no-action', reason: '' })).statusCode, 400, 'no action needs a reason');
});

test('X-ARF v4 JSON is detected and mapped; a law-enforcement reporter gets its class; a high-priority harm raises the priority', async () => {
  const xarf = {
    xarf_version: '4.0.0', report_id: 'abc-1', timestamp: '2026-11-23T07:00:00Z', category: 'fraud', type: 'phishing',
    reporter: { org: 'Example CERT', contact: 'abuse@cert.example', domain: 'cert.example' }, sender: { org: 'Example CERT' },
    source_identifier: 'http://paypal-verify.lab/signin', evidence: [{ content_type: 'text/html', payload: Buffer.from('<html>').toString('base64') }],
  };
  const res = await post(xarf, '192.0.2.30');
  assert.equal(res.statusCode, 202, res.body);
  const r = await w.store.getThreatReport(res.json().trackingId);
  assert.equal(r!.format, 'xarf');
  assert.deepEqual(r!.names, ['paypal-verify.lab']);
  assert.equal(r!.threatType, 'phishing');
  assert.deepEqual(r!.reporter, { email: 'abuse@cert.example', organisation: 'Example CERT' });
  const le = await post(phishing({ names: ['kids.lab'], threatType: 'other', description: 'child sexual abuse material hosted here', evidence: [] }), '192.0.2.31',
    { authorization: `Bearer ${w.tokens.police}` });
  assert.equal(le.statusCode, 202);
  const c = (await as('office', 'GET', '/threat-cases?name=kids.lab')).json().cases[0];
  assert.equal(c.sourceClass, 'law-enforcement');
  assert.equal(c.priority, 'high');
  assert.deepEqual(c.harms, ['child-exploitation']);
  assert.equal((await as('office', 'GET', '/threat-cases')).json().cases[0].id, c.id, 'high priority first in the queue');
  assert.equal((await post(phishing(), '192.0.2.32', { authorization: 'Bearer nope-nope-nope' })).statusCode, 401);
});

test('validation: names, evidence cap, body size, unknown fields', async () => {
  assert.equal((await post(phishing({ names: ['not a name'] }), '192.0.2.40')).statusCode, 400);
  assert.equal((await post(phishing({ names: ['localhost'] }), '192.0.2.40')).statusCode, 400, 'one label is not a registrable name');
  assert.equal((await post(phishing({ evidence: Array.from({ length: 21 }, (_, i) => ({ kind: 'url', value: `http://x.lab/${i}` })) }), '192.0.2.41')).statusCode, 400);
  assert.equal((await post(phishing({ description: 'x'.repeat(70_000) }), '192.0.2.42')).statusCode, 413);
  assert.equal((await post(phishing({ colour: 'red' }), '192.0.2.43')).statusCode, 400);
  const idn = await post(phishing({ names: ['银行.lab'] }), '192.0.2.44');
  assert.equal(idn.statusCode, 202);
  assert.deepEqual((await w.store.getThreatReport(idn.json().trackingId))!.names, [domainToASCII('银行.lab')]);
});

test('figures per source class and registrar; retention erases personal data of closed cases only', async () => {
  const f = (await as('office', 'GET', '/threat-cases/figures')).json();
  assert.equal(f.bySource.anonymous.assessed >= 1, true);
  assert.equal(f.byRegistrar['reg-a'].cases, 1);
  assert.equal(f.bySource.anonymous.acknowledgeMin, 0);
  assert.equal((await as('registry', 'POST', `/threat-cases/${caseId}/close`, { reason: 'done' })).statusCode, 200);
  assert.equal((await status(first.trackingId, first.statusToken)).json().state, 'closed');
  assert.deepEqual(await w.threats.prune(), { reports: 0, cases: 0 }, 'kept for threats.retention (365 d)');
  w.clock.advance(366 * 86_400_000);
  assert.deepEqual(await w.threats.prune(), { reports: 1, cases: 0 });
  assert.equal((await w.store.threatReports(caseId)).every((r) => r.reporter === null), true);
  assert.notEqual((await w.store.listThreatCases({ name: 'paypal-verify.lab' }))[0], undefined);
});
