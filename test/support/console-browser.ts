// What the console's browser tests share: Debian's Chromium (never a downloaded browser) and its
// flags, building the console when web/dist is missing, collecting script errors of a page, and
// screenshots that are written only when $DW_SCREENSHOTS names a folder (so a test run leaves the
// checkout clean; `DW_SCREENSHOTS=docs/screenshots` refreshes the pictures in docs/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

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
