// Reads a measurement snapshot (contracts: output of `probe`, input of `grade`) from JSON text and
// checks it, naming the field of every problem. Unknown fields are ignored; fields the grading does
// not need may be missing and get neutral values. Pure.
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { NodeMeasurement, Snapshot, SystemMeasurement } from '../snapshot.ts';
import { ObjectKind } from './ruleset-schema.ts';

const Rate = Type.Number({ minimum: 0, maximum: 1 });
const Count = Type.Number({ minimum: 0 });
const Latency = Type.Union([Type.Null(), Type.Object({
  mean: Type.Optional(Count), p50: Type.Optional(Count), p95: Type.Optional(Count), p99: Type.Optional(Count), max: Type.Optional(Count),
})]);
/** Counts of answered queries slower than each latency threshold (key: ms). */
const SlowerThan = Type.Record(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?$' }), Count);
/** The daemon's evidence window (src/core/evidence): grading reads its counts and bounds. */
const Evidence = Type.Object({
  checked: Count, errors: Count, census: Type.Boolean(), lower: Rate, upper: Rate,
  cycles: Type.Optional(Count), from: Type.Optional(Type.String()), decisions: Type.Optional(Type.Array(Type.Unknown())),
});
const Service = Type.Object({ up: Type.Boolean(), degraded: Type.Optional(Type.Boolean()), downMinutes: Type.Optional(Count) });

const NodeInput = Type.Object({
  id: Type.String({ minLength: 1 }),
  address: Type.Optional(Type.String()),
  port: Type.Optional(Type.Integer()),
  queries: Count,
  answered: Type.Optional(Count),
  succeeded: Type.Optional(Count),
  successRate: Rate,
  latencyMs: Type.Optional(Latency),
  dataChecked: Type.Optional(Count),
  dataErrors: Type.Optional(Count),
  dataErrorRate: Type.Optional(Rate),
  keyDomainErrors: Type.Optional(Count),
  dataCensus: Type.Optional(Type.Boolean()),
  latencyAbove: Type.Optional(SlowerThan),
  dataEvidence: Type.Optional(Evidence),
});

const SystemInput = Type.Object({
  id: Type.String({ minLength: 1 }),
  kind: ObjectKind,
  org: Type.Optional(Type.String()),
  nodes: Type.Array(NodeInput),
  successRate: Rate,
  latencyMs: Type.Optional(Latency),
  stoppedMinutes: Type.Optional(Count),
  services: Type.Optional(Type.Object({ registration: Type.Optional(Service), whois: Type.Optional(Service), rdap: Type.Optional(Service) })),
  coreDataIntact: Type.Optional(Type.Boolean()),
  latencyAbove: Type.Optional(SlowerThan),
  answered: Type.Optional(Count),
});

const SnapshotInput = Type.Object({
  at: Type.String({ minLength: 1 }),
  window: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })),
  systems: Type.Array(SystemInput),
});

export class SnapshotError extends Error {
  readonly problems: Array<{ path: string; message: string }>;
  constructor(source: string, problems: Array<{ path: string; message: string }>) {
    super(`invalid measurement snapshot ${source}:\n` + problems.map((p) => `${source}: ${p.path || '(root)'}: ${p.message}`).join('\n'));
    this.name = 'SnapshotError';
    this.problems = problems;
  }
}

const pathOf = (pointer: string) => pointer.split('/').slice(1).reduce<string>((t, s) => (/^\d+$/.test(s) ? `${t}[${s}]` : t ? `${t}.${s}` : s), '');

function problemsOf(schema: TSchema, value: unknown) {
  const seen = new Set<string>();
  const out: Array<{ path: string; message: string }> = [];
  for (const e of Value.Errors(schema, value)) {
    const path = pathOf(e.path);
    if (seen.has(path)) continue; // one message per field is enough
    seen.add(path);
    out.push({ path, message: e.value === undefined ? 'required field is missing' : `${e.message.toLowerCase()} (got ${JSON.stringify(e.value)?.slice(0, 40)})` });
    if (out.length >= 20) break;
  }
  return out;
}

function normaliseNode(n: Partial<NodeMeasurement> & { id: string; queries: number; successRate: number }): NodeMeasurement {
  const dataChecked = n.dataChecked ?? 0;
  // Older snapshots may give only the rate: the count it stands for.
  const dataErrors = n.dataErrors ?? (n.dataErrorRate !== undefined ? Math.round(n.dataErrorRate * dataChecked) : 0);
  return {
    ...n,
    address: n.address ?? '', port: n.port ?? 53,
    answered: n.answered ?? 0, succeeded: n.succeeded ?? Math.round(n.successRate * n.queries),
    latencyMs: n.latencyMs ?? null,
    dataChecked, dataErrors,
    dataErrorRate: n.dataErrorRate ?? (dataChecked > 0 ? dataErrors / dataChecked : 0),
    keyDomainErrors: n.keyDomainErrors ?? 0,
  } as NodeMeasurement;
}

/** Parse snapshot JSON text; throws SnapshotError naming each bad field (`systems[0].nodes[1].successRate`). */
export function parseSnapshot(text: string, source = '<snapshot>'): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(source, [{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const problems = problemsOf(SnapshotInput, data);
  if (problems.length > 0) throw new SnapshotError(source, problems);
  const s = data as Snapshot;
  return {
    ...s,
    window: s.window ?? { from: s.at, to: s.at },
    systems: s.systems.map((sys): SystemMeasurement => ({
      ...sys,
      nodes: sys.nodes.map((n) => normaliseNode(n)),
      latencyMs: sys.latencyMs ?? null,
      stoppedMinutes: sys.stoppedMinutes ?? 0,
      services: sys.services && Object.fromEntries(Object.entries(sys.services).map(([k, v]) => [k, { degraded: false, downMinutes: 0, ...(v as object) }])),
    })),
  };
}
