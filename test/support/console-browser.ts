// What the console's browser tests share: Debian's Chromium (never a downloaded browser) and its
// flags, building the console when web/dist is missing, collecting script errors of a page, and
// screenshots that are written only when $DW_SCREENSHOTS names a folder (so a test run leaves the
// checkout clean; `DW_SCREENSHOTS=docs/screenshots` refreshes the pictures in docs/), a console lab
// with a browser for one test, and the console signed in on the bundled lab.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { labConfigOptions, labConfigText, type LabConfigOptions } from '../../src/lab/lab-config.ts';
import { labDown, labUp } from '../../src/lab/lab-runner.ts';
import { freeLabPort, stopServe } from '../platform-harness.ts';
import { startConsoleDaemon, startConsoleLab, type ConsoleDaemon, type ConsoleLab } from './console-daemon.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds the console when web/dist is missing (bounded in time). */
export function ensureConsoleBuilt(): void {
  if (existsSync(path.join(ROOT, 'web/dist/index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `the console build failed:\n${r.stderr}`);
}

/** Collects uncaught script errors of a page; call the result to read them. */
export function pageGuard(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return () => errors;
}

/** Saves a screenshot into $DW_SCREENSHOTS when it is set; otherwise does nothing. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.DW_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(path.resolve(ROOT, dir), { recursive: true });
  await page.screenshot({ path: path.resolve(ROOT, dir, name), fullPage });
}

/** Debian's Chromium, headless (a minute to start at the most). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** The console built, a console lab in a new temp folder (`prefix`) and Chromium: all closed, the folder removed, after the test. */
export async function consoleLabAndBrowser(t: TestContext, prefix: string, token: string, opts?: Parameters<typeof startConsoleLab>[2]): Promise<{ lab: ConsoleLab; browser: Browser }> {
  ensureConsoleBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const lab = await startConsoleLab(dir, token, opts).catch((err) => { rmSync(dir, { recursive: true, force: true }); throw err; });
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close().catch(() => undefined);
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { lab, browser };
}

/** Debian's Chromium with its profile in `dir`/chromium-profile, zh-CN on Beijing time, 1366 × `height`: the context and its first page (`stepMs` for each step). */
export async function launchChromiumProfile(dir: string, height: number, stepMs: number): Promise<{ context: BrowserContext; page: Page }> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height },
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai', timeout: 60_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(stepMs);
  return { context, page };
}

/**
 * The bundled lab (forwarder resolver) in a new temp folder (`prefix`), `serve` watching it every second
 * (`extra`: more of the lab's config options), and Chromium (1366 × 900) signed in as the first admin with
 * the live feed on; all stopped, the folder removed, after the test.
 */
export async function labConsoleSignedIn(t: TestContext, prefix: string, extra: Partial<LabConfigOptions> = {}): Promise<{ dir: string; daemon: ConsoleDaemon; page: Page; errors: () => string[] }> {
  ensureConsoleBuilt();
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
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
  await writeFile(config, labConfigText(labConfigOptions(port, { httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, inFlight: 64, ...extra })));
  daemon = await startConsoleDaemon(config, path.join(dir, 'data'));
  const chromium = await launchChromiumProfile(dir, 900, 60_000);
  context = chromium.context;
  const { page } = chromium;
  const errors = pageGuard(page);
  await page.goto(daemon.url);
  const login = page.locator('[data-testid=login-form]');
  await login.locator('input[name=username]').fill(daemon.username);
  await login.locator('input[name=password]').fill(daemon.password);
  await login.locator('button[type=submit]').click();
  await page.locator('[data-testid=live-state][data-state=live]').waitFor();
  return { dir, daemon, page, errors };
}
