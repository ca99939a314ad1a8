// Commands outside the measured lifecycle: the national office handing an incident to a
// provincial authority (plan §5.1), and incidents opened by hand (reports by phone, a damaged
// registration database, social impact nobody can measure).
import { createHash } from 'node:crypto';
import { GRADES, gradeRank, type Grade } from '../core/grades.ts';
import { writtenReportDue } from '../core/incidents/incident-process.ts';
import type { MatchedRule } from '../core/incidents/incident-model.ts';
import { warningLevelFor } from '../core/rules/warning-level.ts';
import type { Incident } from '../store/store.ts';
import { ResponseError, type Actor, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { IncidentWrites } from './incident-writes.ts';
import type { GradingIntake } from './grading-intake.ts';
import { checkAllowed, requireText, runCommand } from './command-runner.ts';
import { actorOrg, incidentTargets, routeCommander } from './recipients.ts';
import { applyFault, healthySystem } from './drill-snapshot.ts';

export interface ReassignInput { province: string; reason: string }

export interface ManualIncidentInput {
  systemId: string;
  grade?: Grade | null;
  proposedGrade?: Grade | null;
  title: string | { zh: string; en: string };
  description: string;
  /** false: the registration system's core database was lost or abnormally modified (graded by the rule set). */
  coreDataIntact?: boolean;
}

const isGrade = (g: unknown): g is Grade => (GRADES as readonly unknown[]).includes(g);

export class OfficeCommands {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  readonly #intake: GradingIntake;
  constructor(deps: ResponseDeps, writes: IncidentWrites, intake: GradingIntake) { this.#deps = deps; this.#w = writes; this.#intake = intake; }

  async reassign(id: string, actor: Actor, input: ReassignInput): Promise<Incident> {
    const at = this.#w.nowIso();
    const org = actorOrg(actor.org, this.#deps.config.organizations);
    const { incident } = await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.reassign', kind: 'reassigned',
      decide: (_inc, d) => {
        if (org?.role !== 'emergency-office') throw new ResponseError('FORBIDDEN', 'only the national emergency office assigns an incident to a provincial authority');
        if (typeof input?.province !== 'string' || !/^[A-Z]{2}$/.test(input.province)) throw new ResponseError('INVALID', 'province: expected a two-letter province code');
        const reason = requireText(input.reason, 'reason');
        const next: ResponseDetail = {
          ...d, reassignedTo: { province: input.province, by: actor.id, at, reason },
          commander: { role: 'provincial-authority', province: input.province },
        };
        return { change: { detail: next }, payload: { from: d.commander, province: input.province, reason } };
      },
    });
    const d = incident.detail as unknown as ResponseDetail;
    // The new commander learns of the incident as if it had just opened for them.
    await this.#deps.notify({
      event: 'incident-opened', key: `${incident.id}:reassigned:v${incident.version}`, at, incident,
      to: incidentTargets(incident.org, d.commander, this.#deps.config.organizations, 'commander'), context: { reason: input.reason },
    });
    return incident;
  }

  async openManualIncident(actor: Actor, input: ManualIncidentInput): Promise<Incident> {
    const sys = this.#deps.config.systems.find((s) => s.id === input?.systemId);
    if (!sys) throw new ResponseError('INVALID', `systemId: unknown system '${input?.systemId}'`);
    const draft = { id: '', systemId: sys.id, org: sys.org, drill: false };
    await checkAllowed(this.#deps, this.#w, actor, 'incident.open-manual', draft as Incident);
    for (const k of ['grade', 'proposedGrade'] as const) {
      if (input[k] !== undefined && input[k] !== null && !isGrade(input[k])) throw new ResponseError('INVALID', `${k}: expected I, II, III or IV`);
    }
    const title = typeof input.title === 'string' ? { zh: requireText(input.title, 'title'), en: input.title.trim() }
      : { zh: requireText(input.title?.zh, 'title.zh'), en: requireText(input.title?.en, 'title.en') };
    const description = requireText(input.description, 'description');

    let grade: Grade | null = input.grade ?? null;
    let proposal: Grade | null = input.proposedGrade ?? null;
    let matched: MatchedRule[] = [];
    if (input.coreDataIntact === false) {
      // Let the rule set grade the reported damage, as it would a measured one.
      const measured = applyFault(healthySystem(sys), { systemId: sys.id, kind: 'core-data-damaged' });
      const now = this.#w.nowIso();
      const g = this.#intake.grade({ at: now, window: { from: now, to: now }, systems: [measured] })[0];
      if (g) {
        matched = g.matched.filter((m) => m.grade !== null).map((m) => ({ rule: m.rule, grade: m.grade as Grade, detail: m.detail, ...(m.confirm ? { confirm: true } : {}) }));
        if (gradeRank(g.grade) > gradeRank(grade)) grade = g.grade;
        if (gradeRank(g.proposedGrade) > gradeRank(proposal)) proposal = g.proposedGrade;
      }
    }
    const proposedGrade = gradeRank(proposal) > gradeRank(grade) ? proposal : null;
    const openedAt = this.#w.nowIso();
    const commander = routeCommander(this.#deps.config, { systemId: sys.id, org: sys.org, object: sys.kind }, proposedGrade ?? grade, proposedGrade !== null);
    const detail: ResponseDetail = {
      title, description, object: sys.kind, cause: 'manual', manual: true, phase: 'initial-response', commander, matched,
      warningLevel: warningLevelFor(grade), needsConfirmation: proposedGrade !== null,
      gradeHistory: [{ at: openedAt, grade, proposedGrade, by: actor.id }], openedAt,
      deadlines: { writtenReportDue: writtenReportDue(openedAt, grade ?? proposedGrade), sent: [] }, measures: [], directives: [],
    };
    const id = `inc-${createHash('sha256').update(`manual|${sys.id}|${actor.id}|${title.zh}|${openedAt}`).digest('hex').slice(0, 20)}`;
    const created = await this.#deps.store.createIncident({
      id, systemId: sys.id, org: sys.org, state: 'initial-response', grade, proposedGrade, drill: false,
      detail: detail as unknown as Record<string, unknown>, createdAt: openedAt,
    });
    await this.#w.record(id, actor, 'opened', { manual: true, grade, proposedGrade, commander, title, description });
    return this.#intake.announce(created);
  }
}
