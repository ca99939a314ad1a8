// The DNSSEC page end to end (issue 10 item 3): Debian's Chromium against a real `dnswarden serve`
// watching the bundled lab, whose gov.lab. is signed at `lab up` (gov-dns with check.dnssec). The page
// lists gov.lab. secure (ECDSA P-256, the DS at lab.) and the zones of systems without check.dnssec as not
// checked; `lab fault gov-dns expire-signatures` turns gov.lab. bogus on the page and opens a
// dnssec-bogus finding shown on the Findings page in words. Screenshots only when $DW_SCREENSHOTS is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labFault } from '../src/lab/lab-runner.ts';
import { labConsoleSignedIn, screenshot } from './support/console-browser.ts';

test('console: DNSSEC — gov.lab. secure, then bogus under expire-signatures; the finding in words', { timeout: 300_000 }, async (t) => {
  const { dir, page, errors } = await labConsoleSignedIn(t, 'dw-console-dnssec-', { dnssec: true });

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
