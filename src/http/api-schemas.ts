// TypeBox schemas of the HTTP API: the same objects validate requests, shape (and filter) responses,
// and generate the OpenAPI document.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FindingView } from './schemas/finding-schemas.ts';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorBody = Type.Object({ error: Type.String(), statusCode: Type.Integer() }, { ...strict, description: 'what went wrong' });

export const LatencySummary = Type.Object({
  mean: Type.Number(), p50: Type.Number(), p95: Type.Number(), p99: Type.Number(), max: Type.Number(),
}, { ...strict, description: 'milliseconds, over answered queries' });
const MaybeLatency = Type.Union([LatencySummary, Type.Null()]);

export const ServiceStatus = Type.Object({
  up: Type.Boolean(),
  degraded: Type.Boolean(),
  downMinutes: Type.Number(),
  latencyMs: Type.Optional(Nullable(Type.Number())),
  error: Type.Optional(Type.String()),
}, strict);

export const Services = Type.Object({
  registration: Type.Optional(ServiceStatus),
  whois: Type.Optional(ServiceStatus),
  rdap: Type.Optional(ServiceStatus),
}, strict);

/** The evidence window behind a node's data-error decisions (src/core/snapshot.ts DataEvidence). */
export const DataEvidence = Type.Object({
  checked: Type.Integer(), errors: Type.Integer(), census: Type.Boolean(), cycles: Type.Integer(), from: Type.String(),
  lower: Type.Number(), upper: Type.Number(),
  decisions: Type.Array(Type.Object({
    threshold: Type.Number(), verdict: Type.Union([Type.Literal('above'), Type.Literal('not-above'), Type.Literal('undetermined')]),
  }, strict)),
}, { ...strict, description: 'records checked and wrong over the evidence window, one-sided bounds, the verdict on each threshold' });

export const NodeFigures = Type.Object({
  id: Type.String(),
  address: Type.String(),
  port: Type.Integer(),
  queries: Type.Integer(),
  answered: Type.Integer(),
  succeeded: Type.Integer(),
  successRate: Type.Number({ minimum: 0, maximum: 1 }),
  latencyMs: MaybeLatency,
  dataChecked: Type.Integer(),
  dataErrors: Type.Integer(),
  dataErrorRate: Type.Number(),
  keyDomainErrors: Type.Integer(),
  failures: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  soaSerial: Type.Optional(Nullable(Type.Integer({ description: 'the SOA serial the node served (latest in the window)' }))),
  lagging: Type.Optional(Type.Boolean({ description: 'the node served an older serial than the truth' })),
  lagErrors: Type.Optional(Type.Integer({ description: 'differences from the truth while lagging within the tolerance (not in dataErrors)' })),
  dataCensus: Type.Optional(Type.Boolean({ description: 'every record of the truth was checked: the rate is exact' })),
  dataEvidence: Type.Optional(DataEvidence),
}, strict);

export const SystemFigures = Type.Object({
  id: Type.String(),
  org: Type.String(),
  kind: Type.String(),
  name: Type.Optional(Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }, strict)),
  /** null until the first cycle. */
  at: Nullable(Type.String({ format: 'date-time' })),
  successRate: Nullable(Type.Number()),
  latencyMs: MaybeLatency,
  dataChecked: Type.Integer(),
  dataErrors: Type.Integer(),
  dataErrorRate: Type.Number(),
  stoppedMinutes: Type.Number(),
  coreDataIntact: Type.Optional(Type.Boolean()),
  services: Type.Optional(Services),
  truthSerial: Type.Optional(Nullable(Type.Integer({ description: "the serial of the truth the nodes were compared against" }))),
  nodes: Type.Array(NodeFigures),
}, strict);

export const SystemList = Type.Object({ at: Nullable(Type.String()), systems: Type.Array(SystemFigures) }, strict);

export const SystemPoint = Type.Object({
  at: Type.String(),
  successRate: Type.Number(),
  latencyMs: MaybeLatency,
  stoppedMinutes: Type.Number(),
}, strict);

export const NodePoint = Type.Object({
  at: Type.String(),
  queries: Type.Integer(),
  succeeded: Type.Integer(),
  successRate: Type.Number(),
  latencyMs: MaybeLatency,
  dataChecked: Type.Integer(),
  dataErrors: Type.Integer(),
}, strict);

export const Outage = Type.Object({
  id: Type.Integer(),
  nodeId: Type.Union([Type.String(), Type.Null()]),
  service: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  measuredMinutes: Type.Number({ description: 'minutes the platform measured it failing (gaps excluded)' }),
}, strict);

/** Time the platform did not measure: it was down, or no cycle ran. Charts draw it as a gap; outage minutes exclude it. */
const MeasurementGap = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  reason: Type.String({ description: "'platform-down' (the platform was not running) | 'no-cycle' (no probe cycle completed)" }),
}, strict);

/** A key domain as one resolver node of this system answered it in the latest cycle (hijack check). */
const KeyDomainFindingView = Type.Object({
  name: Type.String(), type: Type.String(), node: Type.String(),
  status: Type.Union(['ok', 'hijacked', 'missing', 'failed', 'unknown'].map((v) => Type.Literal(v))),
  expected: Type.Optional(Type.Array(Type.String())), got: Type.Optional(Type.Array(Type.String())), detail: Type.Optional(Type.String()),
}, strict);

export const SystemDetail = Type.Object({
  system: SystemFigures,
  keyDomains: Type.Array(KeyDomainFindingView, { description: "the latest cycle's key-domain answers through this (recursive) system; empty for other kinds" }),
  from: Type.String(),
  to: Type.String(),
  series: Type.Array(SystemPoint),
  nodes: Type.Array(Type.Object({ id: Type.String(), series: Type.Array(NodePoint) }, strict)),
  outages: Type.Array(Outage),
  gaps: Type.Array(MeasurementGap, { description: 'time in the range the platform did not measure (platform-wide), oldest first' }),
  findings: Type.Optional(Type.Array(FindingView, { description: 'open findings of this system, newest first (GET /findings?system=)' })),
}, strict);

export const SystemParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' }) }, strict);

export const SeriesQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'start of the range (default: to − 1 h)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'end of the range (default: now)' })),
}, strict);

export const NoQuery = Type.Object({}, strict);

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  lastCycleAt: Nullable(Type.String()),
  store: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  reasons: Type.Array(Type.String()),
}, strict);

export type SystemFiguresT = Static<typeof SystemFigures>;
export type HealthT = Static<typeof Health>;
export type NodePointT = Static<typeof NodePoint>;
export type SystemPointT = Static<typeof SystemPoint>;
export type OutageT = Static<typeof Outage>;
export type MeasurementGapT = Static<typeof MeasurementGap>;
