// From graded probe cycles to incidents: grades each snapshot, feeds the IncidentTracker (one for
// real cycles, one for drills) and applies its events to the store — open, regrade, resolve, and
// relapse when a resolved-but-not-closed incident degrades again.
//
// Tracker state across restarts: rebuilt at start from the open incidents in the store (an
// unresolved grading incident = an open track with its last measured grade). Pending counts
// (bad cycles before opening) and clean-cycle counts stay in memory only: after a restart an
// incident needs openAfterCycles bad cycles to open and resolveAfterCycles clean ones to resolve.
//
// Undetermined data evidence (docs/evidence.md) reaches the tracker as `undeterminedGrade`: it holds
// an open incident (no resolve, no regrade down) and never opens one.
import { createHash } from 'node:crypto';
import type { Snapshot, SystemMeasurement } from '../core/snapshot.ts';
import { gradeSnapshot, undeterminedGradeOf, type Incident as Graded } from '../core/rules/grade-snapshot.ts';
import { IncidentTracker, type GradedSystem, type TrackerEvent, type TrackerState } from '../core/incidents/incident-tracker.ts';
import { writtenReportDue } from '../core/incidents/incident-process.ts';
import type { MatchedRule } from '../core/incidents/incident-model.ts';
import type { Grade } from '../core/grades.ts';
import type { Incident } from '../store/store.ts';
import { AlreadyExistsError } from '../store/store-errors.ts';
import { GRADING_BY, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { IncidentWrites } from './incident-writes.ts';
import { effectiveGrade, lastMeasured, severityOf, type Measured } from './grade-apply.ts';
import { incidentTargets, routeCommander, sameCommander } from './recipients.ts';

export interface SnapshotOptions { drill?: boolean; drillInfo?: ResponseDetail['drillInfo'] }
export interface AppliedEvent {
  kind: TrackerEvent['kind'] | 'relapse'; system: string; incidentId: string | null;
  /** The incident after the event, for the log line: its grade (or proposed grade) and the written-report deadline. */
  grade?: Grade | null; proposedGrade?: Grade | null; writtenReportDue?: string;
}

/** What the log line says about an incident. */
function facts(inc: Incident): Pick<AppliedEvent, 'grade' | 'proposedGrade' | 'writtenReportDue'> {
  const due = (inc.detail as unknown as ResponseDetail).deadlines?.writtenReportDue;
  return { grade: inc.grade, proposedGrade: inc.proposedGrade, ...(due ? { writtenReportDue: due } : {}) };
}

const CAUSE = 'grading';

/** Deterministic id: a retry of the same opening after a crash hits AlreadyExistsError, not a duplicate. */
function openingId(drill: boolean, system: string, cause: string, at: string): string {
  const h = createHash('sha256').update(`${drill ? 'drill' : 'real'}|${system}|${cause}|${new Date(at).toISOString()}`).digest('hex');
  return `${drill ? 'drill-inc' : 'inc'}-${h.slice(0, 20)}`;
}

export class GradingIntake {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  readonly #trackers: Record<'real' | 'drill', IncidentTracker>;
  /** The grading of the latest real cycle (the findings service reuses it rather than grading again). */
  lastGraded: { snapshot: Snapshot; incidents: Graded[] } | null = null;

  constructor(deps: ResponseDeps, writes: IncidentWrites) {
    this.#deps = deps;
    this.#w = writes;
    const opts = { openAfterCycles: deps.config.rules.openAfterCycles, resolveAfterCycles: deps.config.rules.resolveAfterCycles, cause: CAUSE };
    this.#trackers = { real: new IncidentTracker(opts), drill: new IncidentTracker(opts) };
  }

  /** Rebuilds both trackers from the store and finishes openings a crash interrupted. */
  async start(): Promise<void> {
    for (const drill of [false, true]) {
      const state: TrackerState = {};
      const open = await this.#w.listAll({ drill, state: ['initial-response', 'information-report', 'emergency-handling', 'recovery'] });
      for (const inc of open) {
        const d = inc.detail as unknown as ResponseDetail;
        if (!d.announcedAt) await this.announce(inc);
        if (d.cause !== CAUSE || d.resolvedAt) continue;
        const m = lastMeasured(d) ?? { grade: inc.grade, proposedGrade: inc.proposedGrade };
        state[inc.systemId] = { pendingCycles: 0, open: m, cleanCycles: 0 };
      }
      this.#trackers[drill ? 'drill' : 'real'].restore(state);
    }
  }

  grade(snapshot: Snapshot): Graded[] {
    const { config, ruleset } = this.#deps;
    return gradeSnapshot(snapshot, {
      ruleset, organizations: config.organizations,
      systems: config.systems.map((s) => ({ id: s.id, org: s.org, kind: s.kind, scope: s.scope, provinces: s.provinces })),
      latencyStatistic: config.rules.latencyStatistic, stoppedBelow: config.probing.stoppedBelow,
      evidenceConfidence: config.rules.evidenceConfidence,
    }).incidents;
  }

  async onSnapshot(snapshot: Snapshot, opts: SnapshotOptions = {}): Promise<AppliedEvent[]> {
    const drill = opts.drill ?? false;
    const tracker = this.#trackers[drill ? 'drill' : 'real'];
    const gradedList = this.grade(snapshot);
    if (!drill) this.lastGraded = { snapshot, incidents: gradedList };
    const graded = new Map(gradedList.map((g) => [g.system, g]));
    const input = trackerInput(snapshot, graded, (id) => this.#deps.config.systems.find((c) => c.id === id)?.org);
    const before = tracker.state();
    const events = tracker.step(snapshot.at, input);
    const applied: AppliedEvent[] = [];
    try {
      for (const ev of events) {
        const sys = snapshot.systems.find((s) => s.id === ev.system) as SystemMeasurement;
        applied.push(ev.kind === 'resolve' ? await this.#resolve(ev, drill)
          : await this.#openOrRegrade(ev, graded.get(ev.system) as Graded, sys, drill, opts.drillInfo));
      }
    } catch (err) {
      // Nothing half-applied is lost: the events come again from the next cycle (writes are idempotent).
      tracker.restore(before);
      throw err;
    }
    return applied;
  }

  /** Marks a system's track open without waiting for cycles (drill incidents opened by startDrill). */
  markOpen(drill: boolean, system: string, m: Measured): void {
    const t = this.#trackers[drill ? 'drill' : 'real'];
    t.restore({ ...t.state(), [system]: { pendingCycles: 0, open: m, cleanCycles: 0 } });
  }

  isTracking(drill: boolean, system: string): boolean { return this.#trackers[drill ? 'drill' : 'real'].isOpen(system); }

  /** Creates (or finds, after a crash) the incident of an opening, then announces it. */
  async open(g: Graded, sys: SystemMeasurement | undefined, at: string, drill: boolean, drillInfo?: ResponseDetail['drillInfo']): Promise<Incident> {
    const id = openingId(drill, g.system, drillInfo ? `${CAUSE}:${drillInfo.id}` : CAUSE, at);
    const openedAt = new Date(at).toISOString();
    const org = g.org ?? '';
    const commander = routeCommander(this.#deps.config, { systemId: g.system, org, object: g.object }, g.proposedGrade ?? g.grade, g.proposedGrade !== null);
    const detail: ResponseDetail = {
      title: this.#title(g), object: g.object, cause: CAUSE, manual: false, phase: 'initial-response', commander,
      matched: modelMatched(g), warningLevel: g.warningLevel, needsConfirmation: g.needsConfirmation,
      gradeHistory: [{ at: openedAt, grade: g.grade, proposedGrade: g.proposedGrade, by: GRADING_BY }],
      openedAt, deadlines: { writtenReportDue: writtenReportDue(openedAt, g.grade ?? g.proposedGrade), sent: [] },
      measures: [], directives: [], firstFigures: sys ?? null, lastFigures: sys ?? null,
      ...(g.finding ? { description: g.finding } : {}), ...(drillInfo ? { drillInfo } : {}),
    };
    let inc: Incident;
    try {
      inc = await this.#deps.store.createIncident({
        id, systemId: g.system, org, state: 'initial-response', grade: g.grade, proposedGrade: g.proposedGrade, drill,
        detail: detail as unknown as Record<string, unknown>, createdAt: openedAt,
      });
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      inc = await this.#w.get(id);
    }
    return this.announce(inc);
  }

  /** Timeline 'opened' and the notifications; repeated until announcedAt is stored (crash-safe). */
  async announce(inc: Incident): Promise<Incident> {
    const d = inc.detail as unknown as ResponseDetail;
    if (d.announcedAt) return inc;
    const entries = await this.#deps.store.timeline(inc.id);
    if (!entries.some((e) => e.kind === 'opened')) {
      await this.#w.timeline(inc.id, 'opened', null, { grade: inc.grade, proposedGrade: inc.proposedGrade, commander: d.commander, matched: d.matched, cause: d.cause });
      await this.#w.platformAudit('incident.opened', inc, { system: inc.systemId, grade: inc.grade, proposedGrade: inc.proposedGrade,
        commander: d.commander, writtenReportDue: d.deadlines?.writtenReportDue ?? null, rules: d.matched.map((m) => m.rule) });
    }
    await this.#deps.notify({
      event: 'incident-opened', key: `${inc.id}:incident-opened`, at: d.openedAt, incident: inc,
      to: incidentTargets(inc.org, d.commander, this.#deps.config.organizations),
    });
    const at = this.#w.nowIso();
    return (await this.#w.mutate(inc.id, (_i, det) => ({ change: det.announcedAt ? null : { detail: { ...det, announcedAt: at } }, result: null }))).incident;
  }

  async #openOrRegrade(ev: Exclude<TrackerEvent, { kind: 'resolve' }>, g: Graded, sys: SystemMeasurement, drill: boolean,
    drillInfo?: ResponseDetail['drillInfo']): Promise<AppliedEvent> {
    const existing = await this.#w.openFor(ev.system, CAUSE, drill);
    if (!existing) {
      const opened = await this.open(g, sys, ev.at, drill, drillInfo);
      return { kind: 'open', system: ev.system, incidentId: opened.id, ...facts(opened) };
    }
    const relapse = Boolean((existing.detail as unknown as ResponseDetail).resolvedAt);
    await this.#regrade(existing, g, sys, ev.at, relapse);
    return { kind: relapse ? 'relapse' : 'regrade', system: ev.system, incidentId: existing.id, ...facts(await this.#w.get(existing.id)) };
  }

  async #regrade(existing: Incident, g: Graded, sys: SystemMeasurement, at: string, relapse: boolean): Promise<void> {
    const measured: Measured = { grade: g.grade, proposedGrade: g.proposedGrade };
    const route = (grade: Grade | null, provisional: boolean) => routeCommander(this.#deps.config, { systemId: existing.systemId, org: existing.org, object: g.object }, grade, provisional);
    const res = await this.#w.mutate(existing.id, (inc, d) => {
      const last = lastMeasured(d);
      const same = last && last.grade === measured.grade && last.proposedGrade === measured.proposedGrade;
      if (same && !(relapse && d.resolvedAt)) return { change: null, result: null };
      const eff = effectiveGrade(d, measured, route);
      const prev = { grade: inc.grade, proposedGrade: inc.proposedGrade, commander: d.commander };
      const next: ResponseDetail = {
        ...d, commander: eff.commander, needsConfirmation: eff.needsConfirmation, warningLevel: eff.warningLevel,
        matched: modelMatched(g), lastFigures: sys,
        gradeHistory: same ? d.gradeHistory : [...d.gradeHistory, { at: new Date(at).toISOString(), grade: measured.grade, proposedGrade: measured.proposedGrade, by: GRADING_BY }],
      };
      if (relapse && d.resolvedAt) {
        delete next.resolvedAt;
        if (d.phase === 'recovery') next.phase = d.phaseBeforeRecovery ?? 'emergency-handling';
        delete next.phaseBeforeRecovery;
      }
      return { change: { detail: next, state: next.phase, grade: eff.grade, proposedGrade: eff.proposedGrade }, result: prev };
    });
    if (!res.changed || !res.result) return;
    const prev = res.result;
    const inc = res.incident;
    const d = inc.detail as unknown as ResponseDetail;
    await this.#w.timeline(inc.id, relapse ? 'relapsed' : 'regraded', null,
      { from: prev.grade, to: inc.grade, proposedGrade: inc.proposedGrade, measured, commander: d.commander });
    await this.#w.platformAudit(relapse ? 'incident.relapsed' : 'incident.regraded', inc,
      { system: inc.systemId, from: prev.grade, to: inc.grade, proposedGrade: inc.proposedGrade, commander: d.commander });
    const escalated = severityOf(inc) > severityOf(prev);
    const newCommander = !sameCommander(prev.commander, d.commander);
    if (!escalated && !newCommander && !relapse) return;
    await this.#deps.notify({
      event: 'incident-regraded', key: `${inc.id}:incident-regraded:v${inc.version}`, at: this.#w.nowIso(), incident: inc,
      to: incidentTargets(inc.org, d.commander, this.#deps.config.organizations, escalated || relapse ? 'both' : 'commander'),
      context: { previousGrade: prev.grade, ...(relapse ? { reason: 'measurements degraded again after recovery' } : {}) },
    });
  }

  async #resolve(ev: Extract<TrackerEvent, { kind: 'resolve' }>, drill: boolean): Promise<AppliedEvent> {
    const existing = await this.#w.openFor(ev.system, CAUSE, drill);
    if (!existing) return { kind: 'resolve', system: ev.system, incidentId: null };
    const at = new Date(ev.at).toISOString();
    const res = await this.#w.mutate(existing.id, (_inc, d) => {
      if (d.resolvedAt) return { change: null, result: null };
      const next: ResponseDetail = { ...d, resolvedAt: at };
      if (d.phase !== 'recovery' && d.phase !== 'closed') { next.phaseBeforeRecovery = d.phase; next.phase = 'recovery'; }
      return { change: { detail: next, state: next.phase }, result: null };
    });
    if (res.changed) {
      await this.#w.timeline(existing.id, 'measurements-clean', null, { cleanCycles: ev.cleanCycles, resolvedAt: at });
      await this.#w.platformAudit('incident.resolved', res.incident, { system: existing.systemId, cleanCycles: ev.cleanCycles, resolvedAt: at });
      const d = res.incident.detail as unknown as ResponseDetail;
      await this.#deps.notify({
        event: 'incident-resolved', key: `${existing.id}:incident-resolved:${at}`, at, incident: res.incident,
        to: incidentTargets(res.incident.org, d.commander, this.#deps.config.organizations), context: { resolvedAt: at },
      });
    }
    return { kind: 'resolve', system: ev.system, incidentId: existing.id, ...facts(res.incident) };
  }

  #title(g: Graded): { zh: string; en: string } {
    const sysName = this.#deps.config.systems.find((s) => s.id === g.system)?.name;
    const top = g.matched[0];
    const rule = top ? this.#deps.ruleset.rules.find((r) => r.id === top.rule) : undefined;
    const zh = rule?.name?.zh ?? top?.detail ?? g.system;
    const en = rule?.name?.en ?? top?.detail ?? g.system;
    return { zh: `${sysName?.zh ?? g.system}：${zh}`, en: `${sysName?.en ?? g.system}: ${en}` };
  }
}

/** What the tracker sees of one cycle: every probed system, graded or quiet, with its undetermined grade. */
export function trackerInput(snapshot: Snapshot, graded: ReadonlyMap<string, Graded>, orgOf: (systemId: string) => string | undefined): GradedSystem[] {
  return snapshot.systems.map((s) => {
    const g = graded.get(s.id);
    const org = g?.org ?? orgOf(s.id) ?? s.org ?? '';
    return {
      system: s.id, org, object: g?.object ?? s.kind, grade: g?.grade ?? null, proposedGrade: g?.proposedGrade ?? null,
      needsConfirmation: g?.needsConfirmation ?? false, undeterminedGrade: undeterminedGradeOf(g),
    };
  });
}

/** The incident model keeps graded rules; ungraded findings go to the description. */
function modelMatched(g: Graded): MatchedRule[] {
  return g.matched.filter((m) => m.grade !== null)
    .map((m) => ({ rule: m.rule, grade: m.grade as Grade, detail: m.detail, ...(m.confirm ? { confirm: true } : {}) }));
}
