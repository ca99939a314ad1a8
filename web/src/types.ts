// The shapes the console reads. Systems follow src/http/api-schemas.ts; the incident, warning and
// contact shapes follow docs/api-v1.md and are read defensively (those routes are still being built).
import type { Grade } from './i18n.ts';

export interface Latency { mean: number; p50: number; p95: number; p99: number; max: number }

export interface NodeFigures {
  id: string; address: string; port: number; queries: number; answered: number; succeeded: number;
  successRate: number; latencyMs: Latency | null; dataChecked: number; dataErrors: number; dataErrorRate: number;
  keyDomainErrors: number; failures?: Record<string, number>;
  /** Serial-aware comparison and the evidence window (issue 8); absent from older servers. */
  soaSerial?: number | null; lagging?: boolean; lagErrors?: number; dataCensus?: boolean; dataEvidence?: DataEvidence;
}

export type EvidenceVerdict = 'above' | 'not-above' | 'undetermined';
/** The evidence behind the data-error decisions of one node (src/core/snapshot.ts DataEvidence). */
export interface DataEvidence {
  checked: number; errors: number; census: boolean; cycles: number; from: string; lower: number; upper: number;
  decisions: Array<{ threshold: number; verdict: EvidenceVerdict }>;
}

export interface ServiceStatus { up: boolean; degraded: boolean; downMinutes: number; latencyMs?: number | null; error?: string }

export interface SystemFigures {
  id: string; org: string; kind: string; name?: { zh?: string; en?: string }; at: string | null;
  successRate: number | null; latencyMs: Latency | null; dataChecked: number; dataErrors: number; dataErrorRate: number;
  stoppedMinutes: number; coreDataIntact?: boolean;
  services?: { registration?: ServiceStatus; whois?: ServiceStatus; rdap?: ServiceStatus };
  truthSerial?: number | null;
  nodes: NodeFigures[];
}

export interface SystemList { at: string | null; systems: SystemFigures[] }

export interface NodePoint { at: string; queries: number; succeeded: number; successRate: number; latencyMs: Latency | null; dataChecked: number; dataErrors: number }
export interface SystemPoint { at: string; successRate: number; latencyMs: Latency | null; stoppedMinutes: number }
export interface Outage { id: number; nodeId: string | null; service: string | null; startedAt: string; endedAt: string | null }
export interface KeyDomainFinding { name: string; type: string; node: string; status: 'ok' | 'hijacked' | 'missing' | 'failed' | 'unknown'; expected?: string[]; got?: string[]; detail?: string }
export interface SystemDetail {
  system: SystemFigures; keyDomains?: KeyDomainFinding[]; from: string; to: string; series: SystemPoint[];
  nodes: Array<{ id: string; series: NodePoint[] }>; outages: Outage[];
  /** Time the platform was not measuring (down, or no cycle): drawn as gaps, not as outage. */
  gaps?: Array<{ from: string; to: string; reason?: string }>;
}

/** A stored finding (GET /api/v1/findings; SPEC §3 Findings). */
export interface FindingView {
  id: string | number; kind: string; system: string; node: string | null; org: string;
  severity: 'info' | 'warning' | 'critical'; summary: string; subject?: string | null;
  evidence: { expected?: unknown; seen?: unknown; via?: string; at?: string; [more: string]: unknown };
  state: 'open' | 'closed'; firstSeen: string; lastSeen: string; closedAt?: string | null; incidentId?: string | number | null;
}

export type Commander =
  | { role: 'emergency-office'; provisional?: boolean }
  | { role: 'provincial-authority'; province: string; provisional?: boolean }
  | { role: 'self'; org: string; provisional?: boolean };

export interface IncidentSummary {
  id: string; systemId: string | null; org: string; grade: Grade | null; proposedGrade: Grade | null;
  needsConfirmation?: boolean; phase?: string; state?: string; commander?: Commander | string | null;
  writtenReportDue?: string | null; reportFiledAt?: string | null; openedAt: string; resolvedAt?: string | null; drill?: boolean;
  warningLevel?: string | null; title?: string | { zh?: string; en?: string }; province?: string | null;
  /** Whose move it is (GET /incidents): the commander or the affected organisation, and what. */
  nextStep?: { action: string; by: 'commander' | 'organisation'; due?: string } | null;
}

/** A warning as GET /warnings lists it (src/http/schemas/warning-schemas.ts WarningView). */
export interface Warning {
  id: string | number; org?: string; level: string; state?: string; text?: string;
  scope?: WarningScope; issuedAt?: string; issuedBy?: string; updatedAt?: string; drill?: boolean; version?: number;
}
export interface WarningScope { national: boolean; provinces?: string[] }

export interface Me {
  user: { id: string; username: string; displayName?: string; org: string; roles: string[] };
  /** The first admin's printed password: everything but /me, logout and the password change answers 403 until changed. */
  mustChangePassword?: boolean;
  org: { id: string; role: string; name?: string | { zh?: string; en?: string }; province?: string };
  permissions: string[];
}
