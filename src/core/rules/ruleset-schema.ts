// The schema of a grading rule set (README.md beside this file describes the condition language).
// One TypeBox schema per piece, so the validator can check each condition's value on its own and
// report problems with the rule's path. Unknown keys are errors, as in the configuration.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
const Obj = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) =>
  Type.Object(props, { ...strict, ...opts });
const oneOrMany = <T extends TSchema>(s: T) => Type.Union([s, Type.Array(s, { minItems: 1 })]);

const GradeSchema = Type.Union([Type.Literal('I'), Type.Literal('II'), Type.Literal('III'), Type.Literal('IV')]);
export const ObjectKind = Type.Union([
  Type.Literal('tld'), Type.Literal('authoritative'), Type.Literal('registration'),
  Type.Literal('recursive'), Type.Literal('website-dns'),
]);
export const LatencyStatistic = Type.Union([Type.Literal('p50'), Type.Literal('mean'), Type.Literal('p95')]);
export const LocalizedName = Obj({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
const RuleId = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' });

/** A numeric test: every operator given must hold ({ gt: 0, lt: 0.5 } is 0 < x < 0.5). */
export const Comparison = Obj({
  lt: Type.Optional(Type.Number()), lte: Type.Optional(Type.Number()),
  gt: Type.Optional(Type.Number()), gte: Type.Optional(Type.Number()),
  eq: Type.Optional(Type.Number()),
});
export const COMPARISON_OPS = ['lt', 'lte', 'gt', 'gte', 'eq'] as const;

export const ServiceName = Type.Union([Type.Literal('registration'), Type.Literal('whois'), Type.Literal('rdap')]);
export const ServiceCondition = Obj({
  name: ServiceName,
  up: Type.Optional(Type.Boolean()),
  degraded: Type.Optional(Type.Boolean()),
  downMinutes: Type.Optional(Comparison),
});
export const OrgCondition = Obj({
  grade: Type.Optional(oneOrMany(Type.Union([Type.Literal(1), Type.Literal(2)]))),
  role: Type.Optional(oneOrMany(Type.String())),
  licensedBy: Type.Optional(oneOrMany(Type.String())),
  province: Type.Optional(oneOrMany(Type.String())),
});
export const SystemCondition = Obj({
  scope: Type.Optional(oneOrMany(Type.Union([Type.Literal('multi-province'), Type.Literal('province'), Type.Literal('local-network')]))),
  kind: Type.Optional(oneOrMany(ObjectKind)),
});

/** Leaf conditions over one node; value schema by key. */
export const NODE_LEAVES = {
  successRate: Comparison,
  latency: Comparison,
  dataErrorRate: Comparison,
  keyDomainErrors: Comparison,
  stopped: Type.Boolean(),
} satisfies Record<string, TSchema>;

/** Leaf conditions over one system (its measurements, its organisation, its configuration). */
export const SYSTEM_LEAVES = {
  successRate: Comparison,
  latency: Comparison,
  dataErrorRate: Comparison,
  keyDomainErrors: Comparison,
  stoppedMinutes: Comparison,
  systemStopped: Type.Boolean(),
  coreDataIntact: Type.Boolean(),
  service: ServiceCondition,
  org: OrgCondition,
  system: SystemCondition,
} satisfies Record<string, TSchema>;

/** Conditions that apply a node condition to the system's nodes. */
export const NODE_QUANTIFIERS = ['anyNode', 'allNodes', 'nodesShare', 'nodesCount'] as const;
export const COMBINATORS = ['all', 'any', 'not'] as const;

const leafObjects = (leaves: Record<string, TSchema>) => Object.entries(leaves).map(([k, s]) => Obj({ [k]: s }));

const NodeConditionSchema = Type.Recursive((This) => Type.Union([
  Obj({ all: Type.Array(This, { minItems: 1 }) }),
  Obj({ any: Type.Array(This, { minItems: 1 }) }),
  Obj({ not: This }),
  ...leafObjects(NODE_LEAVES),
]), { $id: 'NodeCondition' });

const NodeCount = (where: TSchema) => Type.Composite([Obj({ where }), Comparison], strict);

const ConditionSchema = Type.Recursive((This) => Type.Union([
  Obj({ all: Type.Array(This, { minItems: 1 }) }),
  Obj({ any: Type.Array(This, { minItems: 1 }) }),
  Obj({ not: This }),
  Obj({ anyNode: NodeConditionSchema }),
  Obj({ allNodes: NodeConditionSchema }),
  Obj({ nodesShare: NodeCount(NodeConditionSchema) }),
  Obj({ nodesCount: NodeCount(NodeConditionSchema) }),
  ...leafObjects(SYSTEM_LEAVES),
]), { $id: 'Condition' });

const RuleSchema = Obj({
  id: RuleId,
  object: ObjectKind,
  grade: Type.Union([GradeSchema, Type.Null()], { description: 'null: a finding without a grade' }),
  confirm: Type.Optional(Type.Boolean({ description: 'a person must confirm the social impact: the grade is only proposed' })),
  name: Type.Optional(LocalizedName),
  when: ConditionSchema,
});

export const RulesetSchema = Obj({
  id: RuleId,
  version: Type.String({ minLength: 1 }),
  name: Type.Optional(LocalizedName),
  source: Type.Optional(Type.String()),
  grades: Type.Optional(Obj({ I: LocalizedName, II: LocalizedName, III: LocalizedName, IV: LocalizedName })),
  defaults: Type.Optional(Obj({
    stoppedBelow: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    latencyStatistic: Type.Optional(LatencyStatistic),
  })),
  rules: Type.Array(RuleSchema, { minItems: 1 }),
});

/** The same shape with conditions left open: the validator walks conditions itself for precise messages. */
export const RulesetShellSchema = Type.Composite([
  Type.Omit(RulesetSchema, ['rules']),
  Obj({ rules: Type.Array(Type.Composite([Type.Omit(RuleSchema, ['when']), Obj({ when: Type.Unknown() })], strict), { minItems: 1 }) }),
], strict);

export type Comparison = Static<typeof Comparison>;
export type ServiceCondition = Static<typeof ServiceCondition>;
export type OrgCondition = Static<typeof OrgCondition>;
export type SystemCondition = Static<typeof SystemCondition>;
export type LatencyStatistic = Static<typeof LatencyStatistic>;
export type ObjectKind = Static<typeof ObjectKind>;

/** A condition over one node (README.md): exactly one key. */
export type NodeCondition =
  | { all: NodeCondition[] } | { any: NodeCondition[] } | { not: NodeCondition }
  | { successRate: Comparison } | { latency: Comparison } | { dataErrorRate: Comparison }
  | { keyDomainErrors: Comparison } | { stopped: boolean };

export type NodeCount = Comparison & { where: NodeCondition };

/** A condition over one system, its organisation and its configuration (README.md): exactly one key. */
export type Condition =
  | { all: Condition[] } | { any: Condition[] } | { not: Condition }
  | { anyNode: NodeCondition } | { allNodes: NodeCondition }
  | { nodesShare: NodeCount } | { nodesCount: NodeCount }
  | { successRate: Comparison } | { latency: Comparison } | { dataErrorRate: Comparison }
  | { keyDomainErrors: Comparison } | { stoppedMinutes: Comparison }
  | { systemStopped: boolean } | { coreDataIntact: boolean }
  | { service: ServiceCondition } | { org: OrgCondition } | { system: SystemCondition };

export type RuleInput = Omit<Static<typeof RuleSchema>, 'when'> & { when: Condition };
export type RulesetInput = Omit<Static<typeof RulesetSchema>, 'rules'> & { rules: RuleInput[] };

/** A validated rule set with defaults filled in: what the engine uses. */
export interface Rule extends RuleInput { confirm: boolean }
export interface Ruleset extends Omit<RulesetInput, 'defaults' | 'rules'> {
  defaults: { stoppedBelow: number; latencyStatistic: LatencyStatistic };
  rules: Rule[];
}
