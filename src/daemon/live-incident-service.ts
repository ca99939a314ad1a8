// The incident service as the platform runs it: every change it makes — an opening, regrade,
// resolution or relapse from a graded cycle, a person's command, a drill, a deadline — is told to
// the live feed and wakes the outbox worker, so the email goes out now rather than at its next tick.
import { IncidentService } from '../response/incident-service.ts';
import type { AppliedEvent, SnapshotOptions } from '../response/grading-intake.ts';
import type { Actor, ResponseDeps } from '../response/response-types.ts';
import type { ClosingReport, GradeDecision } from '../response/process-commands.ts';
import type { DirectiveInput, MeasureInput } from '../response/measure-commands.ts';
import type { ManualIncidentInput, ReassignInput } from '../response/office-commands.ts';
import type { StartDrillInput } from '../response/drills.ts';
import type { Phase, InformationReport } from '../core/incidents/incident-process.ts';
import type { Snapshot } from '../core/snapshot.ts';
import type { Incident } from '../store/store.ts';
import type { IncidentChange, LiveBus } from './live-bus.ts';

export interface LiveIncidentHooks {
  bus: LiveBus;
  /** Called after anything may have been enqueued (the outbox worker's wake()). */
  wake?: () => void;
  log?: (line: string) => void;
  /** Runs before each person's command (the platform re-reads the acting user for `authorize`). */
  beforeCommand?: (actor: Actor) => Promise<void>;
}

const CHANGE_OF: Record<AppliedEvent['kind'], IncidentChange> = {
  open: 'opened', regrade: 'regraded', resolve: 'resolved', relapse: 'relapsed',
};

export class LiveIncidentService extends IncidentService {
  readonly #hooks: LiveIncidentHooks;

  constructor(deps: ResponseDeps, hooks: LiveIncidentHooks) {
    super(deps);
    this.#hooks = hooks;
  }

  async #before(actor: Actor): Promise<void> {
    try {
      await this.#hooks.beforeCommand?.(actor);
    } catch (err) {
      this.#hooks.log?.(`users: cannot re-read ${actor.id}: ${(err as Error).message}`); // authorize uses what it has
    }
  }

  #told(inc: Incident, change: IncidentChange = 'updated'): Incident {
    this.#hooks.bus.publishIncident(inc, change);
    this.#hooks.wake?.();
    return inc;
  }

  override async onSnapshot(snapshot: Snapshot, opts: SnapshotOptions = {}): Promise<AppliedEvent[]> {
    const applied = await super.onSnapshot(snapshot, opts);
    for (const ev of applied) {
      if (!ev.incidentId) continue;
      try {
        this.#told(await this.get(ev.incidentId), CHANGE_OF[ev.kind]);
      } catch (err) {
        this.#hooks.log?.(`live feed: cannot read incident ${ev.incidentId}: ${(err as Error).message}`);
      }
    }
    return applied;
  }

  override async tickDeadlines(): ReturnType<IncidentService['tickDeadlines']> {
    const result = await super.tickDeadlines();
    for (const id of new Set(result.fired.map((f) => f.incidentId))) {
      try { this.#told(await this.get(id)); } catch { /* the incident was read a moment ago; the next change tells it */ }
    }
    return result;
  }

  override async confirmGrade(id: string, actor: Actor, input: GradeDecision): Promise<Incident> { await this.#before(actor); return this.#told(await super.confirmGrade(id, actor, input)); }
  override async changePhase(id: string, actor: Actor, to: Phase): Promise<Incident> { await this.#before(actor); return this.#told(await super.changePhase(id, actor, to)); }
  override async fileInformationReport(id: string, actor: Actor, report: InformationReport): Promise<Incident> { await this.#before(actor); return this.#told(await super.fileInformationReport(id, actor, report)); }
  override async fileClosingReport(id: string, actor: Actor, report: ClosingReport): Promise<Incident> { await this.#before(actor); return this.#told(await super.fileClosingReport(id, actor, report)); }
  override async close(id: string, actor: Actor): Promise<Incident> { await this.#before(actor); return this.#told(await super.close(id, actor)); }
  override async recordDirective(id: string, actor: Actor, input: DirectiveInput): Promise<Incident> { await this.#before(actor); return this.#told(await super.recordDirective(id, actor, input)); }
  override async planMeasure(id: string, actor: Actor, input: MeasureInput): Promise<Incident> { await this.#before(actor); return this.#refusalTold(id, () => super.planMeasure(id, actor, input)); }
  override async executeMeasure(id: string, actor: Actor, input: MeasureInput): Promise<Incident> { await this.#before(actor); return this.#refusalTold(id, () => super.executeMeasure(id, actor, input)); }
  override async reassign(id: string, actor: Actor, input: ReassignInput): Promise<Incident> { await this.#before(actor); return this.#told(await super.reassign(id, actor, input)); }
  override async openManualIncident(actor: Actor, input: ManualIncidentInput): Promise<Incident> { await this.#before(actor); return this.#told(await super.openManualIncident(actor, input), 'opened'); }

  override async startDrill(input: StartDrillInput): Promise<{ drillId: string; incidents: Incident[] }> {
    const out = await super.startDrill(input);
    for (const inc of out.incidents) this.#told(inc, 'opened');
    return out;
  }

  /** A refused measure is still a change (a refused record, a notification to the commander). */
  async #refusalTold(id: string, run: () => Promise<Incident>): Promise<Incident> {
    try {
      return this.#told(await run());
    } catch (err) {
      if ((err as { code?: string }).code === 'REFUSED') {
        try { this.#told(await this.get(id)); } catch { /* reported by the caller's error anyway */ }
      }
      throw err;
    }
  }
}
