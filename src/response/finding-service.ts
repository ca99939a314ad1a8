// Findings as first-class, stored objects (SPEC §3 "Findings"): once per probe cycle the platform
// derives the cycle's findings (the snapshot's own, and the grading's ungraded conditions and
// undetermined evidence), feeds the FindingTracker and applies its events to the store — open,
// seen (last seen, evidence, severity that may rise), close — each opening, raise and close in the
// audit log, openings and raises notified through the outbox. The office turns a finding into a
// manual incident (finding-convert.ts). Tracker state is rebuilt from the open findings at start.
import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config/config-types.ts';
import { deriveFindings, type GradedForFindings } from '../core/findings/derive-findings.ts';
import { FindingTracker, type FindingEvent, type FindingTrackerOptions } from '../core/findings/finding-tracker.ts';
import type { Finding, Snapshot } from '../core/snapshot.ts';
import type { Recipient } from '../notify/incident-notifications.ts';
import { enqueueFindingNotifications, type FindingEvent as NotifyEvent } from '../notify/finding-notifications.ts';
import type { Store, StoredFinding } from '../store/store.ts';
import { recipientOrgs } from './finding-recipients.ts';

/** A stored finding as the API shows it (GET /api/v1/findings). */
export type FindingView = Omit<StoredFinding, 'key'>;
export type FindingChange = 'opened' | 'raised' | 'closed' | 'converted';

export function findingView(f: StoredFinding): FindingView {
  const { key: _key, ...view } = f;
  return view;
}

export interface FindingServiceDeps {
  store: Store;
  config: Pick<ResolvedConfig, 'organizations' | 'systems'>;
  now: () => Date;
  /** The emergency contacts of an organisation on the configured channels (empty: nobody). */
  contactsOf: (org: string) => Promise<Recipient[]>;
  /** Told after every opening, raise, close and conversion (the live feed, the outbox worker's wake). */
  onChange?: (finding: FindingView, change: FindingChange) => void;
  log?: (line: string) => void;
  tracker?: FindingTrackerOptions;
}

/** Deterministic id: a retried opening after a crash finds the same row. */
export function findingId(key: string, firstSeen: string): string {
  return `fnd-${createHash('sha256').update(`${key}|${new Date(firstSeen).toISOString()}`).digest('hex').slice(0, 20)}`;
}

export class FindingService {
  readonly #d: FindingServiceDeps;
  readonly #tracker: FindingTracker;
  #started: Promise<void> | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: FindingServiceDeps) {
    this.#d = deps;
    this.#tracker = new FindingTracker(deps.tracker);
  }

  get deps(): FindingServiceDeps { return this.#d; }

  /** Rebuilds the tracker from the open findings in the store. Idempotent; called lazily. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      for (const f of await this.#openFindings()) this.#tracker.restoreOpen(f.key, { firstSeen: f.firstSeen, lastSeen: f.lastSeen, severity: f.severity });
    })().catch((err) => { this.#started = null; throw err; });
    return this.#started;
  }

  async #openFindings(): Promise<StoredFinding[]> {
    return this.#d.store.listFindings({ state: 'open', limit: 1000 });
  }

  /** One cycle: its snapshot and the grading of it (one entry per graded system). Serialised. */
  onCycle(snapshot: Snapshot, graded: readonly GradedForFindings[]): Promise<FindingEvent[]> {
    const run = this.#queue.then(() => this.start()).then(() => this.#apply(snapshot, graded));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(snapshot: Snapshot, graded: readonly GradedForFindings[]): Promise<FindingEvent[]> {
    const orgOf = (id: string) => this.#d.config.systems.find((s) => s.id === id)?.org;
    const findings = deriveFindings(snapshot, graded, { orgOf });
    const before = this.#tracker.state();
    const events = this.#tracker.step(snapshot.at, findings, snapshot.systems.map((s) => s.id));
    if (events.length === 0) return events;
    try {
      const open = new Map((await this.#openFindings()).map((f) => [f.key, f]));
      for (const ev of events) {
        if (ev.kind === 'open') await this.#open(ev, open);
        else if (ev.kind === 'seen') await this.#seen(ev, open.get(ev.key) ?? await this.#open({ ...ev, kind: 'open', firstSeen: ev.at }, open));
        else await this.#close(ev, open.get(ev.key));
      }
    } catch (err) {
      // The events come again from the next cycle; every write is idempotent.
      this.#tracker.restore(before);
      throw err;
    }
    return events;
  }

  async #open(ev: Extract<FindingEvent, { kind: 'open' }>, open: Map<string, StoredFinding>): Promise<StoredFinding> {
    const f = ev.finding;
    const { finding, created } = await this.#d.store.openFinding({
      id: findingId(ev.key, ev.firstSeen), key: ev.key, kind: f.kind, system: f.system, node: f.node, subject: f.subject ?? null,
      org: f.org, severity: f.severity, summary: f.summary, evidence: evidenceOf(f), firstSeen: ev.firstSeen, lastSeen: ev.at,
    });
    open.set(ev.key, finding);
    if (created) {
      await this.#audit('finding.open', finding, { kind: finding.kind, severity: finding.severity, summary: finding.summary, evidence: finding.evidence });
    }
    await this.#notify(finding, 'finding-opened', 'finding-opened');
    if (created) this.#told(finding, 'opened');
    return finding;
  }

  async #seen(ev: Extract<FindingEvent, { kind: 'seen' }>, stored: StoredFinding): Promise<void> {
    const f = ev.finding;
    const updated = await this.#d.store.updateFinding(stored.id, { lastSeen: ev.at, evidence: evidenceOf(f), summary: f.summary, severity: ev.severity });
    if (!ev.raised) return;
    await this.#audit('finding.raise', updated, { from: stored.severity, to: ev.raised });
    await this.#notify(updated, 'finding-raised', `finding-raised:${ev.raised}`);
    this.#told(updated, 'raised');
  }

  async #close(ev: Extract<FindingEvent, { kind: 'close' }>, stored: StoredFinding | undefined): Promise<void> {
    if (!stored) return;
    const closed = await this.#d.store.closeFinding(stored.id, ev.at);
    if (!closed) return;
    await this.#audit('finding.close', closed, { lastSeen: ev.lastSeen, missedCycles: ev.missedCycles });
    this.#told(closed, 'closed');
  }

  async #notify(f: StoredFinding, event: NotifyEvent, eventKey: string): Promise<void> {
    // 'info' findings (e.g. a sample still settling) are for the console, not for anyone's inbox.
    if (f.severity === 'info') return;
    const recipients: Recipient[] = [];
    for (const org of recipientOrgs(f, this.#d.config.organizations)) {
      const rs = await this.#d.contactsOf(org);
      if (rs.length === 0) this.#d.log?.(`findings: nobody to notify at ${org} for ${event} of ${f.id}`);
      for (const r of rs) if (!recipients.some((x) => x.channel === r.channel && x.address === r.address)) recipients.push(r);
    }
    if (recipients.length > 0) await enqueueFindingNotifications(this.#d.store, { finding: f, event, recipients, at: this.#d.now().toISOString(), eventKey });
  }

  async #audit(action: string, f: StoredFinding, detail: unknown): Promise<void> {
    await this.#d.store.appendAudit({ at: this.#d.now().toISOString(), actor: 'system', action, org: f.org, target: f.id, detail });
  }

  #told(f: StoredFinding, change: FindingChange): void {
    try { this.#d.onChange?.(findingView(f), change); } catch (err) { this.#d.log?.(`findings: listener failed: ${(err as Error).message}`); }
  }

  /** For the conversion and the HTTP layer: a change made elsewhere is told like the service's own. */
  told(f: StoredFinding, change: FindingChange): void { this.#told(f, change); }
}

function evidenceOf(f: Finding): Record<string, unknown> {
  return { ...f.evidence };
}
