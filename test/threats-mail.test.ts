// Reporters are answered by email in their own language, through the outbox and a real SMTP server
// (smtp-server on loopback): a Chinese and an English reporter each get the acknowledgement and then
// the assessment with the intended action and time frame — their language first, the other second;
// an anonymous reporter gets nothing (there is no one to write to) but sees the same on the status page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildNotifiers, closeNotifiers } from '../src/notify/notifier-registry.ts';
import { OutboxWorker } from '../src/notify/outbox-worker.ts';
import type { Notifier } from '../src/notify/notifier.ts';
import { THREAT_CONFIG, buildThreatWorld, phishing, type ThreatWorld } from './threats-fixtures.ts';

interface Mail { to: string[]; subject: string; text: string }
const mails: Mail[] = [];
let server: SMTPServer;
let w: ThreatWorld;
let notifiers: Record<string, Notifier>;

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*(?==\?)?/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}
function parse(raw: string, to: string[]): Mail {
  const at = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) headers.set(line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim());
  const body = raw.slice(at + 4);
  const enc = headers.get('content-transfer-encoding')?.toLowerCase();
  const text = enc === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : enc === 'quoted-printable' ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
      : Buffer.from(body, 'latin1').toString('utf8');
  return { to, subject: decodeWords(headers.get('subject') ?? ''), text };
}

before(async () => {
  server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { mails.push(parse(Buffer.concat(chunks).toString('latin1'), session.envelope.rcptTo.map((r) => r.address))); cb(); });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  w = await buildThreatWorld({ configText: THREAT_CONFIG.replace('smtp://127.0.0.1:2525', `smtp://127.0.0.1:${port}`) });
  notifiers = buildNotifiers(w.config.notifications);
});
after(async () => {
  await closeNotifiers(notifiers);
  await w?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

const deliver = async () => {
  const worker = new OutboxWorker({ store: w.store, notifiers, now: () => w.clock.now().getTime(), log: () => undefined });
  for (let i = 0; i < 5; i++) if ((await worker.tick()).sent === 0) break;
};
const of = (addr: string) => mails.filter((m) => m.to.includes(addr));

test('acknowledgement and assessment by email in the reporter\'s language, first', async () => {
  const zh = await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', remoteAddress: '192.0.2.1',
    payload: phishing({ reporter: { name: '王芳', email: 'wang.fang@example.test', lang: 'zh' } }) });
  const en = await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', remoteAddress: '192.0.2.2',
    payload: phishing({ names: ['bank-login.lab', 'bank-login2.lab'], reporter: { email: 'jane@example.test', lang: 'en' } }) });
  await w.app.inject({ method: 'POST', url: '/api/v1/threat-reports', remoteAddress: '192.0.2.3', payload: phishing() });
  assert.equal(zh.statusCode, 202);
  assert.equal(en.statusCode, 202);
  await deliver();
  const [ackZh] = of('wang.fang@example.test');
  const [ackEn] = of('jane@example.test');
  assert.match(ackZh.subject, new RegExp(`^\\[dnswarden\\] 举报已收到 / Report received ${zh.json().trackingId}$`));
  assert.match(ackEn.subject, new RegExp(`^\\[dnswarden\\] Report received / 举报已收到 ${en.json().trackingId}$`));
  assert.ok(ackZh.text.indexOf('跟踪编号') < ackZh.text.indexOf('Tracking id'), 'Chinese first');
  assert.ok(ackEn.text.indexOf('Tracking id') < ackEn.text.indexOf('跟踪编号'), 'English first');
  assert.match(ackEn.text, /within 24 hours/);

  const id = (await w.store.listThreatCases())[0].id;
  w.clock.advance(3 * 3_600_000);
  const r = await w.app.inject({ method: 'POST', url: `/api/v1/threat-cases/${id}/assess`, headers: { authorization: `Bearer ${w.tokens.registry}` },
    payload: { intendedAction: 'server-hold', reason: 'credential phishing confirmed', timeFrameHours: 6 } });
  assert.equal(r.statusCode, 200);
  await deliver();
  const assessedZh = of('wang.fang@example.test')[1];
  const assessedEn = of('jane@example.test')[1];
  assert.match(assessedZh.subject, /^\[dnswarden\] 举报评估结果与拟采取的措施 \/ Assessment of your report and intended action/);
  assert.match(assessedZh.text, /拟采取的措施：暂停域名解析（serverHold）\r?\n预计时限：6 小时内\r?\n说明：credential phishing confirmed/);
  assert.match(assessedEn.text, /Intended action: suspend resolution of the name \(serverHold\)\r?\nTime frame: within 6 h/);
  assert.ok(assessedEn.text.indexOf('Intended action') < assessedEn.text.indexOf('拟采取的措施'));
  assert.equal(mails.filter((m) => m.to.some((a) => a.endsWith('@example.test'))).length, 4, 'two mails to each named reporter, none to anyone else');
  assert.equal(assessedZh.text.includes('jane@example.test') || assessedEn.text.includes('王芳'), false, "never another reporter's details");
});
