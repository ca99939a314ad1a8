// The `threats` block (registry threat response, SPEC §6) and the reporter class of an organisation.
// Resolved with defaults by src/threats/threat-settings.ts (24 h to answer, a reminder 4 h before,
// 48 h for a referred registrar, personal data of closed cases kept 365 days).
import { Type } from '@sinclair/typebox';
import { DURATION_PATTERN } from './duration.ts';

const strict = { additionalProperties: false } as const;
const Duration = Type.String({ pattern: DURATION_PATTERN, description: 'a duration such as 30m, 24h, 365d' });

/** Organization.reporterClass: the source class of reports this organisation's users send through the API. */
export const ReporterClass = Type.Union([Type.Literal('law-enforcement'), Type.Literal('recognised'), Type.Literal('other')], {
  description: 'source class of threat reports from this organisation: law-enforcement (highest credibility), recognised (CERTs, security organisations) or other',
});

export const Threats = Type.Object({
  assessWithin: Type.Optional({ ...Duration, description: 'acknowledgement → assessed answer to the reporter (default 24h)' }),
  remindBefore: Type.Optional({ ...Duration, description: 'reminder to the handling organisation before the answer is due (default 4h)' }),
  referralWithin: Type.Optional({ ...Duration, description: "a registrar's deadline on a referral (default 48h); its silence never blocks the registry" }),
  retention: Type.Optional({ ...Duration, description: 'how long reporter and registrant details of a closed case are kept (default 365d)' }),
  handler: Type.Optional(Type.String({ description: 'organisation handling names outside every configured TLD (default: the first registry)' })),
  statusUrl: Type.Optional(Type.String({ pattern: '^https?://', description: "the console's public status page, linked in reporters' mail" })),
  publicIntake: Type.Optional(Type.Object({
    perAddressPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    burst: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    perMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  }, strict)),
}, strict);
