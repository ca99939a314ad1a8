// Account management and contact editing in the console, end to end: Debian's Chromium driven by
// playwright-core against a real `dnswarden serve` (two built-in authoritative servers). The
// bootstrap admin changes the password printed once by `serve` (a weak one is refused with the rule),
// signs out and in again with the new one, creates a duty officer of the registry and sees the
// generated password once; the officer (another browser context) edits the registry's contacts —
// a list without a backup shows the server's problem, a complete one saves and tells when to report
// it — records the change as reported and starts a reachability drill; the admin disables the
// officer, whose next click lands on the login page. Screenshots only when DW_SCREENSHOTS names a directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { USER_ROLES } from '../src/core/access/access-types.ts';
import { loadZoneFile } from '../src/zone/zonefile.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/dnswarden.mjs');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.DW_SCREENSHOTS || null;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const ZONE = `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster 1 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
www   IN A   192.0.2.1
`;

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

async function signIn(page: Page, username: string, password: string): Promise<void> {
  const form = page.locator('[data-testid=login-form]');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
}

/** A JSON GET from inside the page (its cookie), for checks the screen does not show. */
function apiGet(page: Page, p: string): Promise<any> {
  return page.evaluate(async (u) => (await fetch(`/api/v1${u}`, { credentials: 'same-origin' })).json(), p);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.addStyleTag({ content: '.top { position: static !important; }' }); // a sticky bar would repeat mid-picture
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

test('console: password change, users, contact editing by a duty officer, disabling signs them out', {
  timeout: 240_000, skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium"): the console e2e test needs it`,
}, async (t) => {
  ensureBuilt();
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-admin-'));
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
  for (const id of ['a', 'b']) servers.push(await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: id }));
  await writeFile(path.join(dir, 'config.yaml'), `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
systems:
  - id: t-tld
    org: reg
    kind: tld
    zone: t.lab.
    nodes:
      - { id: a, address: 127.0.0.1, port: ${servers[0].port} }
      - { id: b, address: 127.0.0.1, port: ${servers[1].port} }
    truth: { zonefile: ./t.lab.zone }
probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0" }
`);
  daemon = await startDaemon(path.join(dir, 'config.yaml'), path.join(dir, 'data'));
  const url = daemon.url;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  t.after(() => browser.close());
  const pageErrors: string[] = [];
  const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return { context, page };
  };

  // --- the bootstrap admin changes the password `serve` printed ---
  const { page: admin } = await newPage();
  await admin.goto(url);
  await signIn(admin, daemon.username, daemon.password);
  await admin.locator('[data-testid=account-link]').click();
  await admin.waitForURL(/\/account$/);
  const pw = admin.locator('[data-testid=change-password]');
  const newAdminPassword = 'Office night-shift passphrase 2026';
  await pw.locator('input[name=current]').fill(daemon.password);
  await pw.locator('input[name=password]').fill('short1');
  await pw.locator('input[name=repeat]').fill('short1');
  await pw.locator('button[type=submit]').click();
  await pw.locator('[data-testid=password-problems]', { hasText: 'at least 12 characters' }).waitFor();
  await pw.locator('input[name=current]').fill(daemon.password);
  await pw.locator('input[name=password]').fill(newAdminPassword);
  await pw.locator('input[name=repeat]').fill(newAdminPassword);
  await pw.locator('button[type=submit]').click();
  await pw.locator('.ok-text', { hasText: '密码已修改' }).waitFor();
  // The server replaced the session cookie: still signed in.
  assert.equal((await apiGet(admin, '/me')).user.username, daemon.username);
  await admin.getByRole('button', { name: '退出' }).click();
  await admin.locator('[data-testid=login-form]').waitFor();
  await signIn(admin, daemon.username, daemon.password);
  await admin.getByText('用户名或密码错误').waitFor();
  await signIn(admin, daemon.username, newAdminPassword);
  await admin.locator('[data-testid=account-link]').waitFor();

  // --- the admin creates a duty officer of the registry; the password is shown once ---
  await admin.locator('nav a', { hasText: '用户管理' }).click();
  await admin.waitForURL(/\/users$/);
  const create = admin.locator('[data-testid=create-user]');
  const offered = await create.locator('.role-picker input[type=checkbox]').evaluateAll((els) => els.map((e) => e.getAttribute('name')));
  assert.deepEqual(offered, USER_ROLES.map((r) => `role-${r}`), 'the console offers the roles of the access core');
  await create.locator('input[name=username]').fill('reg-duty');
  await create.locator('input[name=displayName]').fill('Registry duty officer');
  await create.locator('select[name=org]').selectOption('reg');
  assert.ok(await create.locator('input[name=role-duty-officer]').isChecked());
  await create.locator('button[type=submit]').click();
  const secret = admin.locator('[data-testid=user-secret] input');
  await secret.waitFor();
  const officerPassword = await secret.inputValue();
  assert.match(officerPassword, /^[A-Za-z0-9_-]{20,}$/);
  const row = admin.locator('tr[data-user="reg-duty"]');
  await row.waitFor();
  assert.match(await row.innerText(), /reg[\s\S]*启用中/);
  await shot(admin, 'users.png');
  await admin.reload();
  await row.waitFor();
  assert.equal(await admin.locator('[data-testid=user-secret]').count(), 0, 'shown once: gone after a reload');

  // --- the duty officer (another browser) edits the registry's contacts ---
  const { page: officer } = await newPage();
  await officer.goto(url);
  await signIn(officer, 'reg-duty', officerPassword);
  assert.equal(await officer.locator('nav a', { hasText: '用户管理' }).count(), 0, 'no users page without users.manage');
  await officer.locator('nav a', { hasText: '应急联系人' }).click();
  const editor = officer.locator('[data-testid=contact-editor]');
  await editor.waitFor();
  const rowOf = (i: number) => editor.locator(`fieldset[data-row="${i}"]`);
  await rowOf(0).locator('input[name=name]').fill('Zhang Wei');
  await rowOf(0).locator('input[name=phone]').fill('+86 10 5555 0101');
  await editor.locator('button[type=submit]').click();
  await editor.locator('[data-testid=contact-problems]', { hasText: 'no backup contact' }).waitFor();
  assert.equal((await apiGet(officer, '/orgs/reg/contacts')).version, 0, 'nothing was saved');
  await rowOf(1).locator('input[name=name]').fill('Li Na');
  await rowOf(1).locator('input[name=email]').fill('li.na@reg.example');
  await editor.locator('button[type=submit]').click();
  const change = officer.locator('[data-testid=contact-change]');
  await change.waitFor();
  const stored = await apiGet(officer, '/orgs/reg/contacts');
  assert.equal(stored.version, 1);
  assert.deepEqual(stored.contacts.map((c: { name: string; role: string }) => `${c.role}:${c.name}`), ['primary:Zhang Wei', 'backup:Li Na']);
  const due = new Date(stored.changes[0].reportDue);
  assert.equal(due.getTime() - Date.parse(stored.changes[0].changedAt), 3 * 86_400_000, 'report within 3 days');
  const dueShown = await officer.locator('[data-testid=report-due]').innerText();
  assert.ok(dueShown.includes(String(due.getDate()).padStart(2, '0')), `${dueShown} shows the due day of ${due.toISOString()}`);
  await change.locator('[data-action=report-change]').click();
  await change.locator('[data-reported=yes]').waitFor();
  assert.ok((await apiGet(officer, '/contact-changes?org=reg')).changes[0].reportedAt, 'recorded as reported');
  assert.match(await officer.locator('[data-testid=contacts]').innerText(), /Zhang Wei[\s\S]*Li Na/);
  // A reachability drill of the two contacts: listed with nobody acknowledged yet.
  await officer.locator('[data-testid=start-contact-drill] button[type=submit]').click();
  await officer.locator('[data-testid=contact-drills] [data-drill] li', { hasText: 'Li Na' }).filter({ hasText: '未确认' }).waitFor();
  assert.equal((await apiGet(officer, '/contact-drills?org=reg')).drills[0].contacts.length, 2);
  await shot(officer, 'contacts.png');

  // --- the admin disables the officer; the officer's next action lands on the login page ---
  await admin.reload();
  await row.locator('[data-action=disable]').click();
  await row.locator('[data-action=confirm-disable]').click();
  await admin.locator('tr[data-user="reg-duty"] [data-state=disabled]').waitFor();
  await officer.locator('nav a', { hasText: '审计日志' }).click();
  await officer.locator('[data-testid=login-form]').waitFor();
  await signIn(officer, 'reg-duty', officerPassword);
  await officer.getByText('用户名或密码错误').waitFor();

  assert.deepEqual(pageErrors, [], 'no script errors in the pages');
});
