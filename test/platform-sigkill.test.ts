// Durability of the running platform: `dnswarden serve` is killed with SIGKILL right after a grade II
// incident opens, while its notification emails are being sent (the SMTP server holds its answers),
// and restarted on the same data folder. Whatever the store held just before the kill — incidents,
// timeline entries, queued notifications, read through a read-only SQLite connection — is still there;
// every queued notification is eventually delivered (at-least-once, with the same Message-ID); and the
// restarted daemon adopts the open incident instead of opening a second one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { freeLabPort, readDb, startServe, startSmtp, stopServe, waitFor, type DbView, type Serve, type TestSmtp } from './platform-harness.ts';

const TOKEN = 'platform-sigkill-token-0123456789';
const HOLD_MS = 5000;
const LEASE_MS = 15_000;

describe('serve killed with SIGKILL during incident activity', { timeout: 300_000 }, () => {
  let dir = '';
  let data = '';
  let config = '';
  let smtp: TestSmtp | undefined;
  const serves: Serve[] = [];
  let holding = true;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-platform-kill-'));
    data = path.join(dir, 'data');
    const port = await freeLabPort();
    await labUp({ dir, port, resolver: 'forwarder', readyTimeoutMs: 30_000 });
    smtp = await startSmtp(() => (holding ? HOLD_MS : 0));
    config = path.join(dir, 'platform.yaml');
    writeFileSync(config, labConfigText(labConfigOptions(port, {
      token: TOKEN, httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, sampleBySystem: { 'bj-resolver': 20 },
      inFlight: 64, smtp: smtp.url, openAfterCycles: 2, resolveAfterCycles: 3,
    })));
  });

  after(async () => {
    for (const s of serves) await stopServe(s);
    await smtp?.close();
    if (dir) {
      await labDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('nothing accepted is lost, queued mail is delivered, no second incident', async () => {
    const env = { DNSWARDEN_OUTBOX_TICK_MS: '500', DNSWARDEN_OUTBOX_LEASE_MS: String(LEASE_MS) };
    const first = await startServe(config, data, env);
    serves.push(first);
    await waitFor('two healthy cycles', () => (first.cycles().filter((c) => /lab-tld 100\.0%/.test(c.text)).length >= 2 ? true : undefined), 60_000);
    await labFault(dir, 'a', 'stop');
    await labFault(dir, 'b', 'stop');

    // the incident is open and its first email is on the wire (held by the SMTP server): kill now
    await waitFor('an email being sent', () => (smtp!.dataStarted >= 1 ? true : undefined), 120_000, 20);
    const beforeKill: DbView = readDb(data);
    first.child.kill('SIGKILL');
    await first.exited;
    const inc = beforeKill.incidents.find((i) => i.systemId === 'lab-tld' && !i.drill);
    assert.ok(inc, 'the incident was stored before the kill');
    const queued = beforeKill.outbox.filter((o) => o.incidentId === inc.id);
    assert.ok(queued.length > 0, 'notifications were queued before the kill');
    const unsentAtKill = queued.filter((o) => o.state !== 'sent');
    assert.ok(unsentAtKill.length > 0, `some were still unsent at the kill: ${JSON.stringify(queued.map((o) => o.state))}`);
    console.log(`# at the kill: incident ${inc.id} v${inc.version}, ${beforeKill.timeline.filter((e) => e.incidentId === inc.id).length} timeline entries, `
      + `${queued.length} queued notification(s) (${unsentAtKill.length} unsent, ${queued.filter((o) => o.attempts > 0).length} claimed), `
      + `announced: ${inc.detail.announcedAt ? 'yes' : 'no'}, ${smtp!.received.length} email(s) fully received`);

    // restart on the same data folder, the SMTP server now answering at once
    holding = false;
    const second = await startServe(config, data, env);
    serves.push(second);
    const restartedAt = Date.now();
    await waitFor('three cycles after the restart', () => (second.cycles().length >= 3 ? true : undefined), 120_000);
    assert.ok(!second.stderr().includes('console: '), 'the admin password is printed on the first start only');

    // everything the store held before the kill is still there, unchanged where it cannot change
    const afterRestart = readDb(data);
    for (const i of beforeKill.incidents) {
      const now = afterRestart.incidents.find((x) => x.id === i.id);
      assert.ok(now, `incident ${i.id} kept`);
      assert.ok(now.version >= i.version);
      assert.equal(now.detail.openedAt, i.detail.openedAt);
      assert.equal(now.detail.deadlines.writtenReportDue, i.detail.deadlines.writtenReportDue);
    }
    for (const e of beforeKill.timeline) {
      assert.deepEqual(afterRestart.timeline.find((x) => x.id === e.id), e, `timeline entry ${e.id} (${e.kind}) kept`);
    }
    for (const o of beforeKill.outbox) {
      const now = afterRestart.outbox.find((x) => x.dedupeKey === o.dedupeKey);
      assert.ok(now, `notification ${o.dedupeKey} kept`);
      assert.equal(now.id, o.id);
      assert.equal(now.messageId, o.messageId);
    }
    assert.equal(new Set(afterRestart.outbox.map((o) => o.dedupeKey)).size, afterRestart.outbox.length, 'no notification queued twice');

    // every notification queued before the kill is delivered, with its message id
    await waitFor('every queued notification sent', () => {
      const rows = readDb(data).outbox;
      return queued.every((q) => rows.find((r) => r.dedupeKey === q.dedupeKey)?.state === 'sent') ? true : undefined;
    }, LEASE_MS + 60_000, 250);
    const deliveredAt = Date.now();
    for (const q of queued) {
      const copies = smtp!.received.filter((m) => m.messageId.replace(/^<|@.*$/g, '') === q.messageId);
      assert.ok(copies.length >= 1, `${q.dedupeKey} delivered`);
    }
    const duplicates = queued.map((q) => smtp!.received.filter((m) => m.messageId.replace(/^<|@.*$/g, '') === q.messageId).length).filter((n) => n > 1).length;

    // still one open lab-tld incident: the restarted daemon adopted it
    const firstCycleAfter = Math.min(...second.cycles().map((c) => c.n));
    await waitFor('more bad cycles after the restart', () => (second.cycles().filter((c) => /lab-tld \S+ \(2\/4 nodes <50%\)/.test(c.text)).length >= 3 ? true : undefined), 120_000);
    const final = readDb(data);
    const tld = final.incidents.filter((i) => i.systemId === 'lab-tld' && !i.drill);
    assert.equal(tld.length, 1, `one incident, got ${tld.map((i) => i.id).join(', ')}`);
    assert.equal(tld[0].grade, 'II');
    assert.ok(tld[0].detail.announcedAt, 'the opening was announced (finished after the restart if the kill interrupted it)');
    assert.equal(final.timeline.filter((e) => e.incidentId === inc.id && e.kind === 'opened').length, 1, 'one opened entry');
    const openedMails = final.outbox.filter((o) => o.incidentId === inc.id && o.dedupeKey.includes(':incident-opened:'));
    assert.equal(new Set(openedMails.map((o) => o.recipient)).size, openedMails.length, 'one opening notification per recipient');
    console.log(`# after the restart: all ${queued.length} delivered ${((deliveredAt - restartedAt) / 1000).toFixed(1)} s after it `
      + `(lease ${LEASE_MS / 1000} s); ${duplicates} delivered twice (at-least-once, same Message-ID); first cycle after restart #${firstCycleAfter}`);
  });
});
