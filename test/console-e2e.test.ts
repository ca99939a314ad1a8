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
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { loadZoneFile } from '../src/zone/zonefile.ts';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, screenshot } from './support/console-browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/dnswarden.mjs');
const TOKEN = 'console-e2e-token-0123456789';
const ZONE = `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster 1 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
www   IN A   192.0.2.1
mail  IN A   192.0.2.2
@     IN MX  10 mail
`;

interface Daemon { child: ChildProcess; url: string; username: string; password: string; exited: Promise<number | null> }

/** Starts `serve` and waits for its URL and the first admin's credentials (printed once on stderr). */
function startDaemon(config: string, data: string): Promise<Daemon> {
  const child = spawn(process.execPath, [BIN, 'serve', '--config', config, '--data', data], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`daemon did not start:\n${err}`)); }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      const admin = /console: \S+ — user (\S+), password (\S+) \(shown once/.exec(err);
      if (m && admin) { clearTimeout(timer); resolve({ child, url: m[1], username: admin[1], password: admin[2], exited }); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`daemon exited (${code}) before listening:\n${err}`)); });
  });
}

test('console: sign in, live node grid, system charts, incident list, language', {
  timeout: 240_000, skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium"): the console e2e test needs it`,
}, async (t) => {
  ensureConsoleBuilt();
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-e2e-'));
  const servers: AuthServer[] = [];
  let daemon: Daemon | undefined;
  let context: BrowserContext | undefined;
  // One hook, in order: the browser stops writing its profile before the folder goes.
  t.after(async () => {
    await context?.close().catch(() => undefined);
    if (daemon && daemon.child.exitCode === null) {
      daemon.child.kill('SIGTERM');
      const timer = setTimeout(() => daemon!.child.kill('SIGKILL'), 20_000);
      await daemon.exited;
      clearTimeout(timer);
    }
    for (const s of servers) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  await writeFile(path.join(dir, 't.lab.zone'), ZONE);
  const zone = await loadZoneFile(path.join(dir, 't.lab.zone'), 't.lab.');
  for (const id of ['a', 'b', 'c']) servers.push(await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: id }));
  const [a, b, c] = servers;
  await writeFile(path.join(dir, 'config.yaml'), `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
  - { id: dns1, role: dns-provider, licensedBy: national, grade: 1 }
systems:
  - id: t-tld
    org: reg
    kind: tld
    name: { zh: 测试顶级域, en: Test TLD }
    zone: t.lab.
    nodes:
      - { id: a, address: 127.0.0.1, port: ${a.port} }
      - { id: b, address: 127.0.0.1, port: ${b.port} }
    truth: { zonefile: ./t.lab.zone }
  - id: t-auth
    org: dns1
    kind: authoritative
    zones: [t.lab.]
    nodes:
      - { id: c, address: 127.0.0.1, port: ${c.port} }
    truth: { zonefile: ./t.lab.zone }
probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0", token: "${TOKEN}" }
`);
  daemon = await startDaemon(path.join(dir, 'config.yaml'), path.join(dir, 'data'));
  const url = daemon.url;

  const profile = path.join(dir, 'chromium-profile');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height: 768 },
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai', timeout: 60_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
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
