// Pure conversions between domain objects and table rows, shared by both backends.
// Both drivers hand rows over in the same shape: times as ISO strings, JSON columns as text,
// 64-bit integers as numbers (the PostgreSQL store installs type parsers for that).
import type { LatencySummary, NodeMeasurement } from '../core/snapshot.ts';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-chain.ts';
import { detailInContext } from './audit-context.ts';
import type {
  AuditEntry, AuditInput, Gap, Incident, IncidentGrade, IncidentPatch, NodePoint, Notification, NotificationState, Outage, StoredCycle,
  SystemAggregate, TimelineEntry,
} from './store.ts';
import { StoreError } from './store-errors.ts';

export type Row = Record<string, unknown>;

/** Normalises an RFC 3339 time to Date#toISOString() form; rejects what is not a time. */
export function iso(t: string): string {
  const ms = Date.parse(t);
  if (typeof t !== 'string' || Number.isNaN(ms)) throw new StoreError('INVALID_TIME', `not a time: ${String(t)}`);
  return new Date(ms).toISOString();
}

export function addMs(t: string, ms: number): string {
  return new Date(Date.parse(t) + ms).toISOString();
}

export function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(0, Math.min(max, Math.floor(limit)));
}

export function jsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A JSON column (text) parsed; null when NULL. */
export function parseJson(v: unknown): unknown {
  return v === null || v === undefined ? null : JSON.parse(String(v));
}

/** A nullable text column. */
export function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function num(v: unknown): number {
  return Number(v);
}

// ---- measurements -------------------------------------------------------------------

/** The system aggregate without any stray `nodes` key (those go to node rows). */
export function systemAggregate(system: SystemAggregate): SystemAggregate {
  const { nodes: _nodes, ...rest } = system as SystemAggregate & { nodes?: unknown };
  return rest;
}

export function latencyColumns(l: LatencySummary | null | undefined): Array<number | null> {
  return l ? [l.mean, l.p50, l.p95, l.p99, l.max] : [null, null, null, null, null];
}

/** Node row values in the column order of NODE_COLUMNS (after cycle_id, system_id, at, drill). */
export const NODE_COLUMNS = [
  'node_id', 'address', 'port', 'queries', 'answered', 'succeeded', 'success_rate',
  'latency_mean', 'latency_p50', 'latency_p95', 'latency_p99', 'latency_max',
  'data_checked', 'data_errors', 'data_error_rate', 'key_domain_errors', 'failures', 'data_error_samples',
] as const;

export function nodeValues(n: NodeMeasurement): Array<string | number | null> {
  return [
    n.id, n.address, n.port, n.queries, n.answered, n.succeeded, n.successRate,
    ...latencyColumns(n.latencyMs),
    n.dataChecked, n.dataErrors, n.dataErrorRate, n.keyDomainErrors,
    n.failures ? JSON.stringify(n.failures) : null,
    n.dataErrorSamples ? JSON.stringify(n.dataErrorSamples) : null,
  ];
}

function latencyFromRow(r: Row): LatencySummary | null {
  if (r.latency_mean === null || r.latency_mean === undefined) return null;
  return { mean: num(r.latency_mean), p50: num(r.latency_p50), p95: num(r.latency_p95), p99: num(r.latency_p99), max: num(r.latency_max) };
}

function rowToNode(r: Row): NodeMeasurement {
  const node: NodeMeasurement = {
    id: String(r.node_id), address: String(r.address), port: num(r.port),
    queries: num(r.queries), answered: num(r.answered), succeeded: num(r.succeeded), successRate: num(r.success_rate),
    latencyMs: latencyFromRow(r),
    dataChecked: num(r.data_checked), dataErrors: num(r.data_errors), dataErrorRate: num(r.data_error_rate),
    keyDomainErrors: num(r.key_domain_errors),
  };
  if (r.failures !== null && r.failures !== undefined) node.failures = parseJson(r.failures) as Record<string, number>;
  if (r.data_error_samples !== null && r.data_error_samples !== undefined) {
    node.dataErrorSamples = parseJson(r.data_error_samples) as NodeMeasurement['dataErrorSamples'];
  }
  return node;
}

export function rowToNodePoint(r: Row): NodePoint {
  const { id, dataErrorSamples: _samples, ...rest } = rowToNode(r);
  return { at: String(r.at), nodeId: id, ...rest };
}

export function rowToSystem(r: Row): SystemAggregate {
  return parseJson(r.system) as SystemAggregate;
}

// ---- cycles ------------------------------------------------------------------------

/** Latest cycles with their nodes (nodes come sorted by cycle, then by position). */
export function assembleLatest(cycles: Row[], nodes: Row[]): StoredCycle[] {
  const byCycle = new Map<number, StoredCycle>();
  const out = cycles.map((c) => {
    const s: StoredCycle = { systemId: String(c.system_id), at: String(c.at), drill: Boolean(c.drill), system: rowToSystem(c), nodes: [] };
    byCycle.set(Number(c.id), s);
    return s;
  });
  for (const n of nodes) byCycle.get(Number(n.cycle_id))?.nodes.push(rowToNode(n));
  return out;
}

export function byDue(a: Notification, b: Notification): number {
  return a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id;
}

// ---- outages, incidents, outbox, audit ------------------------------------------------

export function rowToOutage(r: Row): Outage {
  return {
    id: num(r.id), systemId: String(r.system_id), nodeId: str(r.node_id), service: str(r.service), startedAt: String(r.started_at), endedAt: str(r.ended_at),
    measuredMs: num(r.measured_ms ?? 0), lastMeasuredAt: str(r.last_measured_at),
  };
}

export function rowToGap(r: Row): Gap {
  return { id: num(r.id), from: String(r.from_at), to: String(r.to_at), reason: String(r.reason) };
}

export function rowToIncident(r: Row): Incident {
  return {
    id: String(r.id), systemId: String(r.system_id), org: String(r.org), state: String(r.state),
    grade: str(r.grade) as IncidentGrade | null, proposedGrade: str(r.proposed_grade) as IncidentGrade | null,
    drill: Boolean(r.drill), detail: (parseJson(r.detail) ?? {}) as Record<string, unknown>, version: num(r.version),
    createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}

/** The columns an incident patch sets, in this order (updated_at always, last); the caller adds version + 1. */
export function incidentPatchColumns(patch: IncidentPatch): Array<[string, string | null]> {
  const sets: Array<[string, string | null]> = [];
  if (patch.state !== undefined) sets.push(['state', patch.state]);
  if (patch.grade !== undefined) sets.push(['grade', patch.grade]);
  if (patch.proposedGrade !== undefined) sets.push(['proposed_grade', patch.proposedGrade]);
  if (patch.org !== undefined) sets.push(['org', patch.org]);
  if (patch.detail !== undefined) sets.push(['detail', jsonText(patch.detail)]);
  sets.push(['updated_at', iso(patch.updatedAt)]);
  return sets;
}

export function rowToTimeline(r: Row): TimelineEntry {
  return { id: num(r.id), incidentId: String(r.incident_id), at: String(r.at), kind: String(r.kind), actor: str(r.actor), payload: parseJson(r.payload) };
}

export function rowToNotification(r: Row): Notification {
  return {
    id: num(r.id), channel: String(r.channel), recipient: String(r.recipient), payload: parseJson(r.payload),
    incidentId: str(r.incident_id), dedupeKey: str(r.dedupe_key), state: String(r.state) as NotificationState,
    attempts: num(r.attempts), nextAttemptAt: String(r.next_attempt_at), leaseUntil: str(r.lease_until),
    lastError: str(r.last_error), createdAt: String(r.created_at), sentAt: str(r.sent_at),
  };
}

export function rowToAudit(r: Row): AuditEntry {
  return {
    seq: num(r.seq), at: String(r.at), actor: String(r.actor), action: String(r.action), org: str(r.org),
    target: str(r.target), detail: parseJson(r.detail), prevHash: String(r.prev_hash), hash: String(r.hash),
  };
}

/** The entry that follows `last` (the newest stored row; none: the first) with its hash, and the exact
 *  canonical detail text to store. The caller holds the writer lock between reading `last` and inserting. */
export function nextAuditEntry(last: Row | undefined, entry: AuditInput, key: Buffer | null): { entry: AuditEntry; detailText: string } {
  const detailText = canonicalJson(detailInContext(entry.detail));
  const fields = {
    seq: last ? Number(last.seq) + 1 : 1, at: iso(entry.at), actor: entry.actor, action: entry.action,
    org: entry.org ?? null, target: entry.target ?? null, detail: JSON.parse(detailText) as unknown,
    prevHash: last ? String(last.hash) : GENESIS_HASH,
  };
  return { entry: { ...fields, hash: auditHash(fields, key) }, detailText };
}
