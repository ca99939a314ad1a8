// Warnings (预警), drills (应急演练) and the audit log.
import { Type } from '@sinclair/typebox';
import { AnyJson, Nullable, OneLine, Province, Text, strict } from './common-schemas.ts';

const Level = Type.Union([Type.Literal('red'), Type.Literal('orange'), Type.Literal('yellow'), Type.Literal('blue')]);

const WarningScopeT = Type.Object({
  national: Type.Boolean(),
  provinces: Type.Optional(Type.Array(Province, { maxItems: 40, uniqueItems: true })),
}, strict);

export const WarningView = Type.Object({
  id: Type.String(), org: Type.String(), level: Level, scope: WarningScopeT, state: Type.String(), issuedBy: Type.String(), text: Type.String(),
  history: Type.Array(Type.Object({
    at: Type.String(), by: Type.String(), action: Type.String(),
    from: Type.Optional(AnyJson), to: Type.Optional(AnyJson), note: Type.Optional(Type.String()),
  }, strict)),
  drill: Type.Boolean(), version: Type.Integer(), issuedAt: Type.String(), updatedAt: Type.String(),
}, strict);

export const WarningList = Type.Object({ warnings: Type.Array(WarningView) }, strict);
export const WarningQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('lifted')])),
  drill: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
}, strict);

export const IssueWarningBody = Type.Object({
  level: Level, scope: WarningScopeT, text: Text(4000), drill: Type.Optional(Type.Boolean()),
}, strict);
export const AdjustWarningBody = Type.Object({
  level: Type.Optional(Level), scope: Type.Optional(WarningScopeT), text: Type.Optional(Text(4000)), reason: Text(2000),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you read (a stale one answers 409)' })),
}, strict);
export const LiftWarningBody = Type.Object({
  reason: Text(2000), version: Type.Optional(Type.Integer({ minimum: 1 })),
}, strict);

// ── drills ──
const FaultKind = Type.Union(['stopped', 'nodes-down', 'slow', 'data-errors', 'key-domain-errors', 'registration-down', 'core-data-damaged'].map((k) => Type.Literal(k)));
const DrillFaultT = Type.Object({
  systemId: Type.String({ minLength: 1, maxLength: 64 }),
  kind: FaultKind,
  minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
  nodes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'nodes affected, from the first (default 1); more than the system has means all' })),
  latencyMs: Type.Optional(Type.Number({ minimum: 0, maximum: 600_000 })),
  rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
}, strict);

export const StartDrillBody = Type.Object({
  name: OneLine(200),
  faults: Type.Optional(Type.Array(DrillFaultT, { minItems: 1, maxItems: 100 })),
  systemId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "shortcut for faults: [{ systemId, kind: 'stopped' }]" })),
  description: Type.Optional(Text(4000)),
}, strict);

export const DrillView = Type.Object({
  id: Type.String(), name: Type.String(), org: Nullable(Type.String()),
  scope: Type.Object({ level: Type.String(), province: Type.Optional(Type.String()), orgs: Type.Optional(Type.Array(Type.String())) }, strict),
  state: Type.String(), createdBy: Type.String(), startedAt: Nullable(Type.String()), endedAt: Nullable(Type.String()),
  report: AnyJson, version: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
}, strict);
export const DrillList = Type.Object({ drills: Type.Array(DrillView) }, strict);
export const StartDrillResult = Type.Object({
  drill: DrillView, incidents: Type.Array(Type.Object({ id: Type.String(), systemId: Type.String(), org: Type.String(), grade: Nullable(Type.String()), proposedGrade: Nullable(Type.String()) }, strict)),
}, strict);

export const DrillReportT = Type.Object({
  drillId: Type.String(), name: Type.String(), startedAt: Type.String(),
  incidents: Type.Array(Type.Object({
    incidentId: Type.String(), systemId: Type.String(), grade: Nullable(Type.String()), proposedGrade: Nullable(Type.String()), openedAt: Type.String(),
    acknowledgedAt: Nullable(Type.String()), reportFiledAt: Nullable(Type.String()), reportTimeliness: Nullable(Type.String()),
    resolvedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()),
    secondsToAcknowledge: Nullable(Type.Number()), secondsToReport: Nullable(Type.Number()), secondsToRecover: Nullable(Type.Number()),
  }, strict)),
}, strict);

// ── audit ──
const AuditEntryT = Type.Object({
  seq: Type.Integer(), at: Type.String(), actor: Type.String(), action: Type.String(), org: Nullable(Type.String()),
  target: Nullable(Type.String()), detail: AnyJson, prevHash: Type.String(), hash: Type.String(),
  actorName: Type.Optional(Nullable(Type.String({ description: 'the acting user as "username (org)"; null for the platform, anonymous callers and machine tokens' }))),
}, strict);
export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntryT),
  nextSeq: Type.Integer({ description: 'ask with fromSeq=nextSeq for the next page' }),
  hasMore: Type.Boolean(),
}, strict);
export const AuditQuery = Type.Object({
  fromSeq: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: 'at most 1000 (default 200)' })),
}, strict);
export const AuditVerdict = Type.Object({
  ok: Type.Boolean(), valid: Type.Boolean(), checked: Type.Integer(),
  head: Type.Optional(Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() }, strict))),
  seq: Type.Optional(Type.Integer()), problem: Type.Optional(Type.String()), message: Type.Optional(Type.String()),
}, strict);
