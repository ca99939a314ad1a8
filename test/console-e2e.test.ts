// The web console end to end: Debian's Chromium (never a downloaded browser) driven by
// playwright-core against a real `dnswarden serve` probing two built-in authoritative servers every
// second. Refuses a wrong machine token and a wrong password, signs in through the login form as the
// bootstrap admin that `serve` prints once on stderr, sees the nodes healthy, stops one node and sees its cell
// turn red through the live stream without the page reloading, opens the system page (charts) and
// the incidents page (a quiet "not available yet" while the route is missing), switches language,
// and saves screenshots into docs/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { loadZoneFile } from '../src/zone/zonefile.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/dnswarden.mjs');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const TOKEN = 'console-e2e-token-0123456789';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const ZONE = `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster 1 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
www   IN A   192.0.2.1
mail  IN A   192.0.2.2
@     IN MX  10 mail
`;

/** Builds the console when web/dist is missing (bounded in time). */
function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, 'web/dist/index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `npm run build:web failed:\n${r.stderr}`);
}

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

test('console: sign in, live node grid, system charts, incidents placeholder, screenshots', {
  timeout: 240_000, skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium"): the console e2e test needs it`,
}, async (t) => {
  ensureBuilt();
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-e2e-'));
  const servers: AuthServer[] = [];
  let daemon: Daemon | undefined;
  t.after(async () => {
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
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height: 768 },
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai', timeout: 60_000,
  });
  t.after(() => context.close());
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  await mkdir(SHOTS, { recursive: true });

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
  // Incidents: a quiet placeholder while the route is missing, the counts once it exists; never a crash.
  await page.locator('[data-testid=open-incidents] .unavailable, [data-testid=open-incidents] .grade-counts').first().waitFor();
  await page.waitForTimeout(600); // let the cell's colour transition finish before the picture
  await page.screenshot({ path: path.join(SHOTS, 'overview.png') });

  // --- the system page: charts from the stored series, the open outage of node b ---
  await page.locator('[data-system="t-tld"] a.system-name').click();
  await page.waitForURL(/\/systems\/t-tld$/);
  await page.locator('.chart .uplot').first().waitFor();
  assert.equal(await page.locator('.chart .uplot').count(), 3);
  await page.getByText('持续中').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'system.png'), fullPage: true });

  // --- incidents: "not available yet" while the list route is missing, else the list; filters either way ---
  const listed = '[data-testid=incident-list] .unavailable, [data-testid=incident-list] table, [data-testid=incident-list] p.muted:not(:has-text("加载中"))';
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.waitForURL(/\/incidents$/);
  await page.locator(listed).first().waitFor();
  await page.locator('.filters select').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'incidents.png') });

  // --- English, persisted; a client route survives a reload (index.html fallback) ---
  await page.locator('[data-testid=lang]').click();
  await page.locator('nav a', { hasText: 'Incidents' }).waitFor();
  await page.reload();
  await page.locator('nav a', { hasText: 'Incidents' }).waitFor();
  await page.locator('[data-testid=incident-list] h2', { hasText: 'Incidents' }).waitFor();
  await page.locator('[data-testid=incident-list] .unavailable, [data-testid=incident-list] table, [data-testid=incident-list] p.muted:not(:has-text("Loading"))').first().waitFor();
  await page.locator('nav a', { hasText: 'Overview' }).click();
  await cell('t-tld', 'b').and(page.locator('[data-health=down]')).waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(SHOTS, 'overview-en.png') });

  // --- recovery shows up live as well ---
  b.setFaults({});
  await cell('t-tld', 'b').and(page.locator('[data-health=ok]')).waitFor({ timeout: 60_000 });

  // --- the incident pages against stand-in answers of the planned routes (docs/api-v1.md) ---
  const opened = new Date(Date.now() - 3 * 3600_000).toISOString();
  const summary = {
    id: 'inc-1', systemId: 't-tld', org: 'reg', grade: null, proposedGrade: 'II', needsConfirmation: true, phase: 'initial-response',
    commander: { role: 'emergency-office', provisional: true }, writtenReportDue: new Date(Date.parse(opened) + 24 * 3600_000).toISOString(),
    openedAt: opened, resolvedAt: null, drill: false, warningLevel: 'orange', title: { zh: 't-tld 半数节点解析失败', en: 't-tld: half the nodes fail' },
  };
  const other = { ...summary, id: 'inc-2', grade: 'IV', proposedGrade: 'IV', needsConfirmation: false, phase: 'emergency-handling', drill: true,
    commander: { role: 'self', org: 'reg' }, warningLevel: null, title: { zh: '演练：注册服务降级', en: 'Drill: registration degraded' } };
  const refusal = 'measure flush-cache-national is major: it needs a directive from the national emergency office';
  const posted: string[] = [];
  await page.route(/\/api\/v1\/(incidents|measures)/, async (route) => {
    const u = new URL(route.request().url());
    const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (route.request().method() === 'POST') {
      posted.push(`${u.pathname} ${route.request().postData()}`);
      return u.pathname.endsWith('/measures') ? json(409, { error: refusal, statusCode: 409 }) : json(200, { ok: true });
    }
    if (u.pathname === '/api/v1/incidents') return json(200, { incidents: [summary, other] });
    if (u.pathname === '/api/v1/incidents/inc-1') {
      return json(200, { incident: summary, detail: { ...summary, object: 'tld', measures: [], directives: [],
        matched: [{ rule: 'tld-half-nodes', grade: 'II', detail: '1/2 nodes below 50 %' }] },
      timeline: [{ at: opened, kind: 'opened', by: null, text: 'proposed II 重大 from measurements' }] });
    }
    if (u.pathname === '/api/v1/measures/catalogue') {
      return json(200, { measures: [
        { id: 'filter-abnormal', name: { zh: '过滤异常和无效请求', en: 'Filter abnormal and invalid queries' }, major: false },
        { id: 'flush-cache-national', name: { zh: '全国范围刷新递归缓存', en: 'Flush resolver caches nationally' }, major: true, directiveScope: 'national' },
      ] });
    }
    return json(404, { error: `no route GET ${u.pathname}`, statusCode: 404 });
  });
  await page.locator('[data-testid=lang]').click(); // back to Chinese
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.locator('[data-testid=incident-list] tbody tr').nth(1).waitFor();
  assert.match(await page.locator('[data-testid=incident-list]').innerText(), /II 重大[\s\S]*IV 一般/);
  await page.screenshot({ path: path.join(SHOTS, 'incidents-list.png') });
  await page.locator('[data-testid=incident-list] tbody tr').first().click();
  await page.waitForURL(/\/incidents\/inc-1$/);
  await page.locator('[data-testid=confirm-grade]').waitFor();
  // The office plans measures but does not execute them: no "execute" box for the admin.
  await page.locator('[data-testid=measure-form] select').waitFor();
  assert.equal(await page.locator('[data-testid=measure-form] input[type=checkbox]').count(), 0);
  // The operator executes: the admin creates a duty officer of `reg`, who signs in instead.
  const operator = { username: 'reg-duty', password: 'reg-duty-password-0123' };
  const switched = await page.evaluate(async (u) => {
    const post = (p: string, body: unknown) => fetch(`/api/v1${p}`, { method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/users', { ...u, org: 'reg', roles: ['duty-officer'] });
    const login = await post('/auth/login', u);
    return [created.status, login.status];
  }, operator);
  assert.deepEqual(switched, [201, 200]);
  await page.reload();
  await page.locator('[data-testid=measure-form] select').selectOption('flush-cache-national');
  await page.locator('[data-testid=measure-form] input[type=checkbox]').check();
  await page.locator('[data-testid=measure-form] button[type=submit]').click();
  await page.locator('[data-testid=measure-form] [role=status]', { hasText: refusal }).waitFor();
  assert.ok(posted.some((p) => p.includes('/incidents/inc-1/measures') && p.includes('"execute":true')), posted.join('\n'));
  await page.addStyleTag({ content: '.top { position: static !important; }' }); // a sticky bar would repeat mid-picture
  await page.screenshot({ path: path.join(SHOTS, 'incident.png'), fullPage: true });
  assert.deepEqual(pageErrors, [], 'no script errors in the page');
});
