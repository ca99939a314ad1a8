// Incidents: the list row, the full incident with its timeline, and the command bodies.
import { Type, type Static } from '@sinclair/typebox';
import { AnyJson, Localized, Nullable, OneLine, OpenObject, Province, Text, strict } from './common-schemas.ts';

const GradeT = Type.Union([Type.Literal('I'), Type.Literal('II'), Type.Literal('III'), Type.Literal('IV')]);
const PhaseT = Type.Union([
  Type.Literal('initial-response'), Type.Literal('information-report'), Type.Literal('emergency-handling'), Type.Literal('recovery'), Type.Literal('closed'),
]);

export const Commander = Type.Object({
  role: Type.String(), province: Type.Optional(Type.String()), org: Type.Optional(Nullable(Type.String())), provisional: Type.Optional(Type.Boolean()),
}, strict);

export const IncidentSummary = Type.Object({
  id: Type.String(),
  systemId: Type.String(),
  org: Type.String(),
  grade: Nullable(GradeT),
  proposedGrade: Nullable(GradeT),
  needsConfirmation: Type.Boolean(),
  phase: Type.String(),
  state: Type.String(),
  commander: Nullable(Commander),
  writtenReportDue: Nullable(Type.String()),
  reportFiledAt: Type.Optional(Nullable(Type.String({ description: 'when the written (information) report was filed; null while it is still due' }))),
  openedAt: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  drill: Type.Boolean(),
  warningLevel: Nullable(Type.String()),
  title: Nullable(Localized),
  object: Nullable(Type.String()),
  nextStep: Nullable(Type.Object({
    action: Type.Union(['confirm-grade', 'file-information-report', 'handle', 'move-to-recovery', 'file-closing-report', 'close'].map((a) => Type.Literal(a))),
    by: Type.Union([Type.Literal('commander'), Type.Literal('organisation')]),
    due: Type.Optional(Type.String()),
  }, { ...strict, description: "whose move it is and what it is; null once closed" })),
  version: Type.Integer(),
  updatedAt: Type.String(),
}, strict);

export const IncidentList = Type.Object({ incidents: Type.Array(IncidentSummary) }, strict);

export const TimelineEntry = Type.Object({
  id: Type.Integer(), at: Type.String(), kind: Type.String(), actor: Nullable(Type.String()),
  actorName: Nullable(Type.String({ description: 'the acting user as "username (org)"; null for the platform itself' })), payload: AnyJson,
}, strict);

export const IncidentFull = Type.Object({
  incident: IncidentSummary,
  detail: OpenObject,
  timeline: Type.Array(TimelineEntry),
}, strict);

export const IncidentQuery = Type.Object({
  grade: Type.Optional(GradeT),
  state: Type.Optional(Type.Union([PhaseT, Type.Literal('open')], { description: "a phase, or 'open' for every phase but closed" })),
  org: Type.Optional(Type.String({ maxLength: 64 })),
  province: Type.Optional(Province),
  systemId: Type.Optional(Type.String({ maxLength: 64 })),
  drill: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: 'at most 1000 (default 100)' })),
}, strict);

export const ManualIncidentBody = Type.Object({
  systemId: Type.String({ minLength: 1, maxLength: 64 }),
  grade: Type.Optional(Nullable(GradeT)),
  proposedGrade: Type.Optional(Nullable(GradeT)),
  title: Type.Union([OneLine(300), Type.Object({ zh: OneLine(300), en: OneLine(300) }, strict)]),
  description: Text(),
  coreDataIntact: Type.Optional(Type.Boolean()),
}, strict);

export const ConfirmGradeBody = Type.Object({
  decision: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
  reason: OneLine(2000),
}, strict);

export const PhaseBody = Type.Object({ to: PhaseT }, strict);

export const InformationReportBody = Type.Object({
  startedAt: Type.String({ format: 'date-time' }),
  scope: Text(), harm: Text(), measuresTaken: Text(), recommendations: Text(),
}, strict);

export const ClosingReportBody = Type.Object({ summary: Text(), cause: Text(), lessons: Text() }, strict);

export const DirectiveBody = Type.Object({
  measureId: Type.String({ minLength: 1, maxLength: 64 }), province: Type.Optional(Province), text: Text(4000),
}, strict);

export const MeasureBody = Type.Object({
  measureId: Type.String({ minLength: 1, maxLength: 64 }),
  province: Type.Optional(Province),
  execute: Type.Optional(Type.Boolean({ description: 'true: mark it executed; false or absent: planned' })),
  note: Type.Optional(Text(2000)),
}, strict);

export const ReassignBody = Type.Object({ province: Province, reason: OneLine(2000) }, strict);

export const ReportQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('information'), Type.Literal('closing')], { description: 'default information' })),
  format: Type.Optional(Type.Union([Type.Literal('md'), Type.Literal('html'), Type.Literal('pdf')], { description: 'default md' })),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en'), Type.Literal('both')], { description: 'default both' })),
}, strict);

const MeasureDefT = Type.Object({
  id: Type.String(), name: Localized, objects: Type.Array(Type.String()), major: Type.Boolean(),
  directiveScope: Type.Optional(Type.String()),
}, strict);
export const Catalogue = Type.Object({ measures: Type.Array(MeasureDefT) }, strict);
export const CatalogueQuery = Type.Object({ object: Type.Optional(Type.String({ maxLength: 32 })) }, strict);

export type IncidentSummaryT = Static<typeof IncidentSummary>;
export type IncidentQueryT = Static<typeof IncidentQuery>;
