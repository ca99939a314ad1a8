// Threat reports (public intake and status) and threat cases (staff): request and response schemas
// (../shared/contracts/README.md "Threat reports").
import { Type } from '@sinclair/typebox';
import { HARMS, INTENDED_ACTIONS, SOURCE_CLASSES, THREAT_TYPES } from '../../core/threats/threat-types.ts';
import { MAX_DESCRIPTION, MAX_EVIDENCE, MAX_EVIDENCE_VALUE, MAX_NAMES } from '../../threats/intake-parse.ts';
import { Nullable, OneLine, OpenObject, strict } from './common-schemas.ts';

const lit = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));
const Lang = Type.Union([Type.Literal('zh'), Type.Literal('en')]);

export const ReportBody = Type.Object({
  names: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { minItems: 1, maxItems: MAX_NAMES }),
  threatType: lit(THREAT_TYPES),
  description: Type.String({ minLength: 1, maxLength: MAX_DESCRIPTION }),
  evidence: Type.Optional(Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('url'), Type.Literal('text'), Type.Literal('hash')]),
    value: Type.String({ minLength: 1, maxLength: MAX_EVIDENCE_VALUE }),
  }, strict), { maxItems: MAX_EVIDENCE, description: `at most ${MAX_EVIDENCE} items` })),
  reporter: Type.Optional(Type.Object({
    name: Type.Optional(OneLine(200)), email: Type.Optional(Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
    organisation: Type.Optional(OneLine(200)), lang: Type.Optional(Lang),
  }, strict)),
}, { ...strict, description: 'a threat report; reporter optional (anonymous reports are accepted)' });

export const XarfBody = Type.Object({ xarf_version: Type.String({ maxLength: 16 }) },
  { additionalProperties: true, description: 'an X-ARF v4 JSON report (detected by xarf_version)' });

export const IntakeBody = Type.Union([XarfBody, ReportBody]);

export const IntakeAnswer = Type.Object({
  trackingId: Type.String(), statusToken: Type.String({ description: 'shown once: the credential of the public status page' }),
  acknowledgedAt: Type.String(), assessmentDueAt: Type.String(),
}, strict);

export const TrackingParam = Type.Object({ trackingId: Type.String({ pattern: '^TR-[0-9A-F]{16}$' }) }, strict);
export const StatusQuery = Type.Object({ statusToken: Type.String({ minLength: 8, maxLength: 128 }) }, strict);
export const PublicStatus = { ...OpenObject, description: 'trackingId, names, state, receivedAt, acknowledgedAt, assessmentDueAt, assessedAt, intendedAction {action, words, reason}, timeFrame {hours, by}, mitigatedAt, closedAt, steps [{kind, at, text}], measures [{name, status, locked, since, until}] (the measure in force on each reported name) — never anyone\'s personal data' };

export const CaseQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('assessed'), Type.Literal('closed'), Type.Literal('all')], { description: 'default open' })),
  priority: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('normal'), Type.Literal('low')])),
  sourceClass: Type.Optional(lit(SOURCE_CLASSES)),
  registrar: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' })),
  name: Type.Optional(Type.String({ maxLength: 253 })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: '1–5000, default 100' })),
}, strict);
export type CaseQueryT = typeof CaseQuery.static;

export const CaseList = Type.Object({ cases: Type.Array(OpenObject) }, { ...strict, description: 'queue order: priority, credibility, due first' });
export const CaseDetail = { ...OpenObject, description: 'the case with reports (reporter details redacted unless the caller may read personal data), timeline, assessment, referral' };

export const AssessBody = Type.Object({
  intendedAction: lit(INTENDED_ACTIONS),
  reason: Type.String({ maxLength: 4000, description: 'told to the reporter; required for no-action' }),
  timeFrameHours: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 24 * 90 }))),
  priority: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('normal'), Type.Literal('low')])),
  harms: Type.Optional(Type.Array(lit(HARMS), { maxItems: 4 })),
  responsible: Type.Optional(Type.Union([Type.Literal('registrar'), Type.Literal('registrant-host'), Type.Literal('registry')])),
  registrant: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 400 }), { description: 'registrant details (personal data)' })),
}, strict);
export const ReferBody = Type.Object({
  registrar: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' }),
  withinHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 30 })),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
}, strict);
export const ReferralAnswerBody = Type.Object({
  answer: Type.Union([Type.Literal('acted'), Type.Literal('declined'), Type.Literal('investigating')]),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
}, strict);
export const ReplyBody = Type.Object({ message: Type.String({ minLength: 1, maxLength: 4000 }) }, strict);
export const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 4000 })) }, strict);
export const CloseBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 4000 }) }, strict);
export const ExportQuery = Type.Object({ tlp: Type.Optional(Type.Union([Type.Literal('white'), Type.Literal('green'), Type.Literal('amber'), Type.Literal('red')])) }, strict);
export const FiguresAnswer = { ...OpenObject, description: 'all, bySource, byRegistrar: { cases, acknowledgeMin, assessMin, mitigateMin, assessed, assessedLate, mitigated }' };
