// The Delegations page end to end (issue 10 item 4): Debian's Chromium against a real `dnswarden serve`
// watching the bundled lab (built-in servers on loopback). The page lists example.lab., gov.lab. and
// news.lab. as the baseline; `lab fault lab-tld delegate example.lab ns9.evil.lab=…` makes the TLD refer
// example.lab. elsewhere and the row turns "changed" live, baseline and seen side by side; the office
// escalates it (an incident link appears) and then approves it (the row is back to "as the baseline",
// the history says so). Screenshots only when $DW_SCREENSHOTS names a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labFault } from '../src/lab/lab-runner.ts';
import { labConsoleSignedIn, screenshot } from './support/console-browser.ts';

test('console: delegations — baseline, a change at the parent live, escalate, approve, history', { timeout: 300_000 }, async (t) => {
  const { dir, page, errors } = await labConsoleSignedIn(t, 'dw-console-delegations-');

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
