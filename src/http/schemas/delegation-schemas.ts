// Delegations at the parent (issue 10 item 4): baseline, latest sighting, verdict and history per zone.
import { Type } from '@sinclair/typebox';
import { Nullable, OpenObject, strict } from './common-schemas.ts';

const State = Type.Object({
  parentNs: Type.Array(Type.String(), { description: 'NS names in the parent\'s referral' }),
  glue: Type.Record(Type.String(), Type.Array(Type.String()), { description: 'NS name → addresses in the referral' }),
  ds: Type.Array(Type.String(), { description: 'DS RDATA at the parent' }),
  childNs: Type.Array(Type.String(), { description: 'NS names the child\'s servers serve at the apex' }),
}, strict);

const Difference = Type.Object({
  field: Type.Union([Type.Literal('parentNs'), Type.Literal('glue'), Type.Literal('ds'), Type.Literal('childNs')]),
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
}, strict);

export const DelegationView = Type.Object({
  zone: Type.String(),
  parent: Type.String({ description: 'the parent zone whose servers gave the referral' }),
  system: Type.String(),
  org: Type.String({ description: 'the owning organisation' }),
  baseline: State,
  baselineSource: Type.Union([Type.Literal('first-seen'), Type.Literal('approved')]),
  baselineAt: Type.String(),
  baselineBy: Type.String({ description: "'system' for the first sighting, else the approving user" }),
  seen: Nullable({ ...OpenObject, description: 'the latest sighting: state, parentNodes (each server\'s referral or error), childNodes' }),
  seenAt: Nullable(Type.String({ description: 'last seen' })),
  status: Type.Union([Type.Literal('ok'), Type.Literal('changed'), Type.Literal('mismatch'), Type.Literal('unreachable'), Type.Literal('unknown')]),
  differences: Type.Array(Difference, { description: 'baseline → seen' }),
  deviatingNodes: Type.Array(Type.Object({ node: Type.String(), address: Type.String(), differences: Type.Array(Difference) }, strict)),
  mismatch: Nullable(Type.Object({ parentOnly: Type.Array(Type.String()), childOnly: Type.Array(Type.String()) }, strict)),
}, strict);

export const DelegationList = Type.Object({ delegations: Type.Array(DelegationView) }, strict);

export const ZoneParam = Type.Object({
  zone: Type.String({ minLength: 1, maxLength: 254, pattern: '^[A-Za-z0-9_][A-Za-z0-9._-]*$', description: 'the child zone, e.g. example.lab.' }),
}, strict);

export const DelegationHistory = Type.Object({
  zone: Type.String(),
  history: Type.Array(Type.Object({
    id: Type.Integer(),
    at: Type.String(),
    kind: Type.Union([Type.Literal('baseline'), Type.Literal('approved'), Type.Literal('changed')], {
      description: 'baseline: first sighting; approved: a person moved the baseline; changed: a sighting differed from the previous one' }),
    actor: Nullable(Type.String()),
    state: State,
  }, strict)),
}, strict);

export const ApproveBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 4000 })) }, strict);
export const ApproveAnswer = Type.Object({ delegation: DelegationView, closedFindings: Type.Array(Type.String()) }, strict);
