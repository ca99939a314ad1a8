// The console's first sign-in, in Debian's Chromium against a real `dnswarden serve`: before anyone
// signs in the page asks nothing that answers 401 (no GET /me, no 401 in the browser's log); the
// bootstrap admin signing in with the printed password gets only the change-password page; after
// changing it the console opens, a reload stays signed in, and the office's Lab mail page says
// plainly that this platform has no lab mailbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleLabAndBrowser, pageGuard } from './support/console-browser.ts';

test('console: no 401 before sign-in; the printed password must be changed first', { timeout: 120_000 }, async (t) => {
  const { lab, browser } = await consoleLabAndBrowser(t, 'dw-console-first-', 'console-first-token-0123456789', { keepPrintedPassword: true });
  const daemon = lab.daemon;
  const page = await browser.newPage({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(30_000);
  const errors = pageGuard(page);
  const calls: Array<{ url: string; status: number }> = [];
  page.on('response', (r) => { if (r.url().includes('/api/v1/')) calls.push({ url: new URL(r.url()).pathname, status: r.status() }); });
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));

  await page.goto(daemon.url);
  await page.locator('[data-testid=login-form]').waitFor();
  await page.evaluate(() => localStorage.setItem('dw.lang', 'en'));
  await page.reload();
  await page.locator('[data-testid=login-form]').waitFor();
  assert.equal(calls.length, 0, `nothing asked before sign-in: ${JSON.stringify(calls)}`);
  assert.ok(!consoleLines.some((l) => /401/.test(l)), consoleLines.join('\n'));

  const form = page.locator('[data-testid=login-form]');
  await form.locator('input[name=username]').fill(daemon.username);
  await form.locator('input[name=password]').fill(daemon.printedPassword);
  await form.locator('button[type=submit]').click();
  const first = page.locator('[data-testid=first-password]');
  await first.waitFor();
  assert.equal(await page.locator('nav').count(), 0, 'no navigation before the password is changed');
  const next = 'Office first-shift passphrase 2026';
  await first.locator('input[name=current]').fill(daemon.printedPassword);
  await first.locator('input[name=password]').fill(next);
  await first.locator('input[name=repeat]').fill(next);
  await first.locator('button[type=submit]').click();
  await page.locator('[data-testid=live-state][data-state=live]').waitFor();

  await page.reload();
  await page.locator('[data-testid=live-state][data-state=live]').waitFor();
  assert.ok(calls.some((c) => c.url === '/api/v1/me' && c.status === 200), 'a reload asks /me and stays signed in');

  await page.locator('[data-testid=nav-lab-mail]').click();
  await page.getByText('No lab mailbox here').waitFor();
  assert.deepEqual(calls.filter((c) => c.status === 401), [], 'no 401 at any point');
  assert.deepEqual(errors(), []);
});
