// Signed JSON webhooks: POST to a configured URL, 2xx = delivered. 408, 429 and 5xx (and network
// errors, timeouts) are temporary; any other status is permanent (redirects are not followed,
// so a 3xx is permanent too). Only configured URLs are called: the secret belongs to its URL.
import { Type, type Static } from '@sinclair/typebox';
import { NotifyError, type Notifier, type OutboundMessage } from '../notifier.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.ts';
import { redactUrl } from '../redact-url.ts';

/** One entry of notifications.webhooks in the configuration. */
const WebhookEndpointSchema = Type.Object({
  url: Type.String({ pattern: '^https?://' }),
  secret: Type.Optional(Type.String({ description: 'HMAC-SHA256 key; without it requests are unsigned' })),
}, { additionalProperties: false });
export const WebhookNotifierConfigSchema = Type.Array(WebhookEndpointSchema);
export type WebhookEndpoint = Static<typeof WebhookEndpointSchema>;

export interface WebhookNotifierOptions {
  /** Whole request including the response body (default 10 s). */
  timeoutMs?: number;
  /** Clock for X-Dnswarden-Timestamp, ms since the epoch. */
  now?: () => number;
}

/** The JSON body receivers get. */
export interface WebhookBody {
  id: string;
  event: string;
  incidentId: string | null;
  occurredAt: string;
  subject: string;
  text: string;
  data: Record<string, unknown>;
}

function webhookBody(m: OutboundMessage): string {
  const body: WebhookBody = { id: m.id, event: m.event, incidentId: m.incidentId, occurredAt: m.occurredAt, subject: m.subject, text: m.text, data: m.data };
  return JSON.stringify(body);
}

function isTemporaryStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export function createWebhookNotifier(endpoints: WebhookEndpoint[], opts: WebhookNotifierOptions = {}): Notifier {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const byUrl = new Map(endpoints.map((e) => [e.url, e]));
  return {
    channel: 'webhook',
    async send(message: OutboundMessage): Promise<void> {
      const endpoint = byUrl.get(message.recipient);
      if (!endpoint) throw new NotifyError(`webhook: ${redactUrl(message.recipient)} is not a configured webhook`, { permanent: true });
      const body = webhookBody(message);
      const timestamp = String(Math.floor(now() / 1000));
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'dnswarden-webhook/1',
        [DELIVERY_HEADER]: message.id,
        [EVENT_HEADER]: message.event,
        [TIMESTAMP_HEADER]: timestamp,
      };
      if (endpoint.secret) headers[SIGNATURE_HEADER] = signWebhook(endpoint.secret, timestamp, body);
      let res: Response;
      let reply: string;
      try {
        res = await fetch(endpoint.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
        reply = (await res.text()).slice(0, 200);
      } catch (err) {
        const why = err instanceof Error && err.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : causeText(err);
        throw new NotifyError(`webhook ${redactUrl(endpoint.url)}: ${why.split(endpoint.url).join(redactUrl(endpoint.url))}`, { permanent: false, cause: err });
      }
      if (res.status >= 200 && res.status < 300) return;
      throw new NotifyError(`webhook ${redactUrl(endpoint.url)}: HTTP ${res.status}${reply ? ` ${reply}` : ''}`, {
        permanent: !isTemporaryStatus(res.status), retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now()),
      });
    },
  };
}

function causeText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${(err.cause as NodeJS.ErrnoException).code ?? err.cause.message}` : '';
  return `${err.message}${cause}`;
}
