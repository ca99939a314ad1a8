// Delivers the notification outbox. Items are persisted before any send and leased while being
// sent, so a process killed mid-send leaves them to be claimed again once the lease passes:
// delivery is at-least-once, and the stable message id lets receivers drop duplicates.
// A temporary failure is retried with exponential backoff and jitter; a permanent one, or the
// last allowed attempt, marks the item dead (visible through store.notifications({ state: 'dead' })).
import type { Notification, Store } from '../store/store.ts';
import { DEFAULT_BACKOFF, isLastAttempt, retryDelayMs, type BackoffPolicy } from './backoff.ts';
import { toOutboundMessage } from './incident-notifications.ts';
import { NotifyError, type Notifier } from './notifier.ts';
import { revealAcks } from './ack-seal.ts';
import { redactUrl } from './redact-url.ts';

export interface OutboxWorkerOptions {
  store: Store;
  /** By channel name, e.g. { email, webhook } from buildNotifiers(). */
  notifiers: Record<string, Notifier>;
  /** Clock in ms since the epoch (tests inject a fake one). */
  now?: () => number;
  backoff?: Partial<BackoffPolicy>;
  log?: (line: string) => void;
  /** Items claimed per tick (default 20). */
  batchSize?: number;
  /** How long a claimed item is reserved for this worker (default 5 min). */
  leaseMs?: number;
  /** A send still running after this counts as a temporary failure (default min(60 s, lease / 2)). */
  sendTimeoutMs?: number;
  /** Sends in parallel within one tick (default 4). */
  concurrency?: number;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Opens sealed contact-drill codes just before sending (ack-seal.ts); without it they stay sealed. */
  ackKey?: Buffer | null;
}

export interface TickResult { sent: number; failed: number; dead: number }

type Outcome = keyof TickResult;

export class OutboxWorker {
  readonly #o: Required<Omit<OutboxWorkerOptions, 'backoff'>> & { backoff: BackoffPolicy };
  readonly #inFlight = new Set<Promise<TickResult>>();
  #timer: NodeJS.Timeout | null = null;
  #intervalMs = 0;
  #running = false;

  constructor(opts: OutboxWorkerOptions) {
    const leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.#o = {
      store: opts.store, notifiers: opts.notifiers, now: opts.now ?? Date.now, log: opts.log ?? (() => undefined),
      batchSize: opts.batchSize ?? 20, leaseMs, sendTimeoutMs: opts.sendTimeoutMs ?? Math.min(60_000, Math.floor(leaseMs / 2)),
      concurrency: Math.max(1, opts.concurrency ?? 4), random: opts.random ?? Math.random, ackKey: opts.ackKey ?? null,
      backoff: { ...DEFAULT_BACKOFF, ...opts.backoff },
    };
  }

  /** Claims the items due now and tries each once. Rejects only when the claim itself fails. */
  tick(): Promise<TickResult> {
    const p = this.#tick();
    this.#inFlight.add(p);
    const done = () => { this.#inFlight.delete(p); };
    p.then(done, done);
    return p;
  }

  /** Ticks every intervalMs (the first at once) until stop(). Tick errors are logged, not thrown. */
  start(intervalMs: number): void {
    if (this.#running) return;
    this.#running = true;
    this.#intervalMs = intervalMs;
    this.#schedule(0);
  }

  /** Runs a tick soon, e.g. right after enqueueing (no-op unless started). */
  wake(): void {
    if (this.#running && this.#timer) { clearTimeout(this.#timer); this.#schedule(0); }
  }

  /** Stops the timer and waits for the tick in flight, so nothing is left half-marked. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await Promise.allSettled([...this.#inFlight]);
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.tick()
        .catch((err: unknown) => this.#o.log(`outbox: tick failed: ${messageOf(err)}`))
        .finally(() => { if (this.#running && !this.#timer) this.#schedule(this.#intervalMs); });
    }, delayMs);
  }

  async #tick(): Promise<TickResult> {
    const { store, batchSize, leaseMs, concurrency } = this.#o;
    const claimed = await store.claimDueNotifications(this.#iso(), batchSize, leaseMs);
    const result: TickResult = { sent: 0, failed: 0, dead: 0 };
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const item = claimed[next++];
        result[await this.#deliver(item)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
    return result;
  }

  async #deliver(item: Notification): Promise<Outcome> {
    const { store, notifiers, log, backoff } = this.#o;
    // A webhook URL may carry its secret: logs name only its host.
    // A threat reporter's address is personal data (SPEC §6): never in the log.
    const reporter = (item.payload as { data?: { recipientOrg?: unknown } } | null)?.data?.recipientOrg === 'reporter';
    const label = `outbox: #${item.id} ${item.channel} to ${reporter ? 'the reporter [redacted]' : item.channel === 'webhook' ? redactUrl(item.recipient) : item.recipient}`;
    const notifier = Object.hasOwn(notifiers, item.channel) ? notifiers[item.channel] : undefined;
    let error: unknown;
    try {
      if (!notifier) throw new NotifyError(`no notifier configured for channel "${item.channel}"`, { permanent: true });
      await this.#withTimeout(notifier.send(revealAcks(toOutboundMessage(item), this.#o.ackKey ?? null)));
      try {
        await store.markNotificationSent(item.id, this.#iso());
      } catch (err) {
        // Sent but not recorded: the lease expires and it is sent again (receivers de-duplicate).
        log(`${label}: sent, but marking it failed: ${messageOf(err)}`);
      }
      log(`${label}: sent (attempt ${item.attempts})`);
      return 'sent';
    } catch (err) {
      error = err;
    }
    const permanent = error instanceof NotifyError && error.permanent;
    const giveUp = permanent || isLastAttempt(item.attempts, backoff);
    const retryAfter = error instanceof NotifyError ? error.retryAfterMs : null;
    const retryAt = giveUp ? null : this.#iso(retryDelayMs(item.attempts, backoff, this.#o.random, retryAfter));
    const text = messageOf(error).slice(0, 1000);
    try {
      await store.markNotificationFailed(item.id, { error: text, retryAt });
    } catch (err) {
      log(`${label}: could not record the failure (${messageOf(err)}); it comes back after the lease`);
    }
    if (giveUp) {
      log(`${label}: dead after attempt ${item.attempts}${permanent ? ' (permanent)' : ''}: ${text}`);
      return 'dead';
    }
    log(`${label}: attempt ${item.attempts}/${backoff.maxAttempts} failed, retry at ${retryAt}: ${text}`);
    return 'failed';
  }

  async #withTimeout(p: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ms = this.#o.sendTimeoutMs;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotifyError(`send timed out after ${ms} ms`, { permanent: false })), ms);
    });
    try {
      await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #iso(plusMs = 0): string {
    return new Date(this.#o.now() + plusMs).toISOString();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
