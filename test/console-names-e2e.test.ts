// Actions on a case's names in Debian's Chromium, against the real HTTP app and a real Knot primary
// (issue 11 items 4 and 9): the registry's duty officer opens the case of a reported phishing name and
// puts it on hold from the case page — the result per name is shown, the action is on the case
// timeline, the delegation is gone from the primary, the name's page shows its state and history — and
// the reporter's status page shows "on hold since …". Then a 1,200-name DGA list is blocked from the
// names page in batches of 500 (three requests), progress counted to 1200 / 1200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as packet from '@leichtgewicht/dns-packet';
import { contractZoneText, SINKHOLE } from '../src/registry/connector.contract.ts';
import { ensureConsoleBuilt, launchChromium, pageGuard, screenshot } from './support/console-browser.ts';
import { freePort } from './support/dns-client-nsd.ts';
import { newKey, startKnotPrimary } from './support/registry-primaries.ts';
import { PASSWORD } from './http-access-fixtures.ts';
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

test('console: hold from the case page through dns-update (Knot) → result, timeline, name page, status page; a DGA list in batches', { timeout: 240_000 }, async (t) => {
  ensureConsoleBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-console-names-'));
  const key = newKey();
  const port = await freePort(ADDRESS);
  const primary = await startKnotPrimary({ dir, address: ADDRESS, port, zone: 'lab.', key,
    zoneText: contractZoneText('lab.', ADDRESS, ['bank-login IN NS ns1.bank-login', 'ns1.bank-login IN A 192.0.2.9']) });
  const w = await buildThreatWorld({ start: new Date().toISOString() });
  w.config.registry = { zones: ['lab.'], connector: { kind: 'dns-update', primary: { address: ADDRESS, port }, tsig: key, maxMessageBytes: 60_000, timeoutMs: 5000 },
    sinkhole: { ...SINKHOLE, log: { maxBytes: 1 << 20, files: 2 } } };
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  t.after(async () => { await browser.close().catch(() => undefined); await w.close(); await primary.stop(); rmSync(dir, { recursive: true, force: true }); });

  const filed = await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', payload: phishing(), remoteAddress: '192.0.2.10' });
  assert.equal(filed.statusCode, 202, filed.body);
  const { trackingId, statusToken } = filed.json();
  const caseId = (await w.store.listThreatCases())[0].id;
  assert.equal(await rcodeOfNs(port, 'bank-login.lab'), 'NOERROR');

  const staff = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1366, height: 900 } })).newPage();
  staff.setDefaultTimeout(30_000);
  const staffErrors = pageGuard(staff);
  const actions: number[] = [];
  staff.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/names/actions')) actions.push((JSON.parse(r.postData() ?? '{}') as { names: string[] }).names.length); });
  await staff.goto(url);
  await staff.evaluate(() => localStorage.setItem('dw.lang', 'en'));
  await staff.reload();
  const login = staff.locator('[data-testid=login-form]');
  await login.locator('input[name=username]').fill('registry');
  await login.locator('input[name=password]').fill(PASSWORD);
  await login.locator('button[type=submit]').click();
  await staff.locator('nav').waitFor();
  await staff.goto(`${url}/threats/${caseId}`);

  const form = staff.locator('[data-testid=name-action-form]');
  await form.locator('select[name=action]').selectOption('hold');
  await form.locator('textarea[name=reason]').fill('Credential phishing confirmed');
  await form.locator('textarea[name=evidence]').fill('http://bank-login.lab/login');
  await form.locator('button[type=submit]').click();
  await form.locator('[data-testid=name-action-results] li[data-name="bank-login.lab"][data-outcome=applied]').waitFor();
  assert.deepEqual(actions, [1]);
  const timeline = staff.locator('[data-testid=case-timeline] li[data-kind=action]');
  await timeline.first().waitFor();
  assert.match(await timeline.first().textContent() ?? '', /bank-login\.lab/);
  assert.equal(await rcodeOfNs(port, 'bank-login.lab'), 'NXDOMAIN', 'the delegation is gone from the primary');
  await screenshot(staff, 'threat-case-names.png', true);

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
  assert.ok((await reporter.locator('[data-testid=status-steps] li').evaluateAll((ls) => ls.map((l) => (l as unknown as El).getAttribute('data-kind')))).includes('action'));
  assert.ok(!(await reporter.content()).includes('User registry'), 'who acted is not shown to the reporter');

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
