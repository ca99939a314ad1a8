// Reads the measured figures kept on an incident (detail.firstFigures / lastFigures) into rows
// for the report. The detail is free-form JSON, so this accepts the shapes the platform writes —
// a SystemMeasurement, a stored cycle ({ at, system, nodes }) or a whole Snapshot (the system is
// picked by id) — and ignores what it does not recognise. Pure.

export type NodeStatus = 'ok' | 'stopped' | 'failing' | 'slow' | 'data-errors';

export interface NodeFigures {
  id: string;
  address: string | null;
  successRate: number | null;
  latencyMs: number | null;      // median over answered queries
  dataChecked: number | null;
  dataErrors: number | null;
  dataErrorRate: number | null;
  failures: Record<string, number>;
  status: NodeStatus;
}

export interface FigureSet {
  at: string | null;
  successRate: number | null;
  latencyMs: number | null;
  stoppedMinutes: number | null;
  nodes: NodeFigures[];
  /** Nodes whose status is not 'ok'. */
  nodesFailing: number;
}

/** Display thresholds (the plan's): below 5 % is stopped, below 50 % or over 5 s is failing. */
const STATUS_THRESHOLDS = { stoppedBelow: 0.05, failingBelow: 0.5, slowAboveMs: 5000 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function median(lat: unknown): number | null {
  if (!isObj(lat)) return num(lat);
  return num(lat.p50) ?? num(lat.mean);
}

function nodeStatus(n: Pick<NodeFigures, 'successRate' | 'latencyMs' | 'dataErrors'>): NodeStatus {
  if (n.successRate !== null && n.successRate < STATUS_THRESHOLDS.stoppedBelow) return 'stopped';
  if (n.successRate !== null && n.successRate < STATUS_THRESHOLDS.failingBelow) return 'failing';
  if (n.latencyMs !== null && n.latencyMs > STATUS_THRESHOLDS.slowAboveMs) return 'slow';
  if (n.dataErrors !== null && n.dataErrors > 0) return 'data-errors';
  return 'ok';
}

function readNode(raw: unknown, i: number): NodeFigures | null {
  if (!isObj(raw)) return null;
  const failures: Record<string, number> = {};
  if (isObj(raw.failures)) {
    for (const [k, v] of Object.entries(raw.failures)) { const n = num(v); if (n) failures[k] = n; }
  }
  const base = {
    id: str(raw.id) ?? str(raw.nodeId) ?? `node-${i + 1}`,
    address: str(raw.address),
    successRate: num(raw.successRate),
    latencyMs: median(raw.latencyMs),
    dataChecked: num(raw.dataChecked),
    dataErrors: num(raw.dataErrors),
    dataErrorRate: num(raw.dataErrorRate),
    failures,
  };
  return { ...base, status: nodeStatus(base) };
}

/** The system's figures from whatever was stored, or null when nothing usable is there. */
export function readFigures(raw: unknown, systemId: string): FigureSet | null {
  if (!isObj(raw)) return null;
  let at = str(raw.at);
  let sys: Obj = raw;
  let nodesRaw: unknown = raw.nodes;
  if (Array.isArray(raw.systems)) {             // a Snapshot
    const found = raw.systems.find((s) => isObj(s) && s.id === systemId) ?? (raw.systems.length === 1 ? raw.systems[0] : null);
    if (!isObj(found)) return null;
    sys = found; nodesRaw = found.nodes;
  } else if (isObj(raw.system)) {               // a stored cycle
    sys = raw.system;
    nodesRaw = raw.nodes ?? raw.system.nodes;
  }
  at ??= str(sys.at);
  const nodes = Array.isArray(nodesRaw) ? nodesRaw.map(readNode).filter((n): n is NodeFigures => n !== null) : [];
  const set: FigureSet = {
    at,
    successRate: num(sys.successRate),
    latencyMs: median(sys.latencyMs),
    stoppedMinutes: num(sys.stoppedMinutes),
    nodes,
    nodesFailing: nodes.filter((n) => n.status !== 'ok').length,
  };
  if (nodes.length === 0 && set.successRate === null && set.latencyMs === null) return null;
  return set;
}
