// The measurement snapshot of ../shared/contracts/README.md: output of `probe`, input of `grade`.
// Pure types; the probe engine produces them, the grading core consumes them.

export type SystemKind = 'tld' | 'authoritative' | 'registration' | 'recursive' | 'website-dns';

export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface NodeMeasurement {
  id: string;
  address: string;
  port: number;
  queries: number;
  answered: number;
  succeeded: number;
  successRate: number;
  latencyMs: LatencySummary | null;
  dataChecked: number;
  dataErrors: number;
  dataErrorRate: number;
  keyDomainErrors: number;
  /** Why queries failed, by cause (timeout, servfail, refused, wrong-answer, lame, ...). Extension. */
  failures?: Record<string, number>;
  /** Records found missing or different, first few, for the operator. Extension. */
  dataErrorSamples?: Array<{ name: string; type: string; problem: 'missing' | 'different' | 'extra'; expected?: string[]; got?: string[] }>;
}

export interface ServiceStatus {
  up: boolean;
  degraded: boolean;
  downMinutes: number;
  latencyMs?: number | null;
  error?: string;
}

export interface SystemMeasurement {
  id: string;
  kind: SystemKind;
  org?: string;
  nodes: NodeMeasurement[];
  successRate: number;
  latencyMs: LatencySummary | null;
  stoppedMinutes: number;
  services?: { registration?: ServiceStatus; whois?: ServiceStatus; rdap?: ServiceStatus };
  coreDataIntact?: boolean;
}

export interface Snapshot {
  at: string;
  window: { from: string; to: string };
  systems: SystemMeasurement[];
}
