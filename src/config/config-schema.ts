// The configuration's schema (../shared/contracts/config.example.yaml). One schema per block, so that
// the same pieces validate API input and generate the OpenAPI document. Unknown keys are errors
// (additionalProperties: false everywhere).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DURATION_PATTERN } from './duration.ts';
import { Audit, HttpSecurityFields } from './security-config.ts';
import { ReporterClass, Threats } from './threats-config.ts';
import { Registry } from './registry-config.ts';
import { Services } from './services-config.ts';

const strict = { additionalProperties: false } as const;
const Obj = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) =>
  Type.Object(props, { ...strict, ...opts });

export const Duration = Type.String({ pattern: DURATION_PATTERN, description: 'a duration such as 500ms, 10s, 5m, 4h, 1d' });
const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,62}$', description: 'lower-case id: letters, digits, . _ -' });
export const Province = Type.String({ pattern: '^[A-Z]{2}$', description: 'two-letter province code, e.g. BJ' });
const Licensing = Type.Union([Type.Literal('national'), Province], { description: '"national" or the province that licensed the organisation' });
export const LocalizedName = Obj({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
export const Address = Type.String({ minLength: 1, description: 'IPv4 or IPv6 address' });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const OrgRole = Type.Union([
  Type.Literal('emergency-office'), Type.Literal('provincial-authority'), Type.Literal('cert'),
  Type.Literal('registry'), Type.Literal('dns-provider'), Type.Literal('registrar'),
  Type.Literal('telecom'), Type.Literal('website'),
]);

/** An emergency contact (plan §6.2); `serve` loads an organisation's list into the store when it has none yet. */
const OrgContact = Obj({
  name: Type.String({ minLength: 1 }),
  role: Type.Union([Type.Literal('primary'), Type.Literal('backup')]),
  email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  phone: Type.Optional(Type.String({ minLength: 1 })),
  webhook: Type.Optional(Type.String({ pattern: '^https?://' })),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

const Organization = Obj({
  id: Id,
  role: OrgRole,
  name: Type.Optional(LocalizedName),
  province: Type.Optional(Province),
  grade: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
  licensedBy: Type.Optional(Licensing),
  /** Initial emergency contacts; the stored list (changed through the API) wins once it exists. */
  contacts: Type.Optional(Type.Array(OrgContact)),
  /** Threat reports from this organisation's users (SPEC §6). */
  reporterClass: Type.Optional(ReporterClass),
});

export const Node = Obj({
  id: Id,
  address: Address,
  port: Type.Optional(Port),
});

export const Truth = Obj({
  zonefile: Type.Optional(Type.String({ minLength: 1 })),
  axfr: Type.Optional(Obj({ address: Address, port: Type.Optional(Port), zone: Type.Optional(Type.String()) })),
});

export const Check = Obj({
  sample: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Literal('all')])),
  nxdomain: Type.Optional(Type.Boolean({ description: 'query one random non-existent name per node per cycle (default true)' })),
  /** How long a node may serve an older SOA serial before its differences count as data errors (default 15m). */
  serialLagTolerance: Type.Optional(Duration),
  dnssec: Type.Optional(Type.Boolean({ description: 'queries carry DO; RRSIGs and NSEC/NSEC3 proofs are validated as data (default false)' })),
  /** Signatures expiring within this horizon are a dnssec-expiring finding (default 7d). */
  dnssecExpiryHorizon: Type.Optional(Duration),
  /** The zone's DS records (presentation lines) anchoring its keys; without them the truth's DNSKEYs are the anchor. */
  ds: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
});

/** EPP (TLS, login), WHOIS and RDAP with their known names and limits: services-config.ts. */
export { Services };

export const SystemKind = Type.Union([
  Type.Literal('tld'), Type.Literal('authoritative'), Type.Literal('registration'),
  Type.Literal('recursive'), Type.Literal('website-dns'),
]);

export const System = Obj({
  id: Id,
  org: Id,
  kind: SystemKind,
  name: Type.Optional(LocalizedName),
  zone: Type.Optional(Type.String({ minLength: 1 })),
  zones: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  /** Required, except for a registration system measured by its services only (then []). */
  nodes: Type.Optional(Type.Array(Node, { minItems: 0 })),
  truth: Type.Optional(Truth),
  check: Type.Optional(Check),
  keyDomains: Type.Optional(Type.Array(Type.String())),
  services: Type.Optional(Services),
  scope: Type.Optional(Type.Union([Type.Literal('multi-province'), Type.Literal('province'), Type.Literal('local-network')])),
  provinces: Type.Optional(Type.Array(Province)),
});

const RRTypeName = Type.String({ pattern: '^[A-Z][A-Z0-9]*$' });

const KeyDomain = Obj({
  name: Type.String({ minLength: 1 }),
  types: Type.Optional(Type.Array(RRTypeName)),
  expect: Type.Optional(Type.Union([Type.Literal('authoritative'), Type.Array(Type.String())], {
    description: '"authoritative" (compare with the authoritative servers) or the list of expected RDATA strings' })),
  via: Type.Optional(Type.Array(Id)),
});

export const Transport = Type.Union([Type.Literal('udp'), Type.Literal('tcp')]);

const Probing = Obj({
  interval: Type.Optional(Duration),
  timeout: Type.Optional(Duration),
  transports: Type.Optional(Type.Array(Transport, { minItems: 1 })),
  inFlight: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'queries in flight per node (default 256: a node that drops answers costs timeouts × timeout ÷ inFlight seconds per cycle)' })),
  stoppedBelow: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'success rate under which a node counts as stopped (default 0.05)' })),
  delegationEvery: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'look at the delegations at the parent every this many cycles (default 1)' })),
  delegationParents: Type.Optional(Type.Array(Obj({
    zone: Type.String({ minLength: 1 }),
    servers: Type.Array(Obj({ address: Address, port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })) }), { minItems: 1 }),
  }), { description: 'parent zones that are not watched systems (e.g. the root above a TLD) and the servers to ask for their referrals' })),
});

export const Rules = Obj({
  ruleset: Type.Optional(Type.String({ minLength: 1 })),
  latencyStatistic: Type.Optional(Type.Union([Type.Literal('p50'), Type.Literal('mean'), Type.Literal('p95')])),
  openAfterCycles: Type.Optional(Type.Integer({ minimum: 1 })),
  resolveAfterCycles: Type.Optional(Type.Integer({ minimum: 1 })),
  findingOpenAfterCycles: Type.Optional(Type.Integer({ minimum: 1, description: 'consecutive cycles a finding is seen before it opens (default 2)' })),
  findingCloseAfterCycles: Type.Optional(Type.Integer({ minimum: 1, description: 'consecutive cycles without it before an open finding closes (default 3)' })),
  evidenceWindow: Type.Optional(Type.String({ description: 'how long data checks accumulate per node before a data-error threshold is decided, e.g. 15m (default); between 1m and 24h (docs/evidence.md)' })),
  evidenceConfidence: Type.Optional(Type.Number({ exclusiveMinimum: 0.5, exclusiveMaximum: 1, description: 'one-sided confidence of the data-error decision rule, e.g. 0.95 (default)' })),
});

const Notifications = Obj({
  email: Type.Optional(Obj({ smtp: Type.String({ pattern: '^smtps?://' }), from: Type.String({ minLength: 3 }) })),
  webhooks: Type.Optional(Type.Array(Obj({ url: Type.String({ pattern: '^https?://' }), secret: Type.Optional(Type.String()) }))),
});

const Database = Obj({
  url: Type.Optional(Type.Union([Type.Null(), Type.String({ pattern: '^postgres(ql)?://' })])),
  retention: Type.Optional(Type.String({ description: 'how long per-cycle measurements are kept, e.g. 400d (default); at least 1d, at most 3650d. Outages, incidents and the audit log are kept regardless' })),
});

const Http = Obj({
  listen: Type.Optional(Type.String({ pattern: '^(\\[[0-9a-fA-F:]+\\]|[^:]+):[0-9]{1,5}$' })),
  token: Type.Optional(Type.String({ minLength: 16, description: "bearer token: a read-only viewer of the emergency office (monitoring tools, wall displays)" })),
  sessionTtl: Type.Optional(Type.String({ description: 'how long a console sign-in lasts, e.g. 12h (default), 30m; at least 10s, at most 30d' })),
  ...HttpSecurityFields,
});

/** The bundled lab's additions (written by `dnswarden lab up`): where its SMTP sink stores what it receives. */
export const Lab = Obj({
  mailbox: Type.Optional(Type.String({ minLength: 1, description: "the lab mail sink's folder (relative to the config file); the console's Lab mail page (office) reads it" })),
});

export const Config = Obj({
  organizations: Type.Array(Organization),
  systems: Type.Array(System),
  keyDomains: Type.Optional(Type.Array(KeyDomain)),
  probing: Type.Optional(Probing),
  rules: Type.Optional(Rules),
  notifications: Type.Optional(Notifications),
  database: Type.Optional(Database),
  http: Type.Optional(Http),
  audit: Type.Optional(Audit),
  lab: Type.Optional(Lab),
  /** Registry threat response (threats-config.ts). */
  threats: Type.Optional(Threats),
  /** Acting on names (registry-config.ts). */
  registry: Type.Optional(Registry),
});

export type ConfigInput = Static<typeof Config>;
export type OrganizationConfig = Static<typeof Organization>;
export type SystemConfig = Static<typeof System>;
export type KeyDomainConfig = Static<typeof KeyDomain>;
