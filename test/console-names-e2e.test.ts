// Actions on a case's names in Debian's Chromium, against the real HTTP app and a real Knot primary
// (issue 11 items 4 and 9): the registry's duty officer opens the case of a reported phishing name and
// puts it on hold from the case page — the result per name is shown, the action is on the case
// timeline, the delegation is gone from the primary, the name's page shows its state and history — and
// the reporter's status page shows "on hold since …". The second name is deleted: checklist and request
// on the case page, the requester's own approval refused, one approval by the office, the second by
// another registry officer in the console deletes it at the primary. Then a 1,200-name DGA list is
// blocked from the names page in batches of 500 (three requests), progress counted to 1200 / 1200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as packet from '@leichtgewicht/dns-packet';
import { contractZoneText, SINKHOLE } from '../src/registry/connector.contract.ts';
import { ensureConsoleBuilt, launchChromium, pageGuard, screenshot } from './support/console-browser.ts';
import { freePort } from './support/dns-client-nsd.ts';
import { newKey, startKnotPrimary } from './support/registry-primaries.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { CHEAP, PASSWORD } from './http-access-fixtures.ts';
import { buildThreatWorld, phishing } from './threats-fixtures.ts';

const ADDRESS = '127.0.76.1';
type El = { getAttribute(n: string): string | null };

function rcodeOfNs(port: number, name: string): Promise<string | undefined> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.close(); reject(new Error('no answer')); }, 5000);
    socket.on('message', (msg) => { clearTimeout(timer); socket.close(); resolve(packet.decode(msg).rcode); });
    socket.bind(0, '127.0.0.1', () => socket.send(packet.encode({ id: 9, type: 'query', questions: [{ name, type: 'NS' }] }), port, ADDRESS));
  });
}

async function signIn(page: Page, url: string, username: string): Promise<void> {
  const calls: string[] = [];
  page.on('response', (r) => { if (r.url().includes('/api/v1/')) calls.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`); });
  await page.goto(url);
  await page.evaluate(() => localStorage.setItem('dw.lang', 'en'));
  await page.reload();
  const login = page.locator('[data-testid=login-form]');
  await login.locator('input[name=username]').fill(username);
  await login.locator('input[name=password]').fill(PASSWORD);
  await login.locator('button[type=submit]').click();
  await page.locator('nav').waitFor().catch(async () => { throw new Error(`${username} not signed in: ${calls.join(', ')}`); });
}

test('console: hold from the case page through dns-update (Knot) → result, timeline, name page, status page; delete with two approvals; a DGA list in batches', { timeout: 240_000 }, async (t) => {
  ensureConsoleBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-console-names-'));
  const key = newKey();
  const port = await freePort(ADDRESS);
  const primary = await startKnotPrimary({ dir, address: ADDRESS, port, zone: 'lab.', key,
    zoneText: contractZoneText('lab.', ADDRESS, ['bank-login IN NS ns1.bank-login', 'ns1.bank-login IN A 192.0.2.9']) });
  const w = await buildThreatWorld({ start: new Date().toISOString(), deps: { dataDir: dir } });
  w.config.registry = { zones: ['lab.'], connector: { kind: 'dns-update', primary: { address: ADDRESS, port }, tsig: key, maxMessageBytes: 60_000, timeoutMs: 5000 },
    sinkhole: { ...SINKHOLE, log: { maxBytes: 1 << 20, files: 2 } } };
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  t.after(async () => { await browser.close().catch(() => undefined); await w.close(); await primary.stop(); rmSync(dir, { recursive: true, force: true }); });

  const filed = await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', payload: phishing({ names: ['bank-login.lab', 'good.lab'] }), remoteAddress: '192.0.2.10' });
  assert.equal(filed.statusCode, 202, filed.body);
  const { trackingId, statusToken } = filed.json();
  const caseId = (await w.store.listThreatCases())[0].id;
  assert.equal(await rcodeOfNs(port, 'bank-login.lab'), 'NOERROR');

  const staff = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1366, height: 900 } })).newPage();
  staff.setDefaultTimeout(30_000);
  const staffErrors = pageGuard(staff);
  const actions: number[] = [];
  staff.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/names/actions')) actions.push((JSON.parse(r.postData() ?? '{}') as { names: string[] }).names.length); });
  await signIn(staff, url, 'registry');
  await staff.goto(`${url}/threats/${caseId}`);

  const form = staff.locator('[data-testid=name-action-form]');
  await form.locator('input[name=name][value="good.lab"]').uncheck();
  await form.locator('select[name=action]').selectOption('hold');
  await form.locator('textarea[name=reason]').fill('Credential phishing confirmed');
  await form.locator('textarea[name=evidence]').fill('http://bank-login.lab/login');
  await form.locator('button[type=submit]').click();
  await form.locator('[data-testid=name-action-results] li[data-name="bank-login.lab"][data-outcome=applied]').waitFor();
  assert.deepEqual(actions, [1]);
  const timeline = staff.locator('[data-testid=case-timeline] li[data-kind=action]');
  await timeline.first().waitFor();
  assert.match(await timeline.first().textContent() ?? '', /hold \(serverHold\) bank-login\.lab\.? \(1 applied/);
  assert.equal(await rcodeOfNs(port, 'bank-login.lab'), 'NXDOMAIN', 'the delegation is gone from the primary');
  await screenshot(staff, 'threat-case-names.png', true);
  const [download] = await Promise.all([staff.waitForEvent('download'), staff.locator('[data-testid=export-sinkhole-log]').click()]);
  assert.equal(download.suggestedFilename(), `${caseId}-sinkhole-log.csv`);
  const reads = (await w.store.auditEntries(1, 10_000)).filter((e) => e.action === 'personal-data.read' && e.target === caseId && (e.detail as { what?: string }).what === 'sinkhole log');
  assert.equal(reads.length, 1, 'the export is audited');

  await form.locator('a', { hasText: 'bank-login.lab' }).click();
  await staff.locator('[data-testid=name-state][data-status=held]').waitFor();
  assert.deepEqual(await staff.locator('[data-testid=name-history] li').evaluateAll((ls) => ls.map((l) => (l as unknown as El).getAttribute('data-action'))), ['hold']);
  assert.match(await staff.locator('[data-testid=name-history] li').first().textContent() ?? '', /Credential phishing confirmed/);

  // The reporter: no account, no personal data; the measure in force.
  const reporter = await browser.newPage({ locale: 'en-GB', timezoneId: 'UTC' });
  reporter.setDefaultTimeout(30_000);
  const reporterErrors = pageGuard(reporter);
  await reporter.goto(`${url}/report/status?trackingId=${trackingId}&statusToken=${encodeURIComponent(statusToken)}`);
  await reporter.evaluate(() => localStorage.setItem('dw.lang', 'en'));
  await reporter.reload();
  const measure = reporter.locator('[data-testid=status-measures] li[data-status=held]');
  await measure.waitFor();
  assert.match(await measure.textContent() ?? '', /^bank-login\.lab on hold · since \d/);
  assert.match(await reporter.locator('[data-testid=status-steps] li[data-kind=action]').first().textContent() ?? '', /action taken — name put on hold \(serverHold\): bank-login\.lab\.? \(1 applied/);
  assert.ok(!(await reporter.content()).includes('User registry'), 'who acted is not shown to the reporter');
  await reporter.locator('[data-testid=lang]').click();
  await reporter.locator('[data-testid=status-measures] li[data-status=held]', { hasText: '已暂停解析 · 起始于' }).waitFor();
  assert.match(await reporter.locator('[data-testid=status-steps] li[data-kind=action]').first().textContent() ?? '', /域名已暂停解析（serverHold）：bank-login\.lab\.?（已执行 1，已是该状态 0，被拒绝 0，失败 0）$/);

  // Deleting good.lab: the checklist and a request, the requester cannot approve, two others approve (the second deletes).
  await staff.goto(`${url}/threats/${caseId}`);
  const del = staff.locator('[data-testid=delete-form]');
  await del.locator('select[name=deleteName]').selectOption('good.lab');
  for (const c of ['evidence-verified', 'registrar-contacted', 'registrant-notified-or-unreachable', 'no-legitimate-use', 'legal-review']) await del.locator(`input[name=${c}]`).check();
  await del.locator('textarea[name=deleteReason]').fill('Registered for phishing only');
  await del.locator('button[type=submit]').click();
  await del.locator('[data-testid=delete-results] li[data-name="good.lab"][data-outcome=applied]').waitFor();
  await del.locator('[data-testid=approve-delete]').click();
  await staff.locator('[data-testid=name-action-error]', { hasText: 'the requester cannot approve' }).waitFor();
  const first = await w.app.inject({ method: 'POST', url: '/api/v1/names/good.lab/delete-approve', headers: { authorization: `Bearer ${w.tokens.office}` } });
  assert.deepEqual([first.statusCode, first.json().outcome, first.json().approvals.length], [200, 'applied', 1]);
  assert.equal(await rcodeOfNs(port, 'good.lab'), 'NOERROR', 'one approval deletes nothing');
  await w.store.createUser({ org: 'registry', username: 'registry-2', displayName: 'User registry-2', passwordHash: await hashPassword(PASSWORD, CHEAP), roles: ['duty-officer'], createdAt: w.clock.now().toISOString() });
  const probe = await w.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'registry-2', password: PASSWORD } });
  assert.equal(probe.statusCode, 200, probe.body);
  const second = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' })).newPage();
  second.setDefaultTimeout(30_000);
  const secondErrors = pageGuard(second);
  await signIn(second, url, 'registry-2');
  await second.goto(`${url}/threats/${caseId}`);
  const del2 = second.locator('[data-testid=delete-form]');
  await del2.locator('select[name=deleteName]').selectOption('good.lab');
  await del2.locator('[data-testid=approve-delete]').click();
  await del2.locator('[data-testid=delete-results] li[data-name="good.lab"][data-outcome=applied]').waitFor();
  assert.equal(await rcodeOfNs(port, 'good.lab'), 'NXDOMAIN', 'the second approval deleted the name at the primary');
  await second.goto(`${url}/names/good.lab`);
  await second.locator('[data-testid=name-state][data-status=absent]').waitFor();
  assert.deepEqual(await second.locator('[data-testid=name-history] li').evaluateAll((ls) => ls.map((l) => (l as unknown as El).getAttribute('data-action'))),
    ['delete-request', 'delete-approve', 'delete-approve', 'delete']);
  assert.deepEqual(secondErrors(), []);

  // A DGA list: 1,200 names, three requests of at most 500.
  await staff.goto(`${url}/names`);
  const dga = staff.locator('[data-testid=dga-form]');
  await dga.locator('textarea[name=names]').fill(Array.from({ length: 1200 }, (_, i) => `dga-${i}-x7q.lab`).join('\n'));
  await dga.locator('textarea[name=reason]').fill('DGA family X');
  await dga.locator('input[name=until]').fill('90d');
  await dga.locator('button[type=submit]').click();
  await dga.locator('[data-testid=dga-progress][data-done="1200"][data-total="1200"]').waitFor();
  assert.match(await dga.locator('[data-testid=dga-counts]').textContent() ?? '', /applied 1200 · already so 0 · refused 0 · failed 0/);
  assert.deepEqual(actions, [1, 500, 500, 200]);
  assert.equal((await w.store.listNameStates({ statuses: ['reserved'] })).length, 1200);
  assert.deepEqual(staffErrors(), []);
  assert.deepEqual(reporterErrors(), []);
});
