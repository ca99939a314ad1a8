// The notifiers dnswarden has, and how the `notifications` block of the configuration builds them.
// Adding a channel: a folder with <name>-notifier.ts exporting its config schema and a factory,
// and one entry here. The outbox routes each item to notifiers[item.channel].
import type { TSchema } from '@sinclair/typebox';
import type { ConfigInput } from '../config/config-schema.ts';
import { EmailNotifierConfigSchema, createEmailNotifier, type EmailNotifierConfig } from './email/email-notifier.ts';
import type { Notifier } from './notifier.ts';
import { WebhookNotifierConfigSchema, createWebhookNotifier, type WebhookEndpoint } from './webhook/webhook-notifier.ts';

export type NotificationsConfig = NonNullable<ConfigInput['notifications']>;

export interface NotifierKind {
  channel: string;
  /** Key under `notifications` in the configuration. */
  configKey: keyof NotificationsConfig;
  description: string;
  configSchema: TSchema;
  /** null when the block is absent or empty: the channel is then not available. */
  create(config: NotificationsConfig): Notifier | null;
}

export const notifierKinds: readonly NotifierKind[] = [
  {
    channel: 'email',
    configKey: 'email',
    description: 'plain-text UTF-8 email over SMTP (nodemailer); Message-ID = outbox message id',
    configSchema: EmailNotifierConfigSchema,
    create: (c) => (c.email ? createEmailNotifier(c.email as EmailNotifierConfig) : null),
  },
  {
    channel: 'webhook',
    configKey: 'webhooks',
    description: 'JSON POST signed with HMAC-SHA256 over "timestamp.body" (X-Dnswarden-Signature)',
    configSchema: WebhookNotifierConfigSchema,
    create: (c) => (c.webhooks && c.webhooks.length > 0 ? createWebhookNotifier(c.webhooks as WebhookEndpoint[]) : null),
  },
];

/** The notifiers the configuration enables, by channel (for OutboxWorker). */
export function buildNotifiers(config: NotificationsConfig | undefined): Record<string, Notifier> {
  const out: Record<string, Notifier> = {};
  for (const kind of notifierKinds) {
    const n = config ? kind.create(config) : null;
    if (n) out[kind.channel] = n;
  }
  return out;
}

export async function closeNotifiers(notifiers: Record<string, Notifier>): Promise<void> {
  await Promise.allSettled(Object.values(notifiers).map((n) => n.close?.()));
}
