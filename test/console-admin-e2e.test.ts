// Account management and contact editing in the console, end to end: Debian's Chromium driven by
// playwright-core against a real `dnswarden serve` (test/support/console-daemon.ts). The
// bootstrap admin changes the password printed once by `serve` (a weak one is refused with the rule),
// signs out and in again with the new one, creates a duty officer of the registry and sees the
// generated password once; the officer (another browser context) edits the registry's contacts —
// a list without a backup shows the server's problem, a complete one saves and tells when to report
// it — records the change as reported and starts a reachability drill; the admin disables the
// officer, whose next click lands on the login page. Screenshots only when DW_SCREENSHOTS names a directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { USER_ROLES } from '../src/core/access/access-types.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, screenshot } from './support/console-browser.ts';
import { startConsoleLab, type ConsoleLab } from './support/console-daemon.ts';
import { skipUnlessCi } from './support/peers.ts';

const TOKEN = 'console-admin-token-0123456789';
const BROWSER_TZ = 'Asia/Shanghai';

/** Year, month, day, hour and minute (two digits each but the year) of an instant on the wall clock of a time zone. */
function wallClockParts(at: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '?';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
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
  if (!process.env.DW_SCREENSHOTS) return;
  await page.addStyleTag({ content: '.top { position: static !important; }' }); // a sticky bar would repeat mid-picture
  await screenshot(page, name, true);
}

test('console: password change, users, contact editing by a duty officer, disabling signs them out', {
  timeout: 240_000, skip: skipUnlessCi(existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium"): the console e2e test needs it`),
}, async (t) => {
  ensureConsoleBuilt();
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-admin-'));
  let lab: ConsoleLab | undefined;
  t.after(async () => {
    await lab?.close();
    await rm(dir, { recursive: true, force: true });
  });

  lab = await startConsoleLab(dir, TOKEN);
  const { daemon } = lab;
  const url = daemon.url;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  t.after(() => browser.close());
  const pageErrors: string[] = [];
  const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: BROWSER_TZ });
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
  const offered = await create.locator('.role-picker input[type=checkbox]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(name: string): string | null }).getAttribute('name')));
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
  // The page shows times in the browser's time zone (Asia/Shanghai above), whatever the test process's TZ is.
  const dueShown = await officer.locator('[data-testid=report-due]').innerText();
  const wanted = wallClockParts(due, BROWSER_TZ);
  assert.match(dueShown, new RegExp(`${wanted.year}\\D+${wanted.month}\\D+${wanted.day}\\D+${wanted.hour}:${wanted.minute}`),
    `${dueShown} shows the due time ${due.toISOString()} in ${BROWSER_TZ}`);
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
