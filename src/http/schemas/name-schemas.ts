// Actions on names (contracts "Acting on names"): a name's state and history, and a run of one action on many names.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OpenObject, strict } from './common-schemas.ts';

const Status = Type.Union(['active', 'held', 'sinkholed', 'reserved', 'reserved-sinkholed', 'absent'].map((s) => Type.Literal(s)));
const State = Type.Object({ status: Status, locked: Type.Boolean() }, strict);
const Outcome = Type.Union(['applied', 'already', 'refused', 'failed'].map((s) => Type.Literal(s)));

export const NameParam = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 254, pattern: '^[A-Za-z0-9_][A-Za-z0-9._-]*$', description: 'the name, e.g. evil.lab or evil.lab.' }),
}, strict);

export const NameView = Type.Object({
  name: Type.String(),
  stored: Nullable(Type.Object({
    status: Status, locked: Type.Boolean(), until: Nullable(Type.String()), caseId: Nullable(Type.String()), updatedAt: Type.String(),
    saved: Nullable({ ...OpenObject, description: 'the delegation recorded before a hold or sinkhole (NS, glue, DS)' }),
  }, strict)),
  history: Type.Array(Type.Object({
    seq: Type.Integer(), at: Type.String(), action: Type.String(), outcome: Outcome, actor: Type.String(), reason: Type.String(),
    caseId: Nullable(Type.String()), approver: Nullable(Type.String()), evidence: Type.Array(Type.String()), detail: OpenObject,
  }, strict)),
}, strict);

export const NameActionBody = Type.Object({
  action: Type.Union(['hold', 'unhold', 'lock', 'unlock', 'sinkhole', 'unsinkhole', 'block', 'unblock', 'status', 'refer', 'no-action'].map((s) => Type.Literal(s))),
  registrar: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'refer only: the registrar referred to' })),
  names: Type.Array(Type.String({ minLength: 1, maxLength: 254 }), { minItems: 1, maxItems: 20_000 }),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  case: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  evidence: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 })),
  approver: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  sinkhole: Type.Optional(Type.Boolean({ description: 'block only: also delegate the names to the sinkhole' })),
  until: Type.Optional(Type.String({ description: 'block only: end of the agreed period (date or duration: 90d, 2027-03-01)' })),
}, strict);
export type NameActionBodyT = Static<typeof NameActionBody>;

export const NameActionAnswer = Type.Object({
  action: Type.String(),
  results: Type.Array(Type.Object({
    name: Type.String(), outcome: Outcome, state: Type.Optional(State), from: Type.Optional(State), reason: Type.Optional(Type.String()), note: Type.Optional(Type.String()),
  }, strict)),
  counts: Type.Object({ applied: Type.Integer(), already: Type.Integer(), refused: Type.Integer(), failed: Type.Integer() }, strict),
}, strict);

export const DeleteRequestBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
  case: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  evidence: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 })),
  checklist: Type.Record(Type.String(), Type.Boolean(), { description: 'due diligence: evidence-verified, registrar-contacted, registrant-notified-or-unreachable, no-legitimate-use, legal-review — all true' }),
}, strict);
export type DeleteRequestBodyT = Static<typeof DeleteRequestBody>;

export const DeleteAnswer = Type.Object({
  name: Type.String(), outcome: Outcome, state: Type.Optional(State), from: Type.Optional(State), reason: Type.Optional(Type.String()), note: Type.Optional(Type.String()),
  approvals: Type.Optional(Type.Array(Type.String())),
}, strict);
