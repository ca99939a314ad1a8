// The clocks of a threat case (ICANN framework "Registry response"): acknowledgement at once, an
// assessed answer to the reporter within 24 h of the acknowledgement, a reminder before that and an
// escalation when it passes; a referral to a registrar with its own deadline, whose passing only
// records the registrar's silence (it never blocks the registry's own action); the time frame the
// registry promised for its action. Pure: the caller passes the clock and the keys already sent.

export const HOUR = 3_600_000;

export interface ThreatTimerSettings {
  /** Acknowledgement → assessed answer (default 24 h). */
  assessWithinMs: number;
  /** Reminder this long before the assessment is due (default 4 h). */
  remindBeforeMs: number;
  /** A referral's deadline for the registrar (default 48 h). */
  referralWithinMs: number;
}

export const DEFAULT_TIMERS: ThreatTimerSettings = { assessWithinMs: 24 * HOUR, remindBeforeMs: 4 * HOUR, referralWithinMs: 48 * HOUR };

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export function assessmentDue(acknowledgedAt: string, t: ThreatTimerSettings = DEFAULT_TIMERS): string {
  return addMs(acknowledgedAt, t.assessWithinMs);
}

export type TimerKind = 'assess-reminder' | 'assess-overdue' | 'referral-overdue' | 'action-overdue';
export interface TimerEvent { key: string; kind: TimerKind; due: string }

/** What the ticker needs of a case. */
export interface CaseClock {
  state: 'acknowledged' | 'assessed' | 'closed';
  assessmentDueAt: string;
  assessedAt: string | null;
  referral: { registrar: string; dueAt: string; answeredAt: string | null } | null;
  /** When the registry said it would have acted (assessedAt + time frame), if it intends an action. */
  actionDueAt: string | null;
  mitigatedAt: string | null;
}

/** The timer events due at `now` that were not sent yet (each key fires once). */
export function dueTimerEvents(c: CaseClock, now: string, sent: ReadonlySet<string>, t: ThreatTimerSettings = DEFAULT_TIMERS): TimerEvent[] {
  if (c.state === 'closed') return [];
  const at = Date.parse(now);
  const out: TimerEvent[] = [];
  const add = (key: string, kind: TimerKind, due: string, fireAt: number) => {
    if (at >= fireAt && !sent.has(key)) out.push({ key, kind, due });
  };
  if (c.assessedAt === null) {
    const due = Date.parse(c.assessmentDueAt);
    add('assess-reminder', 'assess-reminder', c.assessmentDueAt, due - t.remindBeforeMs);
    add('assess-overdue', 'assess-overdue', c.assessmentDueAt, due);
  }
  if (c.referral && c.referral.answeredAt === null) {
    add(`referral-overdue:${c.referral.registrar}`, 'referral-overdue', c.referral.dueAt, Date.parse(c.referral.dueAt));
  }
  if (c.actionDueAt && c.mitigatedAt === null) add('action-overdue', 'action-overdue', c.actionDueAt, Date.parse(c.actionDueAt));
  // Only the newest step of the assessment clock: a case found late gets the escalation, not a stale reminder too.
  return out.some((e) => e.kind === 'assess-overdue') ? out.filter((e) => e.kind !== 'assess-reminder') : out;
}

/** Whole minutes from `from` to `to` (null while `to` is unknown). */
export function minutesBetween(from: string, to: string | null): number | null {
  return to === null ? null : Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** Parses 30m, 24h, 2d (the configuration's durations) into ms; null when malformed. */
export function parseDurationMs(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: HOUR, d: 24 * HOUR }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}
