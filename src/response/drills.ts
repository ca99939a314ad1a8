// Drills (应急演练): simulated incidents that run the same grading and process, stored with
// drill = true (never in real listings), tracked by their own tracker, and measured afterwards:
// how long until a person first acted, filed the written report, and the measurements recovered.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../core/snapshot.ts';
import type { Incident } from '../store/store.ts';
import { ResponseError, type Actor, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { IncidentWrites } from './incident-writes.ts';
import type { GradingIntake } from './grading-intake.ts';
import { drillSnapshot, type DrillFault } from './drill-snapshot.ts';
import { severityOf } from './grade-apply.ts';

export interface StartDrillInput {
  name: string;
  /** A synthetic snapshot, or faults to apply to healthy measurements of configured systems. */
  snapshot?: Snapshot;
  faults?: DrillFault[];
  actor?: Actor;
}

export interface DrillIncidentFigures {
  incidentId: string;
  systemId: string;
  grade: Incident['grade'];
  proposedGrade: Incident['proposedGrade'];
  openedAt: string;
  acknowledgedAt: string | null;
  reportFiledAt: string | null;
  reportTimeliness: 'on-time' | 'late' | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Seconds from opening; null while it has not happened. */
  secondsToAcknowledge: number | null;
  secondsToReport: number | null;
  secondsToRecover: number | null;
}

export interface DrillReport { drillId: string; name: string; startedAt: string; incidents: DrillIncidentFigures[] }

const seconds = (from: string, to: string | null | undefined): number | null =>
  to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null;

export class Drills {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  readonly #intake: GradingIntake;
  constructor(deps: ResponseDeps, writes: IncidentWrites, intake: GradingIntake) { this.#deps = deps; this.#w = writes; this.#intake = intake; }

  async start(input: StartDrillInput): Promise<{ drillId: string; incidents: Incident[] }> {
    const name = typeof input?.name === 'string' ? input.name.trim() : '';
    if (!name) throw new ResponseError('INVALID', 'name: required');
    const startedAt = this.#w.nowIso();
    let snapshot: Snapshot;
    if (input.snapshot) snapshot = input.snapshot;
    else if (input.faults && input.faults.length > 0) {
      try {
        snapshot = drillSnapshot(this.#deps.config.systems, input.faults, startedAt);
      } catch (err) {
        throw new ResponseError('INVALID', (err as Error).message);
      }
    } else throw new ResponseError('INVALID', 'a drill needs a snapshot or at least one fault');
    const graded = this.#intake.grade(snapshot).filter((g) => severityOf(g) > 0);
    if (graded.length === 0) throw new ResponseError('INVALID', 'the simulated measurements grade no incident');

    const drillId = `drill-${createHash('sha256').update(`${name}|${startedAt}`).digest('hex').slice(0, 16)}`;
    const drillInfo = { id: drillId, name, startedAt };
    const incidents: Incident[] = [];
    for (const g of graded) {
      const sys = snapshot.systems.find((s) => s.id === g.system);
      incidents.push(await this.#intake.open(g, sys, startedAt, true, drillInfo));
      this.#intake.markOpen(true, g.system, { grade: g.grade, proposedGrade: g.proposedGrade });
    }
    await this.#w.audit(input.actor ?? null, 'drill.started', drillId, { name, startedAt, incidents: incidents.map((i) => i.id) });
    return { drillId, incidents };
  }

  async report(drillId: string): Promise<DrillReport> {
    const all = await this.#w.listAll({ drill: true });
    const mine = all.filter((i) => (i.detail as unknown as ResponseDetail).drillInfo?.id === drillId);
    if (mine.length === 0) throw new ResponseError('NOT_FOUND', `drill ${drillId} not found`);
    const info = (mine[0].detail as unknown as ResponseDetail).drillInfo as NonNullable<ResponseDetail['drillInfo']>;
    const incidents: DrillIncidentFigures[] = [];
    for (const inc of mine.slice().sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))) {
      const d = inc.detail as unknown as ResponseDetail;
      const entries = await this.#deps.store.timeline(inc.id);
      const acknowledgedAt = entries.find((e) => e.actor !== null)?.at ?? null;
      const reportFiledAt = d.informationReport?.filedAt ?? null;
      incidents.push({
        incidentId: inc.id, systemId: inc.systemId, grade: inc.grade, proposedGrade: inc.proposedGrade, openedAt: d.openedAt,
        acknowledgedAt, reportFiledAt, reportTimeliness: d.reportTimeliness ?? null, resolvedAt: d.resolvedAt ?? null, closedAt: d.closedAt ?? null,
        secondsToAcknowledge: seconds(d.openedAt, acknowledgedAt), secondsToReport: seconds(d.openedAt, reportFiledAt),
        secondsToRecover: seconds(d.openedAt, d.resolvedAt),
      });
    }
    return { drillId, name: info.name, startedAt: info.startedAt, incidents };
  }
}
