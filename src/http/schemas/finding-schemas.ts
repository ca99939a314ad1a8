// Findings (SPEC §3 "Findings"): what the platform sees that is wrong but is not (yet) a graded incident.
import { Type } from '@sinclair/typebox';
import { Nullable, OpenObject, strict } from './common-schemas.ts';

const Severity = Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]);
const State = Type.Union([Type.Literal('open'), Type.Literal('closed')]);

export const FindingView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'key-domain-mismatch, resolver-data-wrong, serial-lag, truth-stale, truth-unreadable, ungraded-condition, data-undetermined, …' }),
  system: Type.String(),
  node: Nullable(Type.String()),
  org: Type.String({ description: 'the owning organisation' }),
  severity: Severity,
  summary: Type.String({ description: 'English · Simplified Chinese' }),
  subject: Nullable(Type.String({ description: 'what on the node, e.g. the key domain and type' })),
  evidence: { ...OpenObject, description: 'expected, seen, via (resolver or server), at, and kind-specific facts' },
  state: State,
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  closedAt: Nullable(Type.String()),
  incidentId: Nullable(Type.String({ description: 'the incident the office turned it into' })),
}, strict);

export const FindingList = Type.Object({ findings: Type.Array(FindingView) }, strict);

const Name = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' });
export const FindingQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { description: 'default open' })),
  kind: Type.Optional(Name),
  system: Type.Optional(Name),
  org: Type.Optional(Name),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: '1–1000, default 100' })),
}, strict);
export type FindingQueryT = typeof FindingQuery.static;

export const ConvertBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 4000 })) }, strict);
export const ConvertAnswer = Type.Object({ incidentId: Type.String(), created: Type.Boolean() }, strict);
