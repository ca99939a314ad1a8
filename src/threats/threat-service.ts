// The application layer of registry threat response (SPEC §6): intake of a report (a new case, or a
// duplicate linked to the open case of the same name), the staff's commands on a case — assess (tell
// the reporter the intended action or why none, with a time frame), refer to a registrar with its own
// deadline, record the registrar's answer, reply to the reporters, record an action on a name (the
// actions-on-names service calls recordAction), mitigate, close — each on the case timeline and in the
// audit log, and the reporters told by email in their language. Access is decided by the routes.
import { randomBytes, randomUUID } from 'node:crypto';
import { tokenHash } from '../auth/tokens.ts';
import { ACTION_WORDS, commandError, type CaseCommand } from '../core/threats/lifecycle.ts';
import { triage } from '../core/threats/assess.ts';
import { addMs, assessmentDue } from '../core/threats/timers.ts';
import type { Harm, IntendedAction, Priority, ResponsibleParty, SourceClass } from '../core/threats/threat-types.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Recipient } from '../notify/incident-notifications.ts';
import { enqueueThreatMessages, type ThreatEvent, type ThreatMessageFacts } from '../notify/threat-notifications.ts';
import type { Store, ThreatCase, ThreatCasePatch } from '../store/store.ts';
import { VersionConflictError } from '../store/store-errors.ts';
import type { ParsedReport } from './intake-parse.ts';
import { handlingOrg, threatSettings, type ThreatSettings } from './threat-settings.ts';
import { detailOf, type CaseDetail } from './threat-views.ts';

export interface ThreatServiceDeps {
  store: Store;
  config: ResolvedConfig;
  now?: () => Date;
  /** Staff recipients of an organisation (its emergency contacts); default: nobody. */
  contactsOf?: (org: string) => Promise<Recipient[]>;
}

export class ThreatError extends Error {
  readonly code: 'NOT_FOUND' | 'INVALID' | 'CONFLICT';
  constructor(code: 'NOT_FOUND' | 'INVALID' | 'CONFLICT', message: string) { super(message); this.code = code; }
}

export interface IntakeAnswer { trackingId: string; statusToken: string; acknowledgedAt: string; assessmentDueAt: string; caseId: string; linked: boolean }

export interface AssessInput {
  intendedAction: IntendedAction; reason: string; timeFrameHours?: number | null; priority?: Priority; harms?: Harm[];
  responsible?: ResponsibleParty; registrant?: Record<string, string>;
}
export interface ActionRecord { name: string; action: string; state: string; requester: string; approver?: string | null; reason?: string; detail?: Record<string, unknown> }

const token = (bytes: number) => randomBytes(bytes).toString('base64url');
/** The status token's hex SHA-256 (what the store keeps), as for sessions and API tokens. */
export const statusTokenHash = tokenHash;

export class ThreatService {
  readonly settings: ThreatSettings;
  readonly #d: ThreatServiceDeps;
  constructor(deps: ThreatServiceDeps) { this.#d = deps; this.settings = threatSettings(deps.config); }

  get store(): Store { return this.#d.store; }
  nowIso(): string { return (this.#d.now ?? (() => new Date()))().toISOString(); }

  async intake(r: ParsedReport, source: { sourceClass: SourceClass; reporterOrg: string | null; actor: string; format: 'json' | 'xarf' }): Promise<IntakeAnswer> {
    const at = this.nowIso();
    const t = triage({ source: source.sourceClass, evidence: r.evidence, names: r.names, threatType: r.threatType, description: r.description });
    const org = handlingOrg(this.#d.config, this.settings, r.names[0]);
    if (!org) throw new ThreatError('INVALID', 'no organisation handles threat reports on this platform');
    const statusToken = token(24);
    const detail: CaseDetail = { triage: { credibility: t.credibility, harms: t.harms, responsible: t.responsible }, harms: t.harms,
      responsible: t.responsible, lang: r.reporter?.lang ?? r.lang, assessment: null, referral: null, sent: [] };
    const out = await this.#d.store.intakeThreatReport({
      trackingId: `TR-${randomBytes(8).toString('hex').toUpperCase()}`, statusTokenHash: statusTokenHash(statusToken), receivedAt: at,
      sourceClass: source.sourceClass, reporterOrg: source.reporterOrg, lang: r.lang, format: source.format, threatType: r.threatType,
      names: r.names, description: r.description, evidence: r.evidence, reporter: r.reporter,
    }, { id: `TC-${randomUUID().slice(0, 8).toUpperCase()}`, org, threatType: r.threatType, priority: t.priority, credibilityScore: t.credibility.score,
      acknowledgedAt: at, assessmentDueAt: assessmentDue(at, this.settings.timers), detail: detail as unknown as Record<string, unknown> });
    const c = out.threatCase;
    // A stronger source or a high-priority harm raises a linked case; nothing ever lowers it.
    if (!out.created && (t.priority === 'high' && c.priority !== 'high' || t.credibility.score > c.credibilityScore)) {
      await this.#mutate(c.id, (cc) => ({ priority: t.priority === 'high' ? 'high' : cc.priority, credibilityScore: Math.max(cc.credibilityScore, t.credibility.score) })).catch(() => undefined);
    }
    await this.#d.store.appendAudit({ at, actor: source.actor, action: 'threat-report.receive', org: c.org, target: c.id, detail: {
      trackingId: out.report.trackingId, linked: !out.created, sourceClass: source.sourceClass, format: source.format, names: r.names.length,
      reporter: r.reporter ? 'identified' : 'anonymous', priority: t.priority } });
    if (r.reporter?.email) {
      await this.#tell('threat-acknowledged', `ack:${out.report.trackingId}`, at, c, [this.#reporterRecipient(r.reporter.email, r.reporter.lang ?? r.lang)],
        { trackingId: out.report.trackingId, due: c.assessmentDueAt, statusLink: this.#statusLink(out.report.trackingId, statusToken) });
    }
    return { trackingId: out.report.trackingId, statusToken, acknowledgedAt: at, assessmentDueAt: c.assessmentDueAt, caseId: c.id, linked: !out.created };
  }

  async assess(actor: string, id: string, a: AssessInput): Promise<ThreatCase> {
    if (a.intendedAction === 'no-action' && a.reason.trim() === '') throw new ThreatError('INVALID', 'no action needs a reason for the reporter');
    const at = this.nowIso();
    const hours = a.intendedAction === 'no-action' ? null : a.timeFrameHours ?? 24;
    const c = await this.#command(id, 'assess', (cc, d) => ({
      state: 'assessed', assessedAt: cc.assessedAt ?? at, priority: a.priority ?? cc.priority,
      ...(a.registrant ? { personal: { ...(cc.personal ?? {}), registrant: a.registrant } } : {}),
      detail: { ...d, harms: a.harms ?? d.harms, responsible: a.responsible ?? d.responsible,
        assessment: { intendedAction: a.intendedAction, reason: a.reason, timeFrameHours: hours, actionDueAt: hours === null ? null : addMs(at, hours * 3_600_000), at, by: actor } },
    }));
    await this.#log(c, at, 'assessed', actor, { intendedAction: a.intendedAction, reason: a.reason, timeFrameHours: hours, priority: c.priority,
      onTime: at <= c.assessmentDueAt, registrant: a.registrant ? 'recorded' : undefined });
    await this.#tellReporters('threat-assessed', `assessed:${c.version}`, at, c, { action: ACTION_WORDS[a.intendedAction], reason: a.reason, timeFrameHours: hours });
    return c;
  }

  async refer(actor: string, id: string, registrar: string, withinHours?: number, note?: string): Promise<ThreatCase> {
    const org = this.#d.config.organizations.find((o) => o.id === registrar);
    if (!org || org.role !== 'registrar') throw new ThreatError('INVALID', `${registrar} is not a registrar of this platform`);
    const at = this.nowIso();
    const dueAt = addMs(at, withinHours !== undefined ? withinHours * 3_600_000 : this.settings.timers.referralWithinMs);
    const c = await this.#command(id, 'refer', (_cc, d) => ({ referredTo: registrar,
      detail: { ...d, referral: { registrar, referredAt: at, dueAt, answeredAt: null, answer: null, note: note ?? null } } }));
    await this.#log(c, at, 'referred', actor, { registrar, dueAt, note: note ?? null });
    await this.#tell('threat-referred', `referred:${registrar}:${at}`, at, c, await this.#staff(registrar), { due: dueAt, message: note });
    return c;
  }

  async answerReferral(actor: string, id: string, answer: 'acted' | 'declined' | 'investigating', note?: string): Promise<ThreatCase> {
    const at = this.nowIso();
    const c = await this.#command(id, 'referral-answer', (_cc, d) => {
      if (!d.referral) throw new ThreatError('CONFLICT', 'the case was not referred');
      return { detail: { ...d, referral: { ...d.referral, answeredAt: d.referral.answeredAt ?? at, answer, note: note ?? d.referral.note } } };
    });
    await this.#log(c, at, 'referral-answered', actor, { registrar: c.referredTo, answer, note: note ?? null });
    return c;
  }

  async reply(actor: string, id: string, message: string): Promise<ThreatCase> {
    const at = this.nowIso();
    const c = await this.#command(id, 'reply', () => ({}));
    await this.#log(c, at, 'reply', actor, { message });
    await this.#tellReporters('threat-reply', `reply:${at}`, at, c, { message });
    return c;
  }

  /** For the actions-on-names service: one action on one name, on the case timeline and in the audit log. */
  async recordAction(actor: string, id: string, a: ActionRecord): Promise<ThreatCase> {
    const at = this.nowIso();
    const c = await this.#command(id, 'action', () => ({}));
    await this.#log(c, at, 'action', actor, { name: a.name, action: a.action, state: a.state, requester: a.requester, approver: a.approver ?? null, reason: a.reason ?? null, ...a.detail });
    return c;
  }

  async mitigate(actor: string, id: string, note?: string): Promise<ThreatCase> {
    const at = this.nowIso();
    const c = await this.#command(id, 'mitigate', (cc) => ({ mitigatedAt: cc.mitigatedAt ?? at }));
    await this.#log(c, at, 'mitigated', actor, { note: note ?? null });
    await this.#tellReporters('threat-mitigated', 'mitigated', at, c, { message: note });
    return c;
  }

  async close(actor: string, id: string, reason: string): Promise<ThreatCase> {
    const at = this.nowIso();
    const c = await this.#command(id, 'close', () => ({ state: 'closed', closedAt: at }));
    await this.#log(c, at, 'closed', actor, { reason });
    await this.#tellReporters('threat-closed', 'closed', at, c, { reason });
    return c;
  }

  /** Retention: erase reporter and registrant details of cases closed longer ago than threats.retention. */
  async prune(): Promise<{ reports: number; cases: number }> {
    const out = await this.#d.store.pruneThreatPersonalData(addMs(this.nowIso(), -this.settings.retentionMs));
    if (out.reports + out.cases > 0) {
      await this.#d.store.appendAudit({ at: this.nowIso(), actor: 'system', action: 'threat.personal-data-pruned', org: null, target: null, detail: out });
    }
    return out;
  }

  async #command(id: string, command: CaseCommand, change: (c: ThreatCase, d: CaseDetail) => ThreatCasePatch): Promise<ThreatCase> {
    return this.#mutate(id, (c) => {
      const why = commandError(c.state, command, c.assessedAt !== null);
      if (why) throw new ThreatError('CONFLICT', why);
      return change(c, detailOf(c));
    });
  }

  async #mutate(id: string, change: (c: ThreatCase) => ThreatCasePatch): Promise<ThreatCase> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const c = await this.#d.store.getThreatCase(id);
      if (!c) throw new ThreatError('NOT_FOUND', `threat case ${id} not found`);
      try {
        return await this.#d.store.updateThreatCase(id, c.version, change(c));
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
      }
    }
    throw new ThreatError('CONFLICT', `threat case ${id} kept changing; try again`);
  }

  async #log(c: ThreatCase, at: string, kind: string, actor: string, detail: Record<string, unknown>): Promise<void> {
    const clean = Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== undefined));
    await this.#d.store.appendThreatTimeline(c.id, { at, kind, actor, detail: clean });
    const { message: _m, ...audited } = clean;
    await this.#d.store.appendAudit({ at, actor, action: `threat-case.${kind}`, org: c.org, target: c.id, detail: audited });
  }

  async #staff(org: string): Promise<Recipient[]> { return this.#d.contactsOf ? this.#d.contactsOf(org) : []; }
  staffRecipients(org: string): Promise<Recipient[]> { return this.#staff(org); }
  /** The emergency offices (told when an answer is overdue). */
  settingsOffices(): string[] { return this.#d.config.organizations.filter((o) => o.role === 'emergency-office').map((o) => o.id); }

  #reporterRecipient(email: string, lang: 'zh' | 'en'): Recipient { return { channel: 'email', address: email, org: 'reporter', lang }; }

  #statusLink(trackingId: string, statusToken?: string): string | undefined {
    if (!this.settings.statusUrl) return undefined;
    return `${this.settings.statusUrl}?trackingId=${encodeURIComponent(trackingId)}${statusToken ? `&statusToken=${encodeURIComponent(statusToken)}` : ''}`;
  }

  async #tellReporters(event: ThreatEvent, key: string, at: string, c: ThreatCase, facts: Partial<ThreatMessageFacts>): Promise<void> {
    if (!this.#d.config.notifications.email) return;
    for (const r of await this.#d.store.threatReports(c.id)) {
      if (!r.reporter?.email) continue;
      await this.#tell(event, `${key}:${r.trackingId}`, at, c, [this.#reporterRecipient(r.reporter.email, r.reporter.lang ?? r.lang)],
        { ...facts, trackingId: r.trackingId, names: r.names, statusLink: this.#statusLink(r.trackingId) });
    }
  }

  async #tell(event: ThreatEvent, key: string, at: string, c: ThreatCase, recipients: Recipient[], facts: Partial<ThreatMessageFacts>): Promise<void> {
    const emailOk = Boolean(this.#d.config.notifications.email);
    const to = recipients.filter((r) => r.channel !== 'email' || emailOk);
    if (to.length === 0) return;
    await enqueueThreatMessages(this.#d.store, { event, key, at, recipients: to, facts: { caseId: c.id, names: c.names, ...facts } });
  }
}
