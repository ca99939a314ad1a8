// Email through a real SMTP server (smtp-server) on loopback: the message as received —
// envelope, From/To, a UTF-8 Chinese subject properly RFC 2047-encoded, both languages in the
// body, the Message-ID from the outbox message id — and SMTP 5xx → permanent, 4xx → temporary.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createEmailNotifier, emailMessageId } from '../src/notify/email/email-notifier.ts';
import { NotifyError, type Notifier, type OutboundMessage } from '../src/notify/notifier.ts';
import { renderNotification } from '../src/notify/templates.ts';

interface Received { mailFrom: string; rcptTo: string[]; raw: string }
const received: Received[] = [];
let server: SMTPServer;
let notifier: Notifier;

before(async () => {
  server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, banner: 'dnswarden test',
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('nobody@')) return cb(Object.assign(new Error('mailbox unknown'), { responseCode: 550 }));
      if (address.address.startsWith('busy@')) return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  notifier = createEmailNotifier({ smtp: `smtp://127.0.0.1:${port}`, from: 'dnswarden@lab' }, { timeoutMs: 10_000 });
});
after(async () => {
  await notifier.close?.();
  await new Promise<void>((r) => server.close(() => r()));
});

// ---- a small MIME reader (headers, RFC 2047 words, base64 / quoted-printable bodies) ----
function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*(?==\?)?/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}
function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return Buffer.from(body, 'latin1').toString('utf8');
}

const rendered = renderNotification('incident-opened', {
  incident: { id: 'INC-42', systemId: 'cn-tld', org: 'cnnic', grade: 'II', drill: false, commander: { role: 'emergency-office' },
    openedAt: '2026-11-23T08:00:00Z', writtenReportDue: '2026-11-24T08:00:00Z' },
});
const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id: '5f2c0e8a9b1d4c7e8f00112233445566', channel: 'email', recipient: 'duty@cnnic.example', event: 'incident-opened',
  incidentId: 'INC-42', occurredAt: '2026-11-23T08:00:00.000Z', data: {}, ...rendered, ...over,
});

describe('email notifier against a real SMTP server', () => {
  it('delivers a bilingual message with an encoded Chinese subject and the outbox Message-ID', async () => {
    await notifier.send(message());
    assert.equal(received.length, 1);
    const r = received[0];
    assert.equal(r.mailFrom, 'dnswarden@lab');
    assert.deepEqual(r.rcptTo, ['duty@cnnic.example']);
    const { headers, body } = splitMessage(r.raw);
    const rawHeaders = r.raw.slice(0, r.raw.indexOf('\r\n\r\n'));
    assert.ok(/^[\x00-\x7f]*$/.test(rawHeaders), 'headers are 7-bit: the Chinese subject is encoded, not raw UTF-8');
    assert.match(headers.get('subject')!, /=\?UTF-8\?[BQ]\?/i);
    assert.equal(decodeWords(headers.get('subject')!), rendered.subject);
    assert.ok(rendered.subject.includes('事件开启') && rendered.subject.includes('Incident opened'));
    assert.equal(headers.get('from'), 'dnswarden@lab');
    assert.equal(headers.get('to'), 'duty@cnnic.example');
    assert.equal(headers.get('message-id'), '<5f2c0e8a9b1d4c7e8f00112233445566@lab>');
    assert.equal(headers.get('message-id'), emailMessageId(message().id, 'dnswarden@lab'));
    assert.equal(headers.get('x-dnswarden-incident'), 'INC-42');
    assert.equal(headers.get('auto-submitted'), 'auto-generated');
    assert.match(headers.get('content-type')!, /text\/plain; charset=utf-8/i);
    const text = decodeBody(body, headers.get('content-transfer-encoding'));
    assert.ok(text.includes('请立即开展先期处置'), 'Chinese body');
    assert.ok(text.includes('Start the initial response'), 'English body');
    assert.ok(text.includes('II级（重大）') && text.includes('Grade II 重大 (serious)'));
  });

  it('a re-send carries the same Message-ID, so the mailbox can drop the duplicate', async () => {
    const before = received.length;
    await notifier.send(message({ recipient: 'office@miit.example' }));
    await notifier.send(message({ recipient: 'office@miit.example' }));
    const ids = received.slice(before).map((r) => splitMessage(r.raw).headers.get('message-id'));
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1]);
  });

  it('550 is permanent, 451 is temporary, a closed port is temporary', async () => {
    await assert.rejects(notifier.send(message({ recipient: 'nobody@cnnic.example' })), (e: unknown) =>
      e instanceof NotifyError && e.permanent && /550/.test(e.message));
    await assert.rejects(notifier.send(message({ recipient: 'busy@cnnic.example' })), (e: unknown) =>
      e instanceof NotifyError && !e.permanent && /451/.test(e.message));
    // A port nobody listens on: take one from a server and close it again.
    const probe = new SMTPServer({ logger: false });
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const down = createEmailNotifier({ smtp: `smtp://127.0.0.1:${port}`, from: 'dnswarden@lab' }, { timeoutMs: 5000 });
    await assert.rejects(down.send(message()), (e: unknown) => e instanceof NotifyError && !e.permanent);
    await down.close?.();
  });
});
