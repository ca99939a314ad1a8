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
  dataErrorSamples?: Array<{ name: string; type: string; problem: 'missing' | 'different' | 'extra'; expected?: string[]; got?: string[]; reason?: string }>;
  /** The SOA serial the node served (latest in the window); null when it served none. Contracts. */
  soaSerial?: number | null;
  /** The node served an older serial than the truth (contracts). */
  lagging?: boolean;
  /** Differences from the truth while lagging within the tolerance: not in dataErrors (contracts). */
  lagErrors?: number;
  /** Every record of the truth was checked in every cycle of the window: the rate is exact (contracts). */
  dataCensus?: boolean;
  /**
   * Exact counts of answered queries slower than each latency threshold of the rule set
   * (key: threshold in ms as a decimal string). Boundaries are decided from these, never from
   * the histogram. Extension.
   */
  latencyAbove?: Record<string, number>;
  /**
   * The evidence window behind the data-error decisions (src/core/evidence): checks accumulated
   * across cycles and the verdict on each threshold of the rule set. Set by the daemon. Extension.
   */
  dataEvidence?: DataEvidence;
}

/** Verdict of the evidence rule on one data-error threshold. */
export type EvidenceVerdict = 'above' | 'not-above' | 'undetermined';

export interface DataEvidence {
  /** Records checked and found wrong over the window (all cycles since `from`). */
  checked: number;
  errors: number;
  census: boolean;
  cycles: number;
  from: string;
  /** One-sided confidence bounds of errors/checked (equal to the rate for a census). */
  lower: number;
  upper: number;
  decisions: Array<{ threshold: number; verdict: EvidenceVerdict }>;
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
  /** The serial of the truth this system's nodes were compared against (contracts). */
  truthSerial?: number | null;
  /** Exact counts of the system's answered queries slower than each latency threshold (see NodeMeasurement). Extension. */
  latencyAbove?: Record<string, number>;
  /** Answered queries over all nodes (the denominator of latencyAbove). Extension. */
  answered?: number;
}

export interface Snapshot {
  at: string;
  window: { from: string; to: string };
  systems: SystemMeasurement[];
  /** What is wrong but not graded (contracts; SPEC §3 Findings). */
  findings?: Finding[];
}

export type FindingKind =
  | 'key-domain-mismatch' | 'resolver-data-wrong' | 'serial-lag' | 'truth-stale' | 'truth-unreadable'
  | 'ungraded-condition' | 'data-undetermined' | (string & {});

export type FindingSeverity = 'info' | 'warning' | 'critical';

/** One finding as a snapshot carries it (contracts). The store adds id, state and times. */
export interface Finding {
  kind: FindingKind;
  system: string;
  node: string | null;
  org: string;
  severity: FindingSeverity;
  summary: string;
  /** What was expected, what was seen, where from (resolver, server), when. */
  evidence: { expected?: unknown; seen?: unknown; via?: string; at: string; [more: string]: unknown };
  /** Distinguishes findings of one kind on one node (e.g. the key domain's name and type). Extension. */
  subject?: string;
}
