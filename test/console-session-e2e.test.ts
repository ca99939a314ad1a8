// Session expiry in the console: `http.sessionTtl: 10s`, Debian's Chromium via playwright-core
// against a real `dnswarden serve`. After the sign-in has expired, the officer's next action lands on
// the login page, which says the session ended; signing in again works; an explicit sign-out shows
// no such notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CHROMIUM, consoleLabAndBrowser, pageGuard } from './support/console-browser.ts';
import { skipUnlessCi } from './support/peers.ts';

test('console: an expired session sends the next action to the login page, which says why', {
  timeout: 120_000, skip: skipUnlessCi(existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium")`),
}, async (t) => {
  const { lab, browser } = await consoleLabAndBrowser(t, 'dw-console-session-', 'console-session-token-0123456789', { sessionTtl: '10s' });
  const serve = lab.daemon;
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
