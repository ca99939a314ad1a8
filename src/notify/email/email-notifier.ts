// Email over SMTP with nodemailer: one plain-text UTF-8 message per outbox item. The outbox
// message id becomes the Message-ID so a re-sent duplicate is recognisable in the mailbox.
// SMTP 5xx replies (except 503) are permanent; 4xx replies and connection problems are temporary.
import { Type, type Static } from '@sinclair/typebox';
import { createTransport } from 'nodemailer';
import { NotifyError, type Notifier, type OutboundMessage } from '../notifier.ts';

/** notifications.email of the configuration. */
export const EmailNotifierConfigSchema = Type.Object({
  smtp: Type.String({ pattern: '^smtps?://', description: 'smtp://host:port or smtps://user:pass@host:port' }),
  from: Type.String({ minLength: 3, description: 'sender address, e.g. dnswarden@example.cn' }),
}, { additionalProperties: false });
export type EmailNotifierConfig = Static<typeof EmailNotifierConfigSchema>;

export interface EmailNotifierOptions {
  /** Connect, greeting and idle-socket timeout (default 15 s). */
  timeoutMs?: number;
}

interface SmtpError extends Error { code?: string; responseCode?: number; permanent?: boolean; response?: string }

/** Message-ID for an outbox message: <id@domain of the sender>. */
export function emailMessageId(messageId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'dnswarden';
  return `<${messageId}@${domain}>`;
}

/** Decides retry or give-up from what nodemailer reports. */
function classifySmtpError(err: unknown): NotifyError {
  const e = (err ?? {}) as SmtpError;
  const code = e.responseCode;
  const detail = [e.code, code, e.response ?? e.message].filter((x) => x !== undefined && x !== '').join(' ');
  if (typeof code === 'number') {
    const permanent = typeof e.permanent === 'boolean' ? e.permanent : code >= 500 && code !== 503;
    return new NotifyError(`smtp: ${detail}`, { permanent, cause: err });
  }
  // No SMTP reply: an address nodemailer refuses to send to is permanent; the network is not.
  return new NotifyError(`smtp: ${detail || 'send failed'}`, { permanent: e.code === 'EENVELOPE', cause: err });
}

export function createEmailNotifier(config: EmailNotifierConfig, opts: EmailNotifierOptions = {}): Notifier {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = createTransport({
    url: config.smtp, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, dnsTimeout: timeout,
  });
  return {
    channel: 'email',
    async send(message: OutboundMessage): Promise<void> {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          messageId: emailMessageId(message.id, config.from),
          date: new Date(message.occurredAt),
          headers: {
            'X-Dnswarden-Event': message.event,
            ...(message.incidentId ? { 'X-Dnswarden-Incident': message.incidentId } : {}),
            'Auto-Submitted': 'auto-generated',
          },
        });
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
