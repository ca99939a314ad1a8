// Grades a measurement snapshot with a rule set: the grading result of the contracts. Pure and
// deterministic: same snapshot, rule set and organisations give the same result.
import type { Snapshot, SystemMeasurement } from '../snapshot.ts';
import type { OrganizationConfig } from '../../config/config-schema.ts';
import type { LatencyStatistic, ObjectKind, Rule, Ruleset } from './ruleset-schema.ts';
import { evaluateCondition, type EvalContext, type SystemInfo } from './conditions.ts';
import { gradeRank, higherGrade, type Grade } from '../grades.ts';
import { warningLevelFor, type WarningLevel } from './warning-level.ts';
import { commanderFor, type Commander } from './commander.ts';

export interface MatchedRule {
  rule: string;
  grade: Grade | null;
  detail: string;
  /** The rule needs a person to confirm the social impact: its grade is only proposed. */
  confirm?: true;
}

export interface Incident {
  system: string;
  org: string | null;
  object: ObjectKind;
  grade: Grade | null;
  proposedGrade: Grade | null;
  needsConfirmation: boolean;
  warningLevel: WarningLevel | null;
  /** Routed by the effective grade, or by the proposal when it is higher (then `provisional: true`). */
  commander: Commander & { provisional?: true };
  matched: MatchedRule[];
  /** What ungraded rules found (e.g. a grade-2 provider's degraded resolution); null when none. */
  finding: string | null;
}

export interface GradingResult {
  ruleset: { id: string; version: string };
  at: string;
  incidents: Incident[];
}

export interface GradeContext {
  ruleset: Ruleset;
  organizations: OrganizationConfig[];
  systems: SystemInfo[];
  /** Overrides the rule set's default (from the configuration's rules.latencyStatistic). */
  latencyStatistic?: LatencyStatistic;
  /** Overrides the rule set's default (from the configuration's probing.stoppedBelow). */
  stoppedBelow?: number;
}

function matchRule(rule: Rule, ctx: EvalContext): MatchedRule | null {
  const r = evaluateCondition(rule.when, ctx);
  if (!r.ok) return null;
  const detail = r.details.length > 0 ? r.details.join('; ') : (rule.name?.en ?? rule.id);
  return rule.confirm ? { rule: rule.id, grade: rule.grade, detail, confirm: true } : { rule: rule.id, grade: rule.grade, detail };
}

/** Grade one system; null when no rule matched (nothing to report). */
export function gradeSystem(system: SystemMeasurement, ctx: GradeContext): Incident | null {
  const configured = ctx.systems.find((s) => s.id === system.id);
  const info: SystemInfo = configured ?? { id: system.id, org: system.org ?? '', kind: system.kind };
  const object = info.kind;
  const orgId = info.org || system.org || null;
  const org = ctx.organizations.find((o) => o.id === orgId);
  const evalCtx: EvalContext = {
    system, info, org,
    stoppedBelow: ctx.stoppedBelow ?? ctx.ruleset.defaults.stoppedBelow,
    latencyStatistic: ctx.latencyStatistic ?? ctx.ruleset.defaults.latencyStatistic,
  };
  const matched = ctx.ruleset.rules.filter((r) => r.object === object)
    .map((r) => matchRule(r, evalCtx)).filter((m): m is MatchedRule => m !== null);
  if (matched.length === 0) return null;

  let grade: Grade | null = null;
  let proposal: Grade | null = null;
  for (const m of matched) {
    if (m.confirm) proposal = higherGrade(proposal, m.grade);
    else grade = higherGrade(grade, m.grade);
  }
  const proposedGrade = gradeRank(proposal) > gradeRank(grade) ? proposal : null;
  const routeBy = proposedGrade ?? grade;
  const commander = commanderFor({ grade: routeBy, object, org, system: info });
  const ungraded = matched.filter((m) => m.grade === null);
  // Most serious first, so the reason for the grade is read first.
  matched.sort((a, b) => gradeRank(b.grade) - gradeRank(a.grade));
  return {
    system: system.id,
    org: orgId,
    object,
    grade,
    proposedGrade,
    needsConfirmation: proposedGrade !== null,
    warningLevel: warningLevelFor(grade),
    commander: proposedGrade ? { ...commander, provisional: true } : commander,
    matched,
    finding: ungraded.length > 0 ? ungraded.map((m) => m.detail).join('; ') : null,
  };
}

export function gradeSnapshot(snapshot: Snapshot, ctx: GradeContext): GradingResult {
  const incidents = snapshot.systems.map((s) => gradeSystem(s, ctx)).filter((i): i is Incident => i !== null);
  return { ruleset: { id: ctx.ruleset.id, version: ctx.ruleset.version }, at: snapshot.at, incidents };
}
