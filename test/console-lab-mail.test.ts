// The office's Lab mail page in Debian's Chromium against a real `dnswarden serve` whose configuration
// names a lab mailbox: a message received by the lab's SMTP sink (sent with nodemailer, as the
// platform sends) is listed with its recipient and decoded subject, and opens with its text and a
// link to its incident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { ensureConsoleBuilt, launchChromium, pageGuard } from './support/console-browser.ts';
import { startConsoleLab } from './support/console-daemon.ts';
import { startMailSink } from '../src/lab/lab-mail-sink.ts';

test('console: the office reads the lab mailbox', { timeout: 120_000 }, async (t) => {
  ensureConsoleBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-console-labmail-'));
  const sink = await startMailSink({ dir: path.join(dir, 'mail'), port: 0 });
  const transport = createTransport({ url: `smtp://127.0.0.1:${sink.port}` });
  await transport.sendMail({
    from: 'dnswarden@lab.invalid', to: 'duty@office.lab.invalid',
    subject: '[dnswarden] 事件开启：t-tld II级（重大） / Incident opened: t-tld Grade II 重大',
    text: '事件编号：inc-lab-mail-1\n级别：II级（重大）\n\nIncident: inc-lab-mail-1\nClassification: Grade II 重大',
    headers: { 'X-Dnswarden-Event': 'incident-opened', 'X-Dnswarden-Incident': 'inc-lab-mail-1' },
  });
  transport.close();
  const lab = await startConsoleLab(dir, 'console-labmail-token-0123456789', { labMailbox: './mail' })
    .catch(async (err) => { await sink.close(); rmSync(dir, { recursive: true, force: true }); throw err; });
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close().catch(() => undefined);
    await lab.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(30_000);
  const errors = pageGuard(page);
  await page.goto(lab.daemon.url);
  const form = page.locator('[data-testid=login-form]');
  await form.locator('input[name=username]').fill(lab.daemon.username);
  await form.locator('input[name=password]').fill(lab.daemon.password);
  await form.locator('button[type=submit]').click();
  await page.locator('[data-testid=nav-lab-mail]', { hasText: '实验室邮件' }).click();
  const row = page.locator('[data-testid=lab-mail] tr', { hasText: 'duty@office.lab.invalid' });
  await row.locator('[data-incident="inc-lab-mail-1"]', { hasText: '事件开启：t-tld II级（重大）' }).waitFor();
  await row.click();
  await page.waitForURL(/\/lab-mail\/1$/);
  const text = page.locator('[data-testid=mail-text]');
  await text.waitFor();
  assert.match(await text.innerText(), /事件编号：inc-lab-mail-1[\s\S]*Classification: Grade II 重大/);
  assert.equal(await page.locator('a[href="/incidents/inc-lab-mail-1"]').count(), 1, 'the incident header links to the incident');
  assert.deepEqual(errors(), []);
});
