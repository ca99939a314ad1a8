// Session expiry in the console: `http.sessionTtl: 10s`, Debian's Chromium via playwright-core
// against a real `dnswarden serve`. After the sign-in has expired, the officer's next action lands on
// the login page, which says the session ended; signing in again works; an explicit sign-out shows
// no such notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAuthServer } from '../src/authserver/auth-server.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { startServe, stopServe, waitFor } from './platform-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, pageGuard } from './support/console-browser.ts';

const ZONE = `$ORIGIN s.lab.
$TTL 300
@    IN SOA ns1 hostmaster 1 3600 600 86400 300
@    IN NS  ns1
ns1  IN A   127.0.0.1
www  IN A   192.0.2.1
`;

test('console: an expired session sends the next action to the login page, which says why', {
  timeout: 120_000, skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (Debian package "chromium")`,
}, async (t) => {
  ensureConsoleBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-console-session-'));
  writeFileSync(path.join(dir, 's.lab.zone'), ZONE);
  const server = await startAuthServer({ zones: [parseZoneFile(ZONE, { origin: 's.lab.' })], address: '127.0.0.1', port: 0, nodeId: 'a' });
  writeFileSync(path.join(dir, 'config.yaml'), `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
systems:
  - id: s-tld
    org: reg
    kind: tld
    zone: s.lab.
    nodes: [{ id: a, address: 127.0.0.1, port: ${server.port} }]
    truth: { zonefile: ./s.lab.zone }
probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0", sessionTtl: 10s }
`);
  const serve = await startServe(path.join(dir, 'config.yaml'), path.join(dir, 'data'));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  t.after(async () => {
    await browser.close().catch(() => undefined);
    await stopServe(serve);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const password = (await waitFor('the admin line', () => /console: \S+ — user admin, password (\S+) /.exec(serve.stderr()) ?? undefined, 15_000))[1];
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(30_000);
  const errors = pageGuard(page);
  const signIn = async () => {
    const form = page.locator('[data-testid=login-form]');
    await form.locator('input[name=username]').fill('admin');
    await form.locator('input[name=password]').fill(password);
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=live-state][data-state=live]').waitFor();
  };

  await page.goto(serve.url);
  await signIn();
  const signedInAt = Date.now();
  await page.locator('[data-system="s-tld"] [data-node="a"][data-health=ok]').waitFor();
  // Past the 10 s lifetime (checked by the server, not by the page's clock).
  await page.waitForTimeout(Math.max(0, 11_000 - (Date.now() - signedInAt)));
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.locator('[data-testid=session-ended]').waitFor();
  assert.equal(await page.locator('[data-testid=login-form]').count(), 1);

  await signIn();
  await page.locator('nav a', { hasText: '事件' }).click();
  await page.locator('[data-testid=incident-list]').waitFor();
  await page.getByRole('button', { name: '退出' }).click();
  await page.locator('[data-testid=login-form]').waitFor();
  assert.equal(await page.locator('[data-testid=session-ended]').count(), 0, 'a chosen sign-out is not an expiry');
  assert.deepEqual(errors(), []);
});
