// Grades a measurement snapshot with a rule set: the grading result of the contracts. Pure and
// deterministic: same snapshot, rule set and organisations give the same result.
import type { Snapshot, SystemMeasurement } from '../snapshot.ts';
import type { OrganizationConfig } from '../../config/config-schema.ts';
import type { LatencyStatistic, ObjectKind, Rule, Ruleset } from './ruleset-schema.ts';
import { evaluateCondition, type EvalContext, type SystemInfo } from './conditions.ts';
import { gradeRank, higherGrade, type Grade } from '../grades.ts';
import { warningLevelFor, type WarningLevel } from './warning-level.ts';
import { commanderFor, type Commander } from './commander.ts';
import { nodeDataReading, systemDataReading } from './measures.ts';

export interface MatchedRule {
  rule: string;
  grade: Grade | null;
  detail: string;
  /** The rule needs a person to confirm the social impact: its grade is only proposed. */
  confirm?: true;
}

/** A rule that would hold only if undetermined data-error evidence went against the node (docs/evidence.md). */
export interface UndeterminedRule extends MatchedRule {
  /** The one node whose evidence is undetermined, or null when several (or the system's total). */
  node: string | null;
  /** Wrong records behind the undetermined evidence: 0 = nothing wrong seen, only too few checks yet. */
  errors: number;
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
  /**
   * Rules neither held nor ruled out: the evidence is undetermined (待定). Not part of the grade; an open
   * incident holds through them (incident-tracker.ts). Most serious first; [] when none.
   */
  undetermined: UndeterminedRule[];
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
  /** One-sided confidence of the data-error evidence rule (configuration rules.evidenceConfidence; default 0.95). */
  evidenceConfidence?: number;
}

type RuleOutcome = { held: MatchedRule } | { undetermined: UndeterminedRule } | null;

function matchRule(rule: Rule, ctx: EvalContext): RuleOutcome {
  const r = evaluateCondition(rule.when, ctx);
  if (!r.ok && !r.undetermined) return null;
  const detail = r.details.length > 0 ? r.details.join('; ') : (rule.name?.en ?? rule.id);
  const m: MatchedRule = rule.confirm ? { rule: rule.id, grade: rule.grade, detail, confirm: true } : { rule: rule.id, grade: rule.grade, detail };
  if (r.ok) return { held: m };
  const nodes = [...new Set(r.undeterminedNodes)];
  const confidence = ctx.confidence ?? 0.95;
  const errors = nodes.length > 0
    ? ctx.system.nodes.filter((n) => nodes.includes(n.id)).reduce((t, n) => t + (nodeDataReading(n, confidence)?.errors ?? 0), 0)
    : systemDataReading(ctx.system, confidence)?.errors ?? 0;
  return { undetermined: { ...m, node: nodes.length === 1 ? nodes[0] : null, errors } };
}

/** The highest grade among a system's undetermined rules (the tracker's hold), null when none. */
export function undeterminedGradeOf(incident: Pick<Incident, 'undetermined'> | undefined): Grade | null {
  return (incident?.undetermined ?? []).reduce<Grade | null>((g, u) => higherGrade(g, u.grade), null);
}

/** Grade one system; null when no rule held and none is undetermined (nothing to report). */
function gradeSystem(system: SystemMeasurement, ctx: GradeContext): Incident | null {
  const configured = ctx.systems.find((s) => s.id === system.id);
  const info: SystemInfo = configured ?? { id: system.id, org: system.org ?? '', kind: system.kind };
  const object = info.kind;
  const orgId = info.org || system.org || null;
  const org = ctx.organizations.find((o) => o.id === orgId);
  const evalCtx: EvalContext = {
    system, info, org,
    stoppedBelow: ctx.stoppedBelow ?? ctx.ruleset.defaults.stoppedBelow,
    latencyStatistic: ctx.latencyStatistic ?? ctx.ruleset.defaults.latencyStatistic,
    confidence: ctx.evidenceConfidence,
  };
  const outcomes = ctx.ruleset.rules.filter((r) => r.object === object).map((r) => matchRule(r, evalCtx));
  const matched = outcomes.flatMap((o) => (o && 'held' in o ? [o.held] : []));
  const undetermined = outcomes.flatMap((o) => (o && 'undetermined' in o ? [o.undetermined] : []));
  if (matched.length === 0 && undetermined.length === 0) return null;

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
  undetermined.sort((a, b) => gradeRank(b.grade) - gradeRank(a.grade));
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
    undetermined,
  };
}

export function gradeSnapshot(snapshot: Snapshot, ctx: GradeContext): GradingResult {
  const incidents = snapshot.systems.map((s) => gradeSystem(s, ctx)).filter((i): i is Incident => i !== null);
  return { ruleset: { id: ctx.ruleset.id, version: ctx.ruleset.version }, at: snapshot.at, incidents };
}
