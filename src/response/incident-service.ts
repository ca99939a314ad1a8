// The response process of the emergency plan as one application service over the pure core
// (grading, tracker, process rules, directive gate) and the store. The daemon feeds it graded
// cycles and calls tickDeadlines(); the HTTP API calls the commands. Calls that change tracker
// state (snapshots, drills) run one at a time; commands rely on the store's version check.
import type { Snapshot } from '../core/snapshot.ts';
import type { Phase, InformationReport } from '../core/incidents/incident-process.ts';
import type { Incident, IncidentFilter, TimelineEntry } from '../store/store.ts';
import { IncidentWrites } from './incident-writes.ts';
import { GradingIntake, type AppliedEvent, type SnapshotOptions } from './grading-intake.ts';
import { ProcessCommands, type ClosingReport, type GradeDecision } from './process-commands.ts';
import { MeasureCommands, type DirectiveInput, type MeasureInput } from './measure-commands.ts';
import { OfficeCommands, type ManualIncidentInput, type ReassignInput } from './office-commands.ts';
import { DeadlineTicker, type FiredDeadline } from './deadline-ticker.ts';
import { Drills, type DrillReport, type StartDrillInput } from './drills.ts';
import { drillSnapshot, type DrillFault } from './drill-snapshot.ts';
import type { Incident as GradedIncident } from '../core/rules/grade-snapshot.ts';
import type { Actor, ResponseDeps } from './response-types.ts';

export class IncidentService {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  readonly #intake: GradingIntake;
  readonly #process: ProcessCommands;
  readonly #measures: MeasureCommands;
  readonly #office: OfficeCommands;
  readonly #ticker: DeadlineTicker;
  readonly #drills: Drills;
  #started: Promise<void> | null = null;
  /** Serialises tracker work (snapshots, drill starts). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: ResponseDeps) {
    this.#deps = deps;
    this.#w = new IncidentWrites(deps);
    this.#intake = new GradingIntake(deps, this.#w);
    this.#process = new ProcessCommands(deps, this.#w);
    this.#measures = new MeasureCommands(deps, this.#w);
    this.#office = new OfficeCommands(deps, this.#w, this.#intake);
    this.#ticker = new DeadlineTicker(deps, this.#w);
    this.#drills = new Drills(deps, this.#w, this.#intake);
  }

  /** Rebuilds the trackers from the open incidents and finishes interrupted openings. Idempotent; called lazily. */
  start(): Promise<void> {
    this.#started ??= this.#intake.start().catch((err) => { this.#started = null; throw err; });
    return this.#started;
  }

  #serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.start()).then(f);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  // ── measurements ────────────────────────────────────────────────────────────────
  onSnapshot(snapshot: Snapshot, opts: SnapshotOptions = {}): Promise<AppliedEvent[]> {
    return this.#serial(() => this.#intake.onSnapshot(snapshot, opts));
  }

  // ── a person's commands ─────────────────────────────────────────────────────────
  confirmGrade(id: string, actor: Actor, input: GradeDecision): Promise<Incident> { return this.#process.confirmGrade(id, actor, input); }
  changePhase(id: string, actor: Actor, to: Phase): Promise<Incident> { return this.#process.changePhase(id, actor, to); }
  fileInformationReport(id: string, actor: Actor, report: InformationReport): Promise<Incident> { return this.#process.fileInformationReport(id, actor, report); }
  fileClosingReport(id: string, actor: Actor, report: ClosingReport): Promise<Incident> { return this.#process.fileClosingReport(id, actor, report); }
  close(id: string, actor: Actor): Promise<Incident> { return this.#process.close(id, actor); }
  recordDirective(id: string, actor: Actor, input: DirectiveInput): Promise<Incident> { return this.#measures.recordDirective(id, actor, input); }
  planMeasure(id: string, actor: Actor, input: MeasureInput): Promise<Incident> { return this.#measures.planMeasure(id, actor, input); }
  executeMeasure(id: string, actor: Actor, input: MeasureInput): Promise<Incident> { return this.#measures.executeMeasure(id, actor, input); }
  reassign(id: string, actor: Actor, input: ReassignInput): Promise<Incident> { return this.#office.reassign(id, actor, input); }
  async openManualIncident(actor: Actor, input: ManualIncidentInput): Promise<Incident> {
    await this.start();
    return this.#office.openManualIncident(actor, input);
  }

  // ── deadlines ───────────────────────────────────────────────────────────────────
  tickDeadlines(): Promise<{ fired: FiredDeadline[]; errors: Array<{ incidentId: string; error: string }> }> { return this.#ticker.tick(); }

  // ── drills ──────────────────────────────────────────────────────────────────────
  startDrill(input: StartDrillInput): Promise<{ drillId: string; incidents: Incident[] }> {
    return this.#serial(() => this.#drills.start(input));
  }
  drillReport(drillId: string): Promise<DrillReport> { return this.#drills.report(drillId); }
  /** A synthetic drill cycle at the service's clock: faults applied, `healthy` systems clean. */
  drillSnapshot(faults: DrillFault[], healthy: string[] = []): Snapshot {
    return drillSnapshot(this.#deps.config.systems, faults, this.#deps.now().toISOString(), { healthy });
  }

  // ── reads (no rights check here: the HTTP layer scopes them) ────────────────────
  get(id: string): Promise<Incident> { return this.#w.get(id); }
  list(filter: IncidentFilter = {}): Promise<Incident[]> { return this.#deps.store.listIncidents(filter); }
  /** The grading of a real cycle: the one onSnapshot made for this very snapshot, else graded now. */
  graded(snapshot: Snapshot): GradedIncident[] {
    const last = this.#intake.lastGraded;
    return last && last.snapshot === snapshot ? last.incidents : this.#intake.grade(snapshot);
  }
  timeline(id: string): Promise<TimelineEntry[]> { return this.#deps.store.timeline(id); }
}
