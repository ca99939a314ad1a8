// The web console end to end: Debian's Chromium (never a downloaded browser) driven by
// playwright-core against a real `dnswarden serve` probing two built-in authoritative servers every
// second. Refuses a wrong machine token and a wrong password, signs in through the login form as the
// bootstrap admin that `serve` prints once on stderr, sees the nodes healthy, stops one node and sees its cell
// turn red through the live stream without the page reloading, opens the system page (charts) and
// the incidents page with its filters, switches language, and sees the node recover. The incident
// work itself (confirm a grade, directive gate, report) runs on the real lab: console-lab-e2e.test.ts.
// Screenshots are saved only when $DW_SCREENSHOTS names a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM, ensureConsoleBuilt, launchChromiumProfile, screenshot } from './support/console-browser.ts';
import { startConsoleLab, type ConsoleLab } from './support/console-daemon.ts';
import { skipUnlessCi } from './support/peers.ts';

const TOKEN = 'console-e2e-token-0123456789';

test('console: sign in, live node grid, system charts, incident list, language', {
  timeout: 240_000, skip: skipUnlessCi(existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium"): the console e2e test needs it`),
}, async (t) => {
  ensureConsoleBuilt();
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-e2e-'));
  let lab: ConsoleLab | undefined;
  let context: BrowserContext | undefined;
  // One hook, in order: the browser stops writing its profile before the folder goes.
  t.after(async () => {
    await context?.close().catch(() => undefined);
    await lab?.close();
    await rm(dir, { recursive: true, force: true });
  });

  lab = await startConsoleLab(dir, TOKEN);
  const { daemon, servers: [, b] } = lab;
  const url = daemon.url;

  const chromium = await launchChromiumProfile(dir, 768, 30_000);
  context = chromium.context;
  const { page } = chromium;
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });

  // --- sign in: a wrong machine token and a wrong password are refused, then the bootstrap admin
  // (emergency office, full rights: the machine token is only a read-only viewer) ---
  await page.goto(url);
  await page.getByRole('button', { name: '登录' }).waitFor();
  await page.locator('details summary').click();
  await page.locator('input[name=token]').fill('wrong-token-000000000000');
  await page.locator('[data-testid=token-form] button').click();
  await page.getByText('令牌无效').waitFor();
  const login = page.locator('[data-testid=login-form]');
  await login.locator('input[name=username]').fill(daemon.username);
  await login.locator('input[name=password]').fill(`${daemon.password}-wrong`);
  await login.locator('button[type=submit]').click();
  await page.getByText('用户名或密码错误').waitFor();
  await login.locator('input[name=username]').fill(daemon.username);
  await login.locator('input[name=password]').fill(daemon.password);
  await login.locator('button[type=submit]').click();

  // --- overview: both systems, every node healthy, the stream live ---
  const cell = (system: string, node: string) => page.locator(`[data-system="${system}"] [data-node="${node}"]`);
  await cell('t-tld', 'a').and(page.locator('[data-health=ok]')).waitFor();
  await cell('t-tld', 'b').and(page.locator('[data-health=ok]')).waitFor();
  await cell('t-auth', 'c').and(page.locator('[data-health=ok]')).waitFor();
  await page.locator('[data-testid=live-state][data-state=live]').waitFor();
  assert.match(await page.locator('[data-system="t-tld"]').innerText(), /测试顶级域[\s\S]*100\.0 %/);
  await page.evaluate(() => { (globalThis as unknown as { __marker: number }).__marker = 42; });
  const navigationsBefore = navigations;

  // --- node b stops: its cell turns red through the live stream, without a reload ---
  b.setFaults({ stopped: true });
  await cell('t-tld', 'b').and(page.locator('[data-health=down]')).waitFor({ timeout: 60_000 });
  assert.equal(await cell('t-tld', 'a').getAttribute('data-health'), 'ok');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __marker?: number }).__marker), 42, 'the page was not reloaded');
  assert.equal(navigations, navigationsBefore, 'no navigation happened');
  assert.equal(await page.locator('[data-system="t-tld"]').getAttribute('data-health'), 'bad');
  await page.locator('[data-testid=open-incidents] .grade-counts').waitFor();
  await page.waitForTimeout(600); // let the cell's colour transition finish before the picture
  await screenshot(page, 'overview.png');

  // --- wall mode: larger type for a wall display, and back ---
  const bodyFont = () => page.evaluate(() => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string }; document: { body: unknown } })
    .getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body).fontSize);
  const normalFont = await bodyFont();
  await page.getByRole('button', { name: '大屏' }).click();
  assert.equal(await bodyFont(), '20px', `wall mode enlarges the type (was ${normalFont})`);
  await screenshot(page, 'overview-wall.png');
  await page.getByRole('button', { name: '大屏' }).click();
  assert.equal(await bodyFont(), normalFont);

  // --- the system page: charts from the stored series, the open outage of node b ---
  await page.locator('[data-system="t-tld"] a.system-name').click();
  await page.waitForURL(/\/systems\/t-tld$/);
  await page.locator('.chart .uplot').first().waitFor();
  assert.equal(await page.locator('.chart .uplot').count(), 3);
  await page.getByText('持续中').first().waitFor();
  // one of the two nodes is down: said as such (not "stopped 0.0 minutes"), and the outage names its service
  await page.locator('[data-testid=nodes-down][data-down="1"]', { hasText: '1/2' }).waitFor();
  assert.match(await page.locator('[data-testid=nodes-down]').innerText(), /b 已中断 \d+\.\d min/);
  await page.locator('td', { hasText: '域名解析' }).first().waitFor();
  await screenshot(page, 'system.png', true);

  // --- incidents: the list (or its "none"), with the filters ---
  const listed = '[data-testid=incident-list] table, [data-testid=incident-list] p.muted:not(:has-text("加载中"))';
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.waitForURL(/\/incidents$/);
  await page.locator(listed).first().waitFor();
  await page.locator('.filters select').first().waitFor();
  await screenshot(page, 'incidents.png');

  // --- English, persisted; a client route survives a reload (index.html fallback) ---
  await page.locator('[data-testid=lang]').click();
  await page.locator('nav a', { hasText: 'Incidents' }).waitFor();
  await page.reload();
  await page.locator('nav a', { hasText: 'Incidents' }).waitFor();
  await page.locator('[data-testid=incident-list] h2', { hasText: 'Incidents' }).waitFor();
  await page.locator('[data-testid=incident-list] table, [data-testid=incident-list] p.muted:not(:has-text("Loading"))').first().waitFor();
  await page.locator('nav a', { hasText: 'Overview' }).click();
  await cell('t-tld', 'b').and(page.locator('[data-health=down]')).waitFor();
  await page.waitForTimeout(600);
  await screenshot(page, 'overview-en.png');

  // --- recovery shows up live as well ---
  b.setFaults({});
  await cell('t-tld', 'b').and(page.locator('[data-health=ok]')).waitFor({ timeout: 60_000 });

  assert.deepEqual(pageErrors, [], 'no script errors in the page');
});
