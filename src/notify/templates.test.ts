import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTIFY_EVENTS, renderNotification, type TemplateContext, type TemplateIncident } from './templates.ts';

const incident: TemplateIncident = {
  id: 'INC-7', systemId: 'cn-tld', org: 'cnnic', grade: 'II', proposedGrade: null, drill: false,
  title: { zh: '.cn 解析成功率下降', en: '.cn resolution success rate down' },
  commander: { role: 'emergency-office' }, openedAt: '2026-11-23T08:00:00Z', writtenReportDue: '2026-11-24T08:00:00Z',
};
const full: TemplateContext = {
  incident, org: 'cnnic', previousGrade: 'III', minutesBefore: 240, resolvedAt: '2026-11-23T10:00:00Z',
  ack: { token: 'T0K3N', url: 'https://warden.example/ack/T0K3N', within: '30m' },
  measure: { id: 'flush-resolver-cache-province', name: { zh: '全省清除递归缓存', en: 'flush resolver caches across a province' }, province: 'GD' },
};

test('every event renders both languages, zh first by default, en first on request', () => {
  for (const event of NOTIFY_EVENTS) {
    const zh = renderNotification(event, full);
    const en = renderNotification(event, { ...full, lang: 'en' });
    assert.match(zh.subject, /^\[dnswarden\] /);
    assert.ok(/[\u4e00-\u9fff]/.test(zh.subject) && /[A-Za-z]{4}/.test(zh.subject.slice(12)), `${event}: both languages in the subject`);
    const [zhFirst, zhSecond] = zh.text.split('========================================');
    assert.ok(zhFirst.includes('dnswarden 自动发送') && zhSecond.includes('sent automatically'), `${event}: zh block first`);
    const [enFirst] = en.text.split('========================================');
    assert.ok(enFirst.includes('sent automatically'), `${event}: en block first when lang en`);
  }
});

test('grade terms keep their Chinese names in English text', () => {
  const m = renderNotification('incident-opened', full);
  assert.ok(m.subject.includes('II级（重大）'));
  assert.ok(m.subject.includes('Grade II 重大 (serious)'));
  assert.ok(m.text.includes('2026-11-24 16:00 北京时间'), 'deadline in Beijing time');
  assert.ok(m.text.includes('2026-11-24 08:00 UTC'), 'deadline in UTC');
  assert.ok(m.text.includes('部网络安全应急办公室'));
  const r = renderNotification('incident-regraded', full);
  assert.ok(r.subject.includes('III级（较大） → II级（重大）'));
  assert.ok(r.subject.includes('Grade III 较大 (relatively serious) → Grade II 重大 (serious)'));
});

test('an ungraded incident awaiting confirmation says so', () => {
  const m = renderNotification('incident-opened', { incident: { ...incident, grade: null, proposedGrade: 'I' } });
  assert.ok(m.text.includes('待确认：I级（特别重大）'));
  assert.ok(m.text.includes('proposed Grade I 特别重大 (extraordinarily serious), awaiting confirmation'));
});

test('drills are marked in the subject; the contact drill carries the token and link', () => {
  assert.ok(renderNotification('incident-opened', { incident: { ...incident, drill: true } }).subject.includes('【演练 DRILL】'));
  assert.ok(!renderNotification('incident-opened', full).subject.includes('DRILL'));
  const d = renderNotification('contact-drill', full);
  assert.ok(d.subject.includes('【演练 DRILL】'));
  assert.ok(d.text.includes('T0K3N') && d.text.includes('https://warden.example/ack/T0K3N'));
  assert.ok(d.text.includes('30 分钟') && d.text.includes('within 30 minutes'));
});

test('reminders and directives carry their specifics', () => {
  const r = renderNotification('report-reminder', full);
  assert.ok(r.subject.includes('4 小时') && r.subject.includes('4 hours'));
  const m = renderNotification('measure-directive-needed', full);
  assert.ok(m.text.includes('全省清除递归缓存（GD）') && m.text.includes('flush resolver caches across a province (GD)'));
});

test('missing facts are an error, not a half-filled message', () => {
  assert.throws(() => renderNotification('incident-opened', {}), /incident is required/);
  assert.throws(() => renderNotification('report-reminder', { incident }), /minutesBefore is required/);
  assert.throws(() => renderNotification('contact-drill', { org: 'x' }), /ack is required/);
});
