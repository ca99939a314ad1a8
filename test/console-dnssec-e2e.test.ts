// The DNSSEC page end to end (issue 10 item 3): Debian's Chromium against a real `dnswarden serve`
// watching the bundled lab, whose gov.lab. is signed at `lab up` (gov-dns with check.dnssec). The page
// lists gov.lab. secure (ECDSA P-256, the DS at lab.) and the zones of systems without check.dnssec as not
// checked; `lab fault gov-dns expire-signatures` turns gov.lab. bogus on the page and opens a
// dnssec-bogus finding shown on the Findings page in words. Screenshots only when $DW_SCREENSHOTS is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, pageGuard, screenshot } from './support/console-browser.ts';
import { startConsoleDaemon, type ConsoleDaemon } from './support/console-daemon.ts';
import { freeLabPort, stopServe } from './platform-harness.ts';

test('console: DNSSEC — gov.lab. secure, then bogus under expire-signatures; the finding in words', { timeout: 300_000 }, async (t) => {
  ensureConsoleBuilt();
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-dnssec-'));
  let daemon: ConsoleDaemon | undefined;
  let context: BrowserContext | undefined;
  t.after(async () => {
    await context?.close().catch(() => undefined);
    if (daemon) await stopServe(daemon);
    await labDown(dir).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const port = await freeLabPort();
  await labUp({ dir, port, resolver: 'forwarder', readyTimeoutMs: 30_000 });
  const config = path.join(dir, 'platform.yaml');
  await writeFile(config, labConfigText(labConfigOptions(port, { httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, inFlight: 64, dnssec: true })));
  daemon = await startConsoleDaemon(config, path.join(dir, 'data'));

  context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height: 900 },
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai', timeout: 60_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors = pageGuard(page);
  await page.goto(daemon.url);
  const login = page.locator('[data-testid=login-form]');
  await login.locator('input[name=username]').fill(daemon.username);
  await login.locator('input[name=password]').fill(daemon.password);
  await login.locator('button[type=submit]').click();
  await page.locator('[data-testid=live-state][data-state=live]').waitFor();

  await page.locator('nav a', { hasText: 'DNSSEC' }).click();
  await page.waitForURL(/\/dnssec$/);
  const zone = (name: string) => page.locator(`[data-dnssec-zone="${name}"]`).first();
  await zone('gov.lab.').waitFor();
  await page.locator('[data-dnssec-zone="gov.lab."][data-chain=secure]').waitFor();
  const row = page.locator('tr', { has: page.locator('[data-dnssec-zone="gov.lab."]') }).first();
  assert.match(await row.innerText(), /安全/);
  assert.match(await row.innerText(), /13 ECDSAP256SHA256/);
  assert.match(await row.innerText(), /lab\./, 'the parent');
  assert.match(await page.locator('tr', { has: page.locator('[data-dnssec-zone="news.lab."]') }).innerText(), /未启用 DNSSEC 检查/);
  assert.equal(await page.locator('[data-dnssec-zone="www.gov.lab."]').count(), 1, 'the key domain has its row');
  await screenshot(page, 'dnssec-secure.png', true);

  await labFault(dir, 'gov-dns', 'expire-signatures');
  // the page reloads on every cycle: the zone turns bogus without a reload
  await page.locator('[data-dnssec-zone="gov.lab."][data-chain=bogus]').waitFor({ timeout: 60_000 });
  assert.match(await row.innerText(), /验证失败/);
  assert.match(await row.innerText(), /signature-expired/);
  await screenshot(page, 'dnssec-bogus.png', true);

  await page.locator('nav a', { hasText: '发现' }).click();
  await page.waitForURL(/\/findings/);
  await page.locator('table').getByText('DNSSEC 验证失败').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(errors(), []);
});
