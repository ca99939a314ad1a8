// Session expiry in the console: `http.sessionTtl: 10s`, Debian's Chromium via playwright-core
// against a real `dnswarden serve`. After the sign-in has expired, the officer's next action lands on
// the login page, which says the session ended; signing in again works; an explicit sign-out shows
// no such notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, pageGuard } from './support/console-browser.ts';
import { startConsoleLab } from './support/console-daemon.ts';

test('console: an expired session sends the next action to the login page, which says why', {
  timeout: 120_000, skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium")`,
}, async (t) => {
  ensureConsoleBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-console-session-'));
  const lab = await startConsoleLab(dir, 'console-session-token-0123456789', { sessionTtl: '10s' }).catch((err) => { rmSync(dir, { recursive: true, force: true }); throw err; });
  const serve = lab.daemon;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  t.after(async () => {
    await browser.close().catch(() => undefined);
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const password = serve.password;
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(30_000);
  const errors = pageGuard(page);
  const signIn = async () => {
    const form = page.locator('[data-testid=login-form]');
    await form.locator('input[name=username]').fill('admin');
    await form.locator('input[name=password]').fill(password);
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=live-state][data-state=live]').waitFor();
  };

  await page.goto(serve.url);
  await signIn();
  const signedInAt = Date.now();
  await page.locator('[data-system="t-tld"] [data-node="a"][data-health=ok]').waitFor();
  // Past the 10 s lifetime (checked by the server, not by the page's clock).
  await page.waitForTimeout(Math.max(0, 11_000 - (Date.now() - signedInAt)));
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.locator('[data-testid=session-ended]').waitFor();
  assert.equal(await page.locator('[data-testid=login-form]').count(), 1);

  await signIn();
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.locator('[data-testid=incident-list]').waitFor();
  await page.getByRole('button', { name: '退出' }).click();
  await page.locator('[data-testid=login-form]').waitFor();
  assert.equal(await page.locator('[data-testid=session-ended]').count(), 0, 'a chosen sign-out is not an expiry');
  assert.deepEqual(errors(), []);
});
