// What every notifier (email, webhook, …) implements, and the one error they throw.
// The outbox worker only sees this interface; it decides retry or give-up from NotifyError.permanent.

/** One message as the outbox hands it to a notifier (rendered when enqueued, so retries send the same text). */
export interface OutboundMessage {
  /** Stable across retries and re-sends: email Message-ID, webhook X-Dnswarden-Delivery. */
  id: string;
  channel: string;
  /** Email address, or the webhook URL (must be one of the configured webhooks). */
  recipient: string;
  event: string;
  incidentId: string | null;
  subject: string;
  /** Plain text, both languages. */
  text: string;
  /** Machine-readable facts for webhook receivers (incident id, grade, due times …). */
  data: Record<string, unknown>;
  /** When the event happened (not when this attempt runs). */
  occurredAt: string;
}

export interface Notifier {
  readonly channel: string;
  /** Resolves when the receiving side has taken the message; rejects with NotifyError otherwise. */
  send(message: OutboundMessage): Promise<void>;
  /** Releases connections (SMTP pool). */
  close?(): Promise<void>;
}

export class NotifyError extends Error {
  /** true: retrying the same message cannot succeed (bad address, 4xx, 5xx SMTP reply). */
  readonly permanent: boolean;
  /** A receiver's Retry-After, when it gave one. */
  readonly retryAfterMs: number | null;

  constructor(message: string, opts: { permanent: boolean; retryAfterMs?: number | null; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'NotifyError';
    this.permanent = opts.permanent;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}
