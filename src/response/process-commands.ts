// A person's steps through the response process (plan §5.2): confirming or rejecting a proposed
// grade, moving between phases, the written information report (on time or late against the
// 24 h deadline), the closing report, and closing.
import { PHASES, informationReportProblems, phaseChangeError, type InformationReport, type Phase } from '../core/incidents/incident-process.ts';
import { warningLevelFor } from '../core/rules/warning-level.ts';
import type { Incident } from '../store/store.ts';
import { ResponseError, type Actor, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { IncidentWrites } from './incident-writes.ts';
import { requireText, runCommand } from './command-runner.ts';
import { incidentTargets, routeCommander } from './recipients.ts';
import { gradeRank } from '../core/grades.ts';

export interface GradeDecision { decision: 'confirmed' | 'rejected'; reason: string }
export interface ClosingReport { summary: string; cause: string; lessons: string }

export class ProcessCommands {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  constructor(deps: ResponseDeps, writes: IncidentWrites) { this.#deps = deps; this.#w = writes; }

  async confirmGrade(id: string, actor: Actor, input: GradeDecision): Promise<Incident> {
    const at = this.#w.nowIso();
    const { incident, payload } = await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.confirm-grade', kind: input?.decision === 'rejected' ? 'grade-rejected' : 'grade-confirmed',
      decide: (inc, d) => {
        if (input?.decision !== 'confirmed' && input?.decision !== 'rejected') throw new ResponseError('INVALID', "decision: expected 'confirmed' or 'rejected'");
        const reason = requireText(input.reason, 'reason');
        if (inc.proposedGrade === null) throw new ResponseError('CONFLICT', 'no proposed grade is awaiting confirmation');
        const grade = input.decision === 'confirmed' ? inc.proposedGrade : inc.grade;
        const commander = d.reassignedTo ? d.commander : routeCommander(this.#deps.config, { systemId: inc.systemId, org: inc.org, object: d.object }, grade);
        const next: ResponseDetail = {
          ...d, commander, needsConfirmation: false, warningLevel: warningLevelFor(grade),
          confirmation: { decision: input.decision, grade: inc.proposedGrade, by: actor.id, reason, at },
          gradeHistory: [...d.gradeHistory, { at, grade, proposedGrade: null, by: actor.id }],
        };
        return { change: { detail: next, grade, proposedGrade: null }, payload: { decision: input.decision, proposedGrade: inc.proposedGrade, previousGrade: inc.grade, grade, reason } };
      },
    });
    if (gradeRank(payload.grade) > gradeRank(payload.previousGrade)) {
      const d = incident.detail as unknown as ResponseDetail;
      await this.#deps.notify({
        event: 'incident-regraded', key: `${incident.id}:incident-regraded:v${incident.version}`, at, incident,
        to: incidentTargets(incident.org, d.commander, this.#deps.config.organizations), context: { previousGrade: payload.previousGrade, reason: payload.reason },
      });
    }
    return incident;
  }

  async changePhase(id: string, actor: Actor, to: Phase): Promise<Incident> {
    if (!(PHASES as readonly string[]).includes(to)) throw new ResponseError('INVALID', `to: expected one of ${PHASES.join(', ')}`);
    if (to === 'closed') return this.close(id, actor);
    return (await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.change-phase', kind: 'phase-changed',
      decide: (_inc, d) => {
        const err = phaseChangeError(d.phase, to, { closingReportFiled: Boolean(d.closingReport), infoReportFiled: Boolean(d.informationReport) });
        if (err) throw new ResponseError('CONFLICT', err);
        return { change: { detail: { ...d, phase: to }, state: to }, payload: { from: d.phase, to } };
      },
    })).incident;
  }

  async fileInformationReport(id: string, actor: Actor, report: InformationReport): Promise<Incident> {
    const filedAt = this.#w.nowIso();
    return (await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.file-information-report', kind: 'information-report-filed',
      decide: (_inc, d) => {
        const problems = informationReportProblems(report ?? {});
        if (problems.length > 0) throw new ResponseError('INVALID', `the information report is incomplete: ${problems.join('; ')}`, problems);
        if (d.informationReport) throw new ResponseError('CONFLICT', 'the written information report was filed already');
        const timeliness = Date.parse(filedAt) <= Date.parse(d.deadlines.writtenReportDue) ? 'on-time' as const : 'late' as const;
        const { startedAt, scope, harm, measuresTaken, recommendations } = report;
        const next: ResponseDetail = {
          ...d, informationReport: { startedAt, scope, harm, measuresTaken, recommendations, filedBy: actor.id, filedAt },
          reportTimeliness: timeliness, phase: d.phase === 'initial-response' ? 'information-report' : d.phase,
        };
        return { change: { detail: next, state: next.phase }, payload: { timeliness, due: d.deadlines.writtenReportDue, filedAt } };
      },
    })).incident;
  }

  async fileClosingReport(id: string, actor: Actor, report: ClosingReport): Promise<Incident> {
    const filedAt = this.#w.nowIso();
    return (await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.file-closing-report', kind: 'closing-report-filed',
      decide: (_inc, d) => {
        const summary = requireText(report?.summary, 'summary');
        const cause = requireText(report?.cause, 'cause');
        const lessons = requireText(report?.lessons, 'lessons');
        if (d.phase !== 'recovery') throw new ResponseError('CONFLICT', `a closing report is filed in recovery (后期恢复); the incident is in ${d.phase}`);
        return { change: { detail: { ...d, closingReport: { summary, cause, lessons, filedBy: actor.id, filedAt } } }, payload: { summary, cause, lessons } };
      },
    })).incident;
  }

  async close(id: string, actor: Actor): Promise<Incident> {
    const closedAt = this.#w.nowIso();
    return (await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.close', kind: 'closed',
      decide: (_inc, d) => {
        const err = phaseChangeError(d.phase, 'closed', { closingReportFiled: Boolean(d.closingReport), infoReportFiled: Boolean(d.informationReport) });
        if (err) throw new ResponseError('CONFLICT', err);
        // An incident the measurements opened stays open while they are still bad (else it would reopen at once).
        if (d.cause === 'grading' && !d.resolvedAt) throw new ResponseError('CONFLICT', 'the measurements are still degraded; the incident closes after they come back clean');
        return { change: { detail: { ...d, phase: 'closed', closedAt }, state: 'closed' }, payload: { from: d.phase, closedAt } };
      },
    })).incident;
  }
}
