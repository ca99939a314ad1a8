import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident, Notification, NotificationInput, Store } from '../store/store.ts';
import { enqueueContactDrill, enqueueIncidentNotifications, messageIdFor, toOutboundMessage, type OutboxPayload } from './incident-notifications.ts';

/** Just enough of a Store: enqueue with dedupe, as the real backends do. */
function fakeStore(): Store & { items: Notification[] } {
  const items: Notification[] = [];
  const enqueueNotification = async (i: NotificationInput): Promise<Notification> => {
    const dup = i.dedupeKey ? items.find((x) => x.dedupeKey === i.dedupeKey) : undefined;
    if (dup) return dup;
    const n: Notification = { id: items.length + 1, channel: i.channel, recipient: i.recipient, payload: i.payload, incidentId: i.incidentId ?? null,
      dedupeKey: i.dedupeKey ?? null, state: 'pending', attempts: 0, nextAttemptAt: i.notBefore ?? i.createdAt, leaseUntil: null, lastError: null,
      createdAt: i.createdAt, sentAt: null };
    items.push(n);
    return n;
  };
  return { items, enqueueNotification } as unknown as Store & { items: Notification[] };
}

const incident: Incident = {
  id: 'INC-9', systemId: 'cn-tld', org: 'cnnic', state: 'initial-response', grade: 'III', proposedGrade: null, drill: false,
  detail: { deadlines: { writtenReportDue: '2026-11-24T08:00:00.000Z', sent: [] } }, version: 3,
  createdAt: '2026-11-23T08:00:00.000Z', updatedAt: '2026-11-23T08:00:00.000Z',
};
const to = [{ channel: 'email' as const, address: 'a@x.example', org: 'cnnic' }];

test('dedupe keys: once per incident and event, per version for regrades, per offset for reminders', async () => {
  const s = fakeStore();
  const at = '2026-11-23T09:00:00.000Z';
  await enqueueIncidentNotifications(s, { incident, event: 'incident-opened', recipients: to, at });
  await enqueueIncidentNotifications(s, { incident, event: 'incident-opened', recipients: to, at });
  await enqueueIncidentNotifications(s, { incident, event: 'incident-regraded', recipients: to, at, context: { previousGrade: 'IV' } });
  await enqueueIncidentNotifications(s, { incident: { ...incident, version: 4, grade: 'II' }, event: 'incident-regraded', recipients: to, at, context: { previousGrade: 'III' } });
  await enqueueIncidentNotifications(s, { incident, event: 'report-reminder', recipients: to, at, context: { minutesBefore: 240 } });
  await enqueueIncidentNotifications(s, { incident, event: 'report-reminder', recipients: to, at, context: { minutesBefore: 60 } });
  await enqueueIncidentNotifications(s, { incident, event: 'report-reminder', recipients: to, at, context: { minutesBefore: 60 } });
  assert.deepEqual(s.items.map((x) => x.dedupeKey), [
    'INC-9:incident-opened:email:a@x.example', 'INC-9:incident-regraded:v3:email:a@x.example', 'INC-9:incident-regraded:v4:email:a@x.example',
    'INC-9:report-reminder:240:email:a@x.example', 'INC-9:report-reminder:60:email:a@x.example',
  ]);
  const p = s.items[0].payload as OutboxPayload;
  assert.equal(p.messageId, messageIdFor('INC-9:incident-opened:email:a@x.example'));
  assert.match(p.messageId, /^[0-9a-f]{32}$/);
  assert.equal(p.occurredAt, at);
  assert.ok(p.text.includes('2026-11-24 16:00 北京时间'), 'deadline from the incident detail');
});

test('the outbound message comes from the stored payload; hand-written payloads get the row id', async () => {
  const s = fakeStore();
  const [n] = await enqueueIncidentNotifications(s, { incident, event: 'incident-resolved', recipients: to, at: incident.createdAt,
    context: { resolvedAt: '2026-11-23T10:00:00Z', link: 'https://w.example/i/INC-9' } });
  const m = toOutboundMessage(n);
  assert.equal(m.id, (n.payload as OutboxPayload).messageId);
  assert.deepEqual([m.event, m.incidentId, m.recipient], ['incident-resolved', 'INC-9', 'a@x.example']);
  assert.equal(m.data.link, 'https://w.example/i/INC-9');
  assert.equal(toOutboundMessage({ ...n, id: 77, payload: { note: 'x' } }).id, 'outbox-77');
});

test('a contact drill gives each recipient its own token and is marked as a drill', async () => {
  const s = fakeStore();
  await enqueueContactDrill(s, { drillId: 'D1', at: incident.createdAt, recipients: [
    { ...to[0], ack: { token: 'tok-a' } }, { channel: 'email', address: 'b@x.example', org: 'miit', lang: 'en', ack: { token: 'tok-b', url: 'https://w.example/ack/tok-b' } },
  ] });
  const [a, b] = s.items.map((x) => x.payload as OutboxPayload);
  assert.ok(a.text.includes('tok-a') && !a.text.includes('tok-b'));
  assert.ok(b.subject.startsWith('[dnswarden] 【演练 DRILL】Contact drill'));
  assert.equal(b.data.ackUrl, 'https://w.example/ack/tok-b');
  assert.equal(s.items[1].dedupeKey, 'drill:D1:email:b@x.example');
});
