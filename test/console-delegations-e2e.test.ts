// The Delegations page end to end (issue 10 item 4): Debian's Chromium against a real `dnswarden serve`
// watching the bundled lab (built-in servers on loopback). The page lists example.lab., gov.lab. and
// news.lab. as the baseline; `lab fault lab-tld delegate example.lab ns9.evil.lab=…` makes the TLD refer
// example.lab. elsewhere and the row turns "changed" live, baseline and seen side by side; the office
// escalates it (an incident link appears) and then approves it (the row is back to "as the baseline",
// the history says so). Screenshots only when $DW_SCREENSHOTS names a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { ensureConsoleBuilt, launchChromiumProfile, pageGuard, screenshot } from './support/console-browser.ts';
import { startConsoleDaemon, type ConsoleDaemon } from './support/console-daemon.ts';
import { freeLabPort, stopServe } from './platform-harness.ts';

test('console: delegations — baseline, a change at the parent live, escalate, approve, history', { timeout: 300_000 }, async (t) => {
  ensureConsoleBuilt();
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-delegations-'));
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
  await writeFile(config, labConfigText(labConfigOptions(port, { httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, inFlight: 64 })));
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

  await page.locator('nav a', { hasText: '授权' }).click();
  await page.waitForURL(/\/delegations$/);
  const row = (zone: string) => page.locator('tr', { has: page.locator(`[data-delegation="${zone}"]`) });
  // the first sightings are the baselines; the page reloads on live finding events, so reload until they are in
  for (let i = 0; i < 60 && await row('news.lab.').count() === 0; i++) {
    await page.waitForTimeout(500);
    if (i % 4 === 3) await page.reload();
  }
  for (const zone of ['example.lab.', 'gov.lab.', 'news.lab.']) {
    assert.equal(await row(zone).locator('[data-status]').getAttribute('data-status'), 'ok', zone);
  }
  assert.match(await row('example.lab.').locator('[data-field=parentNs]').innerText(), /ns1\.example\.lab\. ns2\.example\.lab\./);
  assert.match(await row('example.lab.').innerText(), /与基线一致/);

  await labFault(dir, 'lab-tld', 'delegate', 'example.lab', undefined, 'ns9.evil.lab=198.51.100.9');
  // the finding opens (a live finding event): the row turns "changed" without a reload
  await row('example.lab.').locator('[data-status=changed]').waitFor({ timeout: 60_000 });
  const parentNs = await row('example.lab.').locator('[data-field=parentNs]').innerText();
  assert.match(parentNs, /ns1\.example\.lab\. ns2\.example\.lab\./, 'the baseline');
  assert.match(parentNs, /ns9\.evil\.lab\./, 'what is seen');
  assert.match(await row('example.lab.').locator('[data-field=glue]').innerText(), /198\.51\.100\.9/);
  assert.match(await row('example.lab.').innerText(), /已变更/);
  await screenshot(page, 'delegations-changed.png', true);

  // the office escalates the finding into an incident
  await row('example.lab.').locator('[data-testid=escalate]').click();
  await row('example.lab.').locator('[data-testid=delegation-incident]').waitFor();

  // and approves what is seen as the new baseline
  await row('example.lab.').locator('[data-testid=approve]').click();
  await row('example.lab.').locator('[data-testid=approve-form] input[name=reason]').fill('planned move, lab');
  await row('example.lab.').locator('[data-testid=approve-form] button[type=submit]').click();
  await row('example.lab.').locator('[data-status=ok]').waitFor();
  assert.match(await row('example.lab.').innerText(), /已确认/);
  await row('example.lab.').locator('[data-testid=history-toggle]').click();
  const history = row('example.lab.').locator('[data-testid=delegation-history] li');
  await history.first().waitFor();
  // newest first: the approval, the change(s) seen (the four TLD nodes switch one after the other), the first baseline
  const kinds: Array<string | null> = [];
  for (const li of await history.all()) kinds.push(await li.getAttribute('data-kind'));
  assert.equal(kinds[0], 'approved', kinds.join());
  assert.equal(kinds.at(-1), 'baseline', kinds.join());
  assert.ok(kinds.length >= 3 && kinds.slice(1, -1).every((k) => k === 'changed'), kinds.join());
  await screenshot(page, 'delegations-approved.png', true);
  assert.deepEqual(errors(), []);
});
