// The lab's mailbox end to end: `lab up` starts the SMTP sink and writes a config that sends the
// notifications there; `serve` watching the lab opens an incident when two TLD nodes stop, and the
// opening email to the registry and the office is listed by `dnswarden lab mail` no more than two
// probe cycles after the incident opened; `lab mail <n>` shows it decoded; the office reads the same
// mailbox through GET /api/v1/lab/mail (signed in; the route is office-only).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labConfigOptions, labConfigText, LAB_CONTACTS } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import type { LabState } from '../src/lab/lab-state.ts';
import type { MailEntry } from '../src/lab/lab-mailbox.ts';
import { BIN, freeLabPort, readDb, startServe, stopServe, waitFor, type Serve } from './platform-harness.ts';

const TOKEN = 'lab-mail-token-0123456789abcdef';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('the lab mailbox: a fault → an incident → the email in `dnswarden lab mail`', { timeout: 300_000 }, () => {
  let dir = '';
  let state: LabState;
  let serve: Serve | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-lab-mail-'));
    state = (await labUp({ dir, port: await freeLabPort(), resolver: 'forwarder', smtpPort: 0 })).state;
    // The lab's own config, only faster: the same SMTP sink, the same mailbox.
    const written = readFileSync(state.configFile, 'utf8');
    assert.match(written, new RegExp(`smtp: "smtp://127\\.0\\.0\\.1:${state.smtpPort}"`), 'lab up points notifications at its sink');
    assert.match(written, /mailbox: "\.\/mail"/);
    const config = path.join(dir, 'fast.yaml');
    writeFileSync(config, labConfigText(labConfigOptions(state.port, {
      token: TOKEN, httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, sampleBySystem: { 'bj-resolver': 20 }, inFlight: 64,
      smtp: `smtp://127.0.0.1:${state.smtpPort}`, labMailbox: './mail', openAfterCycles: 2,
    })));
    serve = await startServe(config, path.join(dir, 'data'), { DNSWARDEN_OUTBOX_TICK_MS: '300' });
  });

  after(async () => {
    if (serve) await stopServe(serve);
    if (dir) {
      await labDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty mailbox first; no mailbox elsewhere is exit 3', async () => {
    const empty = await cli(['lab', 'mail', '--dir', dir, '--json']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.deepEqual(JSON.parse(empty.stdout).messages, []);
    const none = await cli(['lab', 'mail', '--dir', path.join(dir, 'nowhere')]);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /no lab mailbox/);
  });

  test('two TLD nodes stopped: the opening email is in `lab mail` within two cycles of the opening', async () => {
    const s = serve!;
    await waitFor('two healthy cycles', () => (s.cycles().filter((c) => /lab-tld 100\.0%/.test(c.text)).length >= 2 ? true : undefined), 60_000);
    const lastCycleBefore = Math.max(...s.cycles().map((c) => c.n));
    await labFault(dir, 'a', 'stop');
    await labFault(dir, 'b', 'stop');
    const inc = await waitFor('the lab-tld incident', () => readDb(path.join(dir, 'data')).incidents.find((i) => i.systemId === 'lab-tld' && !i.drill), 60_000);
    const opening = await waitFor('the opening cycle in the log', () => s.cycles().find((c) => new Date(c.at).toISOString() === inc.detail.openedAt), 10_000);

    const wanted = [...LAB_CONTACTS['lab-registry'], ...LAB_CONTACTS.office].map((c) => c.email!).sort();
    let mails: MailEntry[] = [];
    const cyclesWhenSeen = await waitFor('the opening emails in `lab mail`', async () => {
      const cycleBefore = Math.max(...s.cycles().map((c) => c.n));
      const r = await cli(['lab', 'mail', '--dir', dir, '--json']);
      assert.equal(r.code, 0, r.stderr);
      mails = (JSON.parse(r.stdout).messages as MailEntry[]).filter((m) => m.incident === inc.id && m.event === 'incident-opened');
      return mails.flatMap((m) => m.to).length >= wanted.length ? cycleBefore - opening.n : undefined;
    }, 60_000, 100);
    assert.ok(cyclesWhenSeen <= 2, `the email was listed ${cyclesWhenSeen} cycle(s) after the opening cycle (at most two)`);
    // from the fault: the cycle it began in, the two bad cycles the rules need (openAfterCycles), then the listing
    const fromFault = opening.n + cyclesWhenSeen - lastCycleBefore;
    assert.ok(fromFault <= 5, `listed ${fromFault} cycle(s) after the fault`);
    console.log(`# figures: incident opened ${opening.n - lastCycleBefore} cycle(s) after the fault; email listed by 'lab mail' ${cyclesWhenSeen} cycle(s) after the opening`);
    assert.deepEqual(mails.flatMap((m) => m.to).sort(), wanted, 'the registry (affected) and the office (commander)');
    for (const m of mails) assert.match(m.subject, /Grade II 重大.*lab-tld|lab-tld.*Grade II 重大/, m.subject);

    // the list in words, and one message in full, decoded
    const list = await cli(['lab', 'mail', '--dir', dir]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /duty@office\.lab\.invalid/);
    const one = await cli(['lab', 'mail', String(mails[0].id), '--dir', dir]);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^Subject: .*II级（重大）/m);
    assert.match(one.stdout, new RegExp(`X-Dnswarden-Incident: ${inc.id}`));
    assert.match(one.stdout, /lab-tld/);
    const missing = await cli(['lab', 'mail', '99999', '--dir', dir]);
    assert.equal(missing.code, 3);
  });

  test('the office reads the mailbox over the API; the route needs the office', async () => {
    const s = serve!;
    const headers = { authorization: `Bearer ${TOKEN}` };
    const list = await fetch(`${s.url}/api/v1/lab/mail`, { headers });
    assert.equal(list.status, 200);
    const body = (await list.json()) as { messages: MailEntry[] };
    assert.ok(body.messages.length >= 4, JSON.stringify(body).slice(0, 300));
    const one = await fetch(`${s.url}/api/v1/lab/mail/${body.messages[0].id}`, { headers });
    assert.equal(one.status, 200);
    const msg = (await one.json()) as { subject: string; text: string };
    assert.match(msg.text, /lab-tld/);
    assert.equal((await fetch(`${s.url}/api/v1/lab/mail/99999`, { headers })).status, 404);
    assert.equal((await fetch(`${s.url}/api/v1/lab/mail`)).status, 401);
  });
});
