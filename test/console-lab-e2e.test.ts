// The console's acceptance run on the real lab: `dnswarden lab up` (built-in servers + resolver on
// loopback), `dnswarden serve` watching it, and Debian's Chromium (never a downloaded browser)
// driven by playwright-core. Two people work the response from their own screens:
//  - the emergency office's admin signs in with the password `serve` printed once, sees every lab
//    system healthy, then — without reloading — the faults appear: two of the four TLD nodes stop
//    (grade II 重大, graded from measurements alone) and the website's only node stops (grade III
//    较大 *proposed*: "social impact" needs a person). The admin opens the proposal and confirms it
//    with a reason, and later records the national directive for a major measure.
//  - the TLD registry's duty officer tries to execute that major measure first: refused (the
//    directive gate), then executes it once the directive is on the incident, files the written
//    information report and downloads it; the file holds what was filed.
// Recovery shows on the overview without a reload; the resolver's page shows the key domain
// www.gov.lab answered right, then hijacked once its authoritative data is altered, and the hijack as a
// stored key-domain finding with its evidence on the findings page. Screenshots go to $DW_SCREENSHOTS when set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { freeLabPort, stopServe, type Serve } from './platform-harness.ts';
import { startConsoleDaemon } from './support/console-daemon.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, pageGuard, screenshot } from './support/console-browser.ts';
import { skipUnlessCi } from './support/peers.ts';

const TOKEN = 'console-lab-e2e-token-0123456789';
const OFFICER = { username: 'registry-duty', password: 'night-desk-passphrase-0123' }; // the policy refuses a password containing the username
const SCOPE_TEXT = 'lab-tld nodes a and b stopped answering; b and d carried the load';

describe('console on the lab: degraded systems, a proposed grade confirmed, the directive gate, the report', {
  timeout: 420_000, skip: skipUnlessCi(existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium")`),
}, () => {
  let dir = '';
  let serve: Serve | undefined;
  let browser: Browser | undefined;
  let admin: Page;
  let officer: Page;
  let adminPassword = '';
  const guards: Array<() => string[]> = [];

  before(async () => {
    ensureConsoleBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'dw-console-lab-'));
    const port = await freeLabPort();
    await labUp({ dir, port, resolver: 'forwarder', readyTimeoutMs: 30_000 });
    const config = path.join(dir, 'platform.yaml');
    writeFileSync(config, labConfigText(labConfigOptions(port, {
      token: TOKEN, httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, sampleBySystem: { 'bj-resolver': 20 },
      inFlight: 64, openAfterCycles: 2, resolveAfterCycles: 2,
    })));
    const daemon = await startConsoleDaemon(config, path.join(dir, 'data'));
    serve = daemon;
    adminPassword = daemon.password;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (serve) await stopServe(serve);
    if (dir) {
      await labDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function signIn(username: string, password: string): Promise<Page> {
    const context: BrowserContext = await browser!.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    guards.push(pageGuard(page));
    await page.goto(serve!.url);
    const form = page.locator('[data-testid=login-form]');
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=password]').fill(password);
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=live-state][data-state=live]').waitFor();
    return page;
  }

  const card = (page: Page, system: string) => page.locator(`[data-system="${system}"]`).first();
  const cell = (page: Page, system: string, node: string) => page.locator(`[data-system="${system}"] [data-node="${node}"]`);
  const incidentRow = (page: Page, system: string) => page.locator('[data-testid=open-incidents] tbody tr', { hasText: system });

  test('the admin signs in with the printed password and sees every lab system healthy', async () => {
    admin = await signIn('admin', adminPassword);
    for (const system of ['lab-tld', 'big-dns-auth', 'bj-resolver', 'news-dns', 'gov-dns']) {
      await card(admin, system).and(admin.locator('[data-health=ok]')).waitFor({ timeout: 60_000 });
    }
    assert.equal(await admin.locator('[data-testid=open-incidents] tbody tr').count(), 0, 'no incident while healthy');
  });

  test('lab faults: degraded systems and their incidents appear without a reload', async () => {
    await admin.evaluate(() => { (globalThis as unknown as { __marker: number }).__marker = 7; });
    let navigations = 0;
    admin.on('framenavigated', (f) => { if (f === admin.mainFrame()) navigations++; });
    await labFault(dir, 'a', 'stop');
    await labFault(dir, 'b', 'stop');
    await labFault(dir, 'news-dns/ns1', 'stop');
    await cell(admin, 'lab-tld', 'a').and(admin.locator('[data-health=down]')).waitFor({ timeout: 60_000 });
    await cell(admin, 'news-dns', 'ns1').and(admin.locator('[data-health=down]')).waitFor({ timeout: 60_000 });
    assert.equal(await cell(admin, 'lab-tld', 'c').getAttribute('data-health'), 'ok');
    // The TLD: grade II from the measurements; the website: grade III proposed, waiting for a person.
    await incidentRow(admin, 'lab-tld').locator('.grade-II:not(.proposed)').waitFor({ timeout: 90_000 });
    await incidentRow(admin, 'news-dns').locator('.grade-III.proposed').waitFor({ timeout: 90_000 });
    await admin.locator('[data-testid=deadlines] tbody tr').nth(1).waitFor();
    // Whose move: the commander confirms the proposal; the registry owes its written report.
    await incidentRow(admin, 'news-dns').locator('[data-next=confirm-grade]').waitFor();
    await incidentRow(admin, 'lab-tld').locator('[data-next=file-information-report]', { hasText: 'lab-registry' }).waitFor();
    assert.equal(await admin.evaluate(() => (globalThis as unknown as { __marker?: number }).__marker), 7, 'the page was not reloaded');
    assert.equal(navigations, 0);
    await admin.waitForTimeout(600); // let the colour transitions end before the picture
    await screenshot(admin, 'lab-overview.png');
  });

  test('the office confirms the proposed grade III with a reason', async () => {
    await incidentRow(admin, 'news-dns').click();
    await admin.waitForURL(/\/incidents\/inc-/);
    const form = admin.locator('[data-testid=confirm-grade]');
    await form.locator('select').selectOption('confirmed');
    await form.locator('textarea').fill('新闻网站停止解析，影响较大 / news site down, relatively serious impact');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await admin.locator('[data-testid=incident-grade] .grade-III:not(.proposed)').waitFor();
    // the timeline says it in words (kind in data-kind), with the reason
    await admin.locator('[data-testid=timeline] tr', { has: admin.locator('[data-kind=grade-confirmed]') })
      .filter({ hasText: '确认 III 较大' }).filter({ hasText: 'news site down' }).waitFor();
    await admin.locator('[data-testid=next-step][data-next=file-information-report]').waitFor();
    const id = /\/incidents\/([^/?#]+)/.exec(admin.url())![1];
    const stored = await admin.evaluate(async (incident) => (await (await fetch(`/api/v1/incidents/${incident}`)).json()) as { incident: { grade: string; needsConfirmation: boolean } }, id);
    assert.equal(stored.incident.grade, 'III');
    assert.equal(stored.incident.needsConfirmation, false);
  });

  test('the registry executes a major measure only after the office records the directive', async () => {
    const created = await admin.evaluate(async (u) => (await fetch('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...u, org: 'lab-registry', roles: ['duty-officer'] }) })).status, OFFICER);
    assert.equal(created, 201);
    officer = await signIn(OFFICER.username, OFFICER.password);
    await incidentRow(officer, 'lab-tld').click();
    await officer.waitForURL(/\/incidents\/inc-/);
    const tldIncident = officer.url();
    assert.equal(await officer.locator('[data-testid=confirm-grade]').count(), 0, 'a registry cannot confirm grades: not offered');
    assert.equal(await officer.locator('[data-testid=directive-form]').count(), 0, 'a registry cannot record directives: not offered');

    const measure = officer.locator('[data-testid=measure-form]');
    await measure.locator('select').selectOption('flush-resolver-cache-national');
    await measure.locator('input[type=checkbox]').check();
    await measure.locator('button[type=submit]').click();
    await measure.locator('[role=status].error', { hasText: /directive/ }).waitFor();
    await officer.locator('[data-testid=measures] [data-state=refused]').waitFor();

    await admin.goto(tldIncident);
    await admin.locator('[data-testid=measure-form] select').waitFor();
    assert.equal(await admin.locator('[data-testid=measure-form] input[type=checkbox]').count(), 0, 'the office plans measures; executing is not offered');
    const directive = admin.locator('[data-testid=directive-form]');
    await directive.locator('select').selectOption('flush-resolver-cache-national');
    await directive.locator('textarea').fill('全国清除 lab. 相关递归缓存 / flush lab. from resolver caches nationally');
    await directive.locator('button[type=submit]').click();
    await admin.locator('[data-testid=directives] tbody tr', { hasText: 'flush lab.' }).waitFor();
    // The officer's page learns of the directive from the live stream.
    await officer.locator('[data-testid=directives] tbody tr', { hasText: 'flush lab.' }).waitFor();
    await measure.locator('select').selectOption('flush-resolver-cache-national');
    await measure.locator('input[type=checkbox]').check();
    await measure.locator('button[type=submit]').click();
    await officer.locator('[data-testid=measures] [data-state=executed]').waitFor();
    await officer.locator('[data-testid=timeline] tr', { hasText: `${OFFICER.username} (lab-registry)` }).first().waitFor();
  });

  test('the registry files the information report and downloads it', async () => {
    const form = officer.locator('[data-testid=info-report]');
    await form.locator('textarea[name=scope]').fill(SCOPE_TEXT);
    await form.locator('textarea[name=harm]').fill('lab. answers slower from two of four nodes; no data lost');
    await form.locator('textarea[name=measuresTaken]').fill('national resolver cache flush on directive');
    await form.locator('textarea[name=recommendations]').fill('add a fifth node in another network');
    await form.locator('button[type=submit]').click();
    await officer.locator('[data-testid=report-filed]').waitFor();
    await officer.locator('[data-testid=next-step][data-next=handle]').waitFor();
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.locator('[data-testid=download-information-md]').click(),
    ]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    const id = /\/incidents\/([^/?#]+)/.exec(officer.url())![1];
    assert.match(download.suggestedFilename(), new RegExp(`^incident-${id}-information\\.md$`));
    assert.ok(text.includes(SCOPE_TEXT), `the downloaded report holds the filed scope:\n${text.slice(0, 2000)}`);
    assert.match(text, /II/);
    assert.ok(text.includes('重大'), 'the grade keeps its Chinese name');
    await officer.addStyleTag({ content: '.top { position: static !important; }' });
    await screenshot(officer, 'lab-incident.png', true);
  });

  test('recovery shows on the overview without a reload', async () => {
    await admin.locator('nav a', { hasText: '总览' }).click();
    await labFault(dir, 'a', 'start');
    await labFault(dir, 'b', 'start');
    await labFault(dir, 'news-dns/ns1', 'start');
    await card(admin, 'lab-tld').and(admin.locator('[data-health=ok]')).waitFor({ timeout: 60_000 });
    await card(admin, 'news-dns').and(admin.locator('[data-health=ok]')).waitFor({ timeout: 60_000 });
  });

  test("the resolver's system page shows the key domain answered right, then hijacked", async () => {
    await card(admin, 'bj-resolver').locator('a.system-name').click();
    await admin.waitForURL(/\/systems\/bj-resolver$/);
    const row = admin.locator('[data-testid=key-domains] tr', { hasText: 'www.gov.lab' }).first();
    await row.locator('[data-status=ok]').waitFor({ timeout: 60_000 });
    // Every record of the key domain's authoritative server altered: the resolver passes it on.
    await labFault(dir, 'gov-dns/ns1', 'tamper', '1');
    await row.locator('[data-status=hijacked]').waitFor({ timeout: 60_000 });
    // The hijack is a stored finding: on the resolver's page and on the findings page, with its evidence
    // (the resolver it came through, the expected and the seen answers with their TTLs).
    await admin.locator('[data-testid=system-findings] [data-kind=key-domain-mismatch]').first().waitFor({ timeout: 60_000 });
    await screenshot(admin, 'lab-resolver.png', true);
    await admin.goto(`${serve!.url}/findings?kind=key-domain-mismatch`);
    const finding = admin.locator('[data-testid=finding-list] tr', { has: admin.locator('[data-kind=key-domain-mismatch]') }).first();
    await finding.waitFor();
    assert.match(await finding.innerText(), /重点域名解析异常[\s\S]*www\.gov\.lab[\s\S]*bj-resolver/);
    assert.equal(await finding.locator('[data-severity]').getAttribute('data-severity'), 'critical');
    assert.match(await finding.locator('dd[data-field=via]').innerText(), /bj-resolver/);
    assert.match(await finding.locator('dd[data-field=seen]').innerText(), /www\.gov\.lab\.?\s+\d+\s+(IN\s+)?(A|AAAA)\s/, 'the seen answers carry their TTLs (A or AAAA, whichever finding is listed first)');
    await screenshot(admin, 'findings-key-domain.png');
    await labFault(dir, 'gov-dns/ns1', 'clear');
    for (const g of guards) assert.deepEqual(g(), [], 'no script errors in the pages');
  });
});
