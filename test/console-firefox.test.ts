// The web console in Firefox (issue 4: "works in a current Chromium and Firefox"). Debian's
// firefox-esr (never a downloaded browser) is driven headless over WebDriver BiDi by puppeteer-core
// (which never downloads a browser either) against a real `dnswarden serve` probing three built-in
// authoritative servers every second: the login page renders, the bootstrap admin signs in through
// the form, the overview shows every node healthy and the live stream up, a stopped node turns red
// through the stream without the page reloading, the system page draws its three uPlot charts, and
// the language switches to English. No script error may reach the page's console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { ensureConsoleBuilt } from './support/console-browser.ts';
import { startConsoleLab, type ConsoleLab } from './support/console-daemon.ts';
import { skipUnlessCi } from './support/peers.ts';

const FIREFOX = '/usr/bin/firefox-esr';
const SHOTS = process.env.DW_SCREENSHOTS || undefined;
const TOKEN = 'console-firefox-token-0123456789';
// On top of puppeteer's own test preferences: Chinese first (as a user in China would have it), and
// nothing that would reach beyond loopback (captive portal, connectivity checks, DoH, prefetching).
const FIREFOX_PREFS = {
  'intl.accept_languages': 'zh-CN, zh, en',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'browser.region.network.url': '',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.archive.enabled': false,
  'extensions.systemAddon.update.enabled': false,
};

/** Proportional memory (PSS, MiB) of a process and all its descendants: shared pages counted once. */
function treePssMiB(root: number): number {
  const seen = new Set<number>();
  const queue = [root];
  let kib = 0;
  while (queue.length > 0 && seen.size < 500) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    try {
      kib += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) queue.push(Number(c));
      }
    } catch { /* the process ended meanwhile */ }
  }
  return Math.round(kib / 1024);
}

// Code that runs in the page is passed as text: this project's type-check has no DOM library.

/** The value of a JavaScript expression evaluated in the page. */
async function inPage<T>(page: Page, expression: string): Promise<T> {
  return await page.evaluate(expression) as T;
}

/** Waits (bounded) until a JavaScript expression is true in the page. */
async function waitUntil(page: Page, expression: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(expression, { timeout, polling: 200 });
}

/** Waits until some element matching `selector` has text matching `pattern`. */
async function waitText(page: Page, selector: string, pattern: RegExp, timeout = 30_000): Promise<void> {
  await waitUntil(page, `[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => new RegExp(${JSON.stringify(pattern.source)}).test(e.textContent ?? ''))`, timeout);
}

test('console in Firefox: sign in, live node grid, a node going down live, system charts, language', {
  timeout: 240_000, skip: skipUnlessCi(existsSync(FIREFOX) ? false : `no Firefox at ${FIREFOX} (Debian package "firefox-esr"): the Firefox console test needs it`),
}, async (t) => {
  ensureConsoleBuilt();
  const { default: puppeteer } = await import('puppeteer-core');
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-firefox-'));
  let lab: ConsoleLab | undefined;
  let browser: Browser | undefined;
  // One after-hook, in order: Firefox first (it writes into its profile while closing), then the
  // daemon, the DNS servers, and the temporary directory with the profile.
  t.after(async () => {
    if (browser) {
      const firefox = browser.process();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([browser.close(), new Promise((r) => { timer = setTimeout(r, 20_000); })]).catch(() => undefined);
      clearTimeout(timer);
      if (firefox && firefox.exitCode === null) firefox.kill('SIGKILL');
    }
    await lab?.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  lab = await startConsoleLab(dir, TOKEN);
  const { daemon, servers: [, b] } = lab;
  const url = daemon.url;

  const profile = path.join(dir, 'firefox-profile');
  await mkdir(profile);
  const launchedAt = performance.now();
  browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile, extraPrefsFirefox: FIREFOX_PREFS,
    env: { ...process.env, TZ: 'Asia/Shanghai' }, timeout: 60_000, protocolTimeout: 60_000,
  });
  t.diagnostic(`${await browser.version()} started in ${Math.round(performance.now() - launchedAt)} ms`);
  const page = (await browser.pages())[0] ?? await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 }); // defaultViewport misses Firefox's first tab
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e instanceof Error ? e.message : String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`); });
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });

  // --- the login page renders (in Chinese: the browser asks for zh-CN first) ---
  await page.goto(url, { waitUntil: 'load' });
  assert.equal(navigations, 1, 'navigations are seen (so that "no navigation" below means something)');
  const login = '[data-testid=login-form]';
  await waitText(page, `${login} button[type=submit]`, /^登录$/);
  assert.equal(await inPage<string>(page, 'document.documentElement.lang'), 'zh-CN');

  // --- sign in through the form as the bootstrap admin ---
  await page.type(`${login} input[name=username]`, daemon.username);
  await page.type(`${login} input[name=password]`, daemon.password);
  await page.click(`${login} button[type=submit]`);

  // --- overview: both systems, every node healthy, the stream live ---
  const cell = (system: string, node: string) => `[data-system="${system}"] [data-node="${node}"]`;
  for (const [system, node] of [['t-tld', 'a'], ['t-tld', 'b'], ['t-auth', 'c']]) await page.waitForSelector(`${cell(system, node)}[data-health=ok]`);
  await page.waitForSelector('[data-testid=live-state][data-state=live]');
  await waitText(page, '[data-system="t-tld"]', /测试顶级域[\s\S]*100\.0 %/);
  // Firefox lays the overview out within the window: no sideways scrolling, every node cell visible.
  const layout = await inPage<{ overflow: number; cells: boolean[] }>(page, `({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    cells: [...document.querySelectorAll('[data-node]')].map((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }),
  })`);
  assert.ok(layout.overflow <= 0, `the overview is ${layout.overflow} px wider than the window`);
  assert.deepEqual(layout.cells, [true, true, true], 'every node cell has a size');
  await inPage(page, 'window.__marker = 42');
  const navigationsBefore = navigations;

  // --- node b stops: its cell turns red through the live stream, without a reload ---
  b.setFaults({ stopped: true });
  await page.waitForSelector(`${cell('t-tld', 'b')}[data-health=down]`, { timeout: 60_000 });
  assert.equal(await page.$eval(cell('t-tld', 'a'), (e) => e.getAttribute('data-health')), 'ok');
  assert.equal(await inPage<number>(page, 'window.__marker'), 42, 'the page was not reloaded');
  assert.equal(navigations, navigationsBefore, 'no navigation happened');
  assert.equal(await page.$eval('[data-system="t-tld"]', (e) => (e as unknown as { getAttribute(name: string): string | null }).getAttribute('data-health')), 'bad');
  assert.equal(await page.$eval('[data-testid=live-state]', (e) => (e as unknown as { getAttribute(name: string): string | null }).getAttribute('data-state')), 'live');
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await new Promise((r) => setTimeout(r, 600)); // let the cell's colour transition finish before the picture
    await page.screenshot({ path: path.join(SHOTS, 'overview-firefox.png') as `${string}.png` });
  }

  // --- the system page: three uPlot charts with a drawn canvas ---
  await page.click('[data-system="t-tld"] a.system-name');
  await waitUntil(page, `location.pathname === '/systems/t-tld'`);
  await waitUntil(page, `document.querySelectorAll('.chart .uplot').length === 3`);
  const canvases = await inPage<boolean[]>(page, `[...document.querySelectorAll('.chart .uplot canvas')].map((c) => c.width > 0 && c.height > 0)`);
  assert.deepEqual(canvases, [true, true, true], 'every chart has a drawn canvas');
  t.diagnostic(`Firefox memory (PSS of its process tree) with the system page open: ${treePssMiB(browser.process()!.pid!)} MiB`);

  // --- English ---
  await page.click('[data-testid=lang]');
  await waitText(page, 'nav a', /^Overview$/);
  await waitText(page, 'nav a', /^Incidents$/);
  assert.equal(await inPage<string>(page, 'document.documentElement.lang'), 'en');
  assert.equal(await inPage<number>(page, `document.querySelectorAll('.chart .uplot').length`), 3, 'the charts are drawn again in English');
  assert.equal(navigations, navigationsBefore, 'client-side routing only: no navigation');
  assert.deepEqual(pageErrors, [], 'no script errors in the page');
});
