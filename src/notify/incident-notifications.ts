// Turns an incident event into outbox items: one per recipient and channel, rendered now (so a
// retry sends exactly the same text), with a dedupe key that makes a repeated enqueue harmless
// and a message id derived from it that stays the same across re-sends (receivers de-duplicate on it).
import { createHash } from 'node:crypto';
import type { Incident, Notification, Store } from '../store/store.ts';
import type { IncidentDetail } from '../core/incidents/incident-model.ts';
import type { OutboundMessage } from './notifier.ts';
import { renderNotification, type Lang, type NotifyEvent, type TemplateContext, type TemplateIncident } from './templates.ts';

/** Resolved by the caller (contacts); one row per address and channel. */
export interface Recipient {
  channel: 'email' | 'webhook';
  /** Email address, or the webhook URL. */
  address: string;
  /** The organisation the recipient belongs to. */
  org: string;
  lang?: Lang;
}

/** What the outbox stores as the payload of each item. */
export interface OutboxPayload {
  messageId: string;
  event: NotifyEvent;
  lang: Lang;
  subject: string;
  text: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

export type IncidentEvent = Exclude<NotifyEvent, 'contact-drill'>;

export interface IncidentNotificationRequest {
  incident: Incident;
  event: IncidentEvent;
  recipients: Recipient[];
  /** When the event happened; also the items' createdAt (default: now). */
  at?: string;
  /**
   * Distinguishes repeats of the same event on one incident. Defaults: regraded → the incident
   * version, reminder → minutes before the deadline, others → the event alone (once per incident).
   */
  eventKey?: string;
  /** Extra template facts: previousGrade, reason, minutesBefore, due, measure, link, resolvedAt. */
  context?: Omit<TemplateContext, 'incident' | 'lang' | 'org' | 'ack'>;
  notBefore?: string;
}

/** The template's view of a stored incident (detail as written by the incident service). */
function templateIncident(incident: Incident): TemplateIncident {
  const d = incident.detail as Partial<IncidentDetail>;
  return {
    id: incident.id, systemId: incident.systemId, org: incident.org, grade: incident.grade,
    proposedGrade: incident.proposedGrade, drill: incident.drill, title: d.title, commander: d.commander,
    openedAt: d.openedAt ?? incident.createdAt, writtenReportDue: d.deadlines?.writtenReportDue,
  };
}

export function messageIdFor(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
}

function defaultEventKey(req: IncidentNotificationRequest): string {
  if (req.event === 'incident-regraded') return `${req.event}:v${req.incident.version}`;
  if (req.event === 'report-reminder') return `${req.event}:${req.context?.minutesBefore ?? '?'}`;
  if (req.event === 'measure-directive-needed') return `${req.event}:${req.context?.measure?.id ?? '?'}:${req.context?.measure?.province ?? ''}`;
  return req.event;
}

/** One message per recipient in its language (zh unless set), de-duplicated by `<dedupePrefix>:<channel>:<address>`; not tied to an incident. */
export async function enqueueToRecipients(store: Pick<Store, 'enqueueNotification'>, req: {
  recipients: Recipient[]; at: string; event: string; dedupePrefix: string;
  render(lang: Lang): { subject: string; text: string }; data(r: Recipient): Record<string, unknown>;
}): Promise<Notification[]> {
  const out: Notification[] = [];
  for (const r of req.recipients) {
    const lang = r.lang ?? 'zh';
    const dedupeKey = `${req.dedupePrefix}:${r.channel}:${r.address}`;
    out.push(await store.enqueueNotification({
      channel: r.channel, recipient: r.address, dedupeKey, createdAt: req.at, incidentId: null,
      payload: { messageId: messageIdFor(dedupeKey), event: req.event, lang, ...req.render(lang), occurredAt: req.at, data: req.data(r) },
    }));
  }
  return out;
}

export async function enqueueIncidentNotifications(store: Store, req: IncidentNotificationRequest): Promise<Notification[]> {
  const at = req.at ?? new Date().toISOString();
  const inc = templateIncident(req.incident);
  const key = req.eventKey ?? defaultEventKey(req);
  const out: Notification[] = [];
  for (const r of req.recipients) {
    const lang = r.lang ?? 'zh';
    const rendered = renderNotification(req.event, { ...req.context, incident: inc, lang, org: r.org });
    const dedupeKey = `${req.incident.id}:${key}:${r.channel}:${r.address}`;
    const payload: OutboxPayload = {
      messageId: messageIdFor(dedupeKey), event: req.event, lang, ...rendered, occurredAt: at,
      data: { incident: { ...inc, state: req.incident.state, version: req.incident.version }, recipientOrg: r.org, ...factsOf(req.context) },
    };
    out.push(await store.enqueueNotification({
      channel: r.channel, recipient: r.address, payload, incidentId: req.incident.id, dedupeKey, createdAt: at, notBefore: req.notBefore,
    }));
  }
  return out;
}

/** A contact drill: asks each recipient to acknowledge with its own token (not tied to an incident). */
export async function enqueueContactDrill(store: Store, req: {
  drillId: string; at?: string; recipients: Array<Recipient & { ack: { token: string; url?: string; within?: string } }>;
}): Promise<Notification[]> {
  const at = req.at ?? new Date().toISOString();
  const out: Notification[] = [];
  for (const r of req.recipients) {
    const lang = r.lang ?? 'zh';
    const dedupeKey = `drill:${req.drillId}:${r.channel}:${r.address}`;
    const payload: OutboxPayload = {
      messageId: messageIdFor(dedupeKey), event: 'contact-drill', lang, occurredAt: at,
      ...renderNotification('contact-drill', { org: r.org, lang, ack: r.ack }),
      data: { drillId: req.drillId, recipientOrg: r.org, ackToken: r.ack.token, ackUrl: r.ack.url ?? null },
    };
    out.push(await store.enqueueNotification({ channel: r.channel, recipient: r.address, payload, dedupeKey, createdAt: at }));
  }
  return out;
}

function factsOf(ctx: IncidentNotificationRequest['context']): Record<string, unknown> {
  if (!ctx) return {};
  const { previousGrade, reason, resolvedAt, minutesBefore, due, measure, link } = ctx;
  return Object.fromEntries(Object.entries({ previousGrade, reason, resolvedAt, minutesBefore, due, measure, link })
    .filter(([, v]) => v !== undefined));
}

/** The outbox item as a notifier sees it; tolerates payloads written by hand (id from the row). */
export function toOutboundMessage(n: Notification): OutboundMessage {
  const p = (n.payload ?? {}) as Partial<OutboxPayload>;
  return {
    id: p.messageId ?? `outbox-${n.id}`,
    channel: n.channel,
    recipient: n.recipient,
    event: p.event ?? 'custom',
    incidentId: n.incidentId,
    subject: p.subject ?? '[dnswarden]',
    text: p.text ?? '',
    data: p.data ?? {},
    occurredAt: p.occurredAt ?? n.createdAt,
  };
}
