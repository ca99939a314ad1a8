// The DNSSEC overview (issue 10 item 3): GET /api/v1/dnssec, one row per watched zone and key domain.
import { Type } from '@sinclair/typebox';
import { Nullable, strict } from './common-schemas.ts';

const Chain = Type.Union([Type.Literal('secure'), Type.Literal('insecure'), Type.Literal('bogus'), Type.Literal('indeterminate')]);

export const DnssecRow = Type.Object({
  zone: Type.String({ description: 'the zone (for a key domain: the watched zone holding it)' }),
  keyDomain: Nullable(Type.String({ description: 'the key domain this row is for, or null for the zone itself' })),
  system: Type.String(),
  org: Type.String(),
  checked: Type.Boolean({ description: 'false: the system has no check.dnssec (or no cycle ran yet)' }),
  signed: Nullable(Type.Boolean()),
  chain: Chain,
  reason: Nullable(Type.String({ description: 'why not secure: the validator\'s reason, no-matching-ds, no-ds-at-parent, unsigned, not-checked' })),
  algorithms: Type.Array(Type.Integer()),
  keyTags: Type.Array(Type.Integer()),
  dsAtParent: Nullable(Type.Array(Type.String(), { description: 'DS RDATA the parent\'s servers publish; null: no parent known or none answered' })),
  parent: Nullable(Type.String()),
  earliestExpiry: Nullable(Type.String({ description: 'earliest RRSIG expiration in the zone (RFC 3339)' })),
}, strict);

export const DnssecOverview = Type.Object({
  at: Nullable(Type.String({ description: 'the latest cycle' })),
  zones: Type.Array(DnssecRow),
}, strict);
