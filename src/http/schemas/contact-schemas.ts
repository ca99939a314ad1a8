// Organisations, their emergency contacts (plan §6.2), contact changes and contact drills.
import { Type } from '@sinclair/typebox';
import { AnyJson, Nullable, ONE_LINE_PATTERN, strict } from './common-schemas.ts';
import { OrgView } from './auth-schemas.ts';

export const OrgList = Type.Object({ orgs: Type.Array(OrgView) }, strict);

const ContactT = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: ONE_LINE_PATTERN }),
  role: Type.Union([Type.Literal('primary'), Type.Literal('backup')]),
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: ONE_LINE_PATTERN })),
  email: Type.Optional(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
  webhook: Type.Optional(Type.String({ maxLength: 2000, pattern: '^https?://' })),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
}, strict);

const ChangeView = Type.Object({
  id: Type.Integer(), org: Type.String(), version: Type.Integer(), changedAt: Type.String(), reportedAt: Nullable(Type.String()),
  by: Type.String(), byName: Type.Optional(Nullable(Type.String({ description: 'the changer as "username (org)"' }))), diff: AnyJson,
  reportDue: Type.String({ description: 'changedAt + 3 days (plan §6.2)' }),
  late: Type.Boolean({ description: 'reported after 3 days, or not reported and 3 days have passed' }),
  days: Type.Number({ description: 'days from the change to its report (or to now)' }),
}, strict);

export const ContactsView = Type.Object({
  org: Type.String(),
  version: Type.Integer(),
  contacts: Type.Array(ContactT),
  updatedAt: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
  redacted: Type.Boolean({ description: 'true: phone, email and webhook are hidden (the caller may not read personal data of this organisation)' }),
  problems: Type.Array(Type.String(), { description: 'what the list lacks (a primary 24-hour contact, a backup, a channel)' }),
  changes: Type.Array(ChangeView),
  lateChangeReports: Type.Integer({ description: 'changes reported (or still unreported) later than 3 days' }),
}, strict);

export const PutContactsBody = Type.Object({
  contacts: Type.Array(ContactT, { minItems: 1, maxItems: 50 }),
  version: Type.Optional(Type.Integer({ minimum: 0, description: 'the version you read (or send If-Match); 0 for the first list' })),
}, strict);

export const PutContactsResult = Type.Object({
  list: ContactsView,
  change: ChangeView,
  reminder: Type.String({ description: 'the 3-day reporting duty for this change' }),
}, strict);

export const ChangeList = Type.Object({ changes: Type.Array(ChangeView) }, strict);
export const ChangeQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 64 })),
  unreported: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
}, strict);
export const ChangeParam = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) }, strict);

export const StartContactDrillBody = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 64 }),
  withinMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60, description: 'acknowledgements after this are late (default 30)' })),
}, strict);

export const ContactDrillView = Type.Object({
  id: Type.String(), org: Nullable(Type.String()), startedAt: Type.String(), dueAt: Nullable(Type.String()), createdBy: Type.String(),
  contacts: Type.Array(Type.Object({
    key: Type.String(), org: Type.String(), name: Type.String(), channel: Type.Optional(Type.String()), address: Type.Optional(Type.String()),
    ackedAt: Nullable(Type.String()), late: Type.Boolean(),
  }, strict)),
  messages: Type.Optional(Type.Integer({ description: 'messages queued for sending' })),
}, strict);
export const ContactDrillList = Type.Object({ drills: Type.Array(ContactDrillView) }, strict);

export const AckBody = Type.Object({ token: Type.String({ minLength: 20, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }) }, strict);
export const AckResult = Type.Object({
  ok: Type.Literal(true), drillId: Type.String(), org: Type.String(), contact: Type.String(), ackedAt: Type.String(), late: Type.Boolean(),
}, strict);
