// The threat-report pages in Debian's Chromium against the real HTTP app (issue 11 "Must show"): an
// anonymous reporter files a report on the public form (no account), gets a tracking id and a status
// token, and follows it on the status page; the registry's duty officer signs in, finds the case at the
// top of the threat queue, opens it and assesses it inside the 24-hour timer; the reporter's status page
// then shows the assessment, the intended action with its time frame, and each step — in English and
// in Chinese. Screenshots only with $DW_SCREENSHOTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { ensureConsoleBuilt, launchChromium, pageGuard, screenshot } from './support/console-browser.ts';
import { PASSWORD } from './http-access-fixtures.ts';
import { buildThreatWorld } from './threats-fixtures.ts';

test('console: anonymous report → acknowledgement → assessment inside the timer → the status page shows each step', { timeout: 180_000 }, async (t) => {
  ensureConsoleBuilt();
  const w = await buildThreatWorld({ start: new Date().toISOString() });
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  t.after(async () => { await browser.close().catch(() => undefined); await w.close(); });

  // The reporter: no account.
  const reporter = await browser.newPage({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } });
  reporter.setDefaultTimeout(30_000);
  const reporterErrors = pageGuard(reporter);
  const calls: string[] = [];
  reporter.on('response', (r) => { if (r.url().includes('/api/v1/')) calls.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`); });
  await reporter.goto(`${url}/report`);
  await reporter.evaluate(() => localStorage.setItem('dw.lang', 'en'));
  await reporter.reload();
  const form = reporter.locator('[data-testid=report-form]');
  await form.waitFor();
  assert.equal(await reporter.locator('[data-testid=login-form]').count(), 0, 'no sign-in on the public form');
  await form.locator('textarea[name=names]').fill('bank-login.lab');
  await form.locator('select[name=threatType]').selectOption('phishing');
  await form.locator('textarea[name=description]').fill('A copy of a bank login page collecting passwords');
  await form.locator('textarea[name=evidence]').fill('http://bank-login.lab/login');
  await screenshot(reporter, 'threat-report-form.png');
  await form.locator('[data-testid=submit-report]').click();
  await reporter.locator('[data-testid=report-accepted]').waitFor();
  const trackingId = (await reporter.locator('[data-testid=tracking-id]').textContent())!.trim();
  assert.match(trackingId, /^TR-[0-9A-F]{16}$/);
  assert.ok((await reporter.locator('[data-testid=status-token]').textContent())!.length > 20);
  await reporter.locator('[data-testid=status-link]').click();
  await reporter.locator('[data-testid=status-state][data-state=acknowledged]').waitFor();
  assert.deepEqual(await reporter.locator('[data-testid=status-steps] li').evaluateAll((ls) => ls.map((l) => (l as unknown as { getAttribute(name: string): string | null }).getAttribute('data-kind'))), ['received', 'acknowledged']);
  const statusUrl = reporter.url();

  // The registry's duty officer.
  const staff = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } })).newPage();
  staff.setDefaultTimeout(30_000);
  const staffErrors = pageGuard(staff);
  await staff.goto(url);
  await staff.evaluate(() => localStorage.setItem('dw.lang', 'en'));
  await staff.reload();
  const login = staff.locator('[data-testid=login-form]');
  await login.locator('input[name=username]').fill('registry');
  await login.locator('input[name=password]').fill(PASSWORD);
  await login.locator('button[type=submit]').click();
  await staff.locator('nav').waitFor();
  await staff.locator('nav a', { hasText: 'Threat reports' }).click();
  const queue = staff.locator('[data-testid=threat-queue]');
  await queue.locator('a', { hasText: 'bank-login.lab' }).waitFor();
  assert.match(await queue.textContent() ?? '', /anonymous/);
  await screenshot(staff, 'threat-queue.png');
  await queue.locator('a', { hasText: 'bank-login.lab' }).click();
  const page = staff.locator('[data-testid=threat-case]');
  await page.locator('[data-testid=case-state]', { hasText: 'acknowledged' }).waitFor();
  const assess = page.locator('[data-testid=assess-form]');
  await assess.locator('select[name=intendedAction]').selectOption('server-hold');
  await assess.locator('textarea[name=reason]').fill('Credential phishing confirmed');
  await assess.locator('input[name=timeFrameHours]').fill('4');
  await assess.locator('button[type=submit]').click();
  await page.locator('[data-testid=case-state]', { hasText: 'assessed' }).waitFor();
  assert.match(await page.locator('[data-testid=case-action]').textContent() ?? '', /serverHold — Credential phishing confirmed/);
  assert.deepEqual(await page.locator('[data-testid=case-timeline] li').evaluateAll((ls) => ls.map((l) => (l as unknown as { getAttribute(name: string): string | null }).getAttribute('data-kind'))), ['received', 'acknowledged', 'assessed']);
  await screenshot(staff, 'threat-case.png', true);

  // Back to the reporter: the assessment, within the timer, with each step.
  await reporter.goto(statusUrl);
  await reporter.locator('[data-testid=status-state][data-state=assessed]').waitFor();
  assert.match(await reporter.locator('[data-testid=status-action]').textContent() ?? '', /suspend resolution of the name \(serverHold\) — Credential phishing confirmed/);
  assert.match(await reporter.locator('[data-testid=status-timeframe]').textContent() ?? '', /^4 hours/);
  assert.deepEqual(await reporter.locator('[data-testid=status-steps] li').evaluateAll((ls) => ls.map((l) => (l as unknown as { getAttribute(name: string): string | null }).getAttribute('data-kind'))), ['received', 'acknowledged', 'assessed']);
  const c = (await w.store.listThreatCases())[0];
  assert.ok(c.assessedAt! <= c.assessmentDueAt, 'assessed inside the 24-hour timer');
  await reporter.locator('[data-testid=lang]').click();
  await reporter.locator('[data-testid=status-state]', { hasText: '已评估' }).waitFor();
  assert.match(await reporter.locator('[data-testid=status-action]').textContent() ?? '', /暂停域名解析（serverHold）/);
  await screenshot(reporter, 'threat-status.png');
  assert.ok(!calls.some((x) => / 401$/.test(x)), `the reporter's pages never ask for a sign-in: ${calls.join(', ')}`);
  assert.deepEqual(reporterErrors(), []);
  assert.deepEqual(staffErrors(), []);
});
