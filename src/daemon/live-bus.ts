// The platform's live feed for the console (GET /api/v1/events): probe cycles and incident changes.
// Listeners never break the publisher (a throwing listener is logged). An incident published twice
// at the same version (the platform and an HTTP route both announcing one command) goes out once.
import type { Snapshot } from '../core/snapshot.ts';
import type { Incident } from '../store/store.ts';

/** Same shape as src/http/routes/events.ts LiveEvent (kept structural so the daemon does not import the HTTP layer). */
export type LiveEvent =
  | { kind: 'cycle'; snapshot: Snapshot }
  | { kind: 'incident' | 'warning'; data: unknown }
  /** A finding opened, raised, closed or converted (src/response/finding-service.ts FindingView). */
  | { kind: 'finding'; finding: { org: string; [k: string]: unknown }; change?: string };

export type LiveListener = (event: LiveEvent) => void;

/** What happened to an incident, as the live feed tells it. */
export type IncidentChange = 'opened' | 'regraded' | 'resolved' | 'relapsed' | 'updated';

export interface IncidentSummary {
  change: IncidentChange;
  id: string;
  systemId: string;
  org: string;
  drill: boolean;
  state: string;
  grade: string | null;
  proposedGrade: string | null;
  version: number;
  updatedAt: string;
  title: unknown;
  commander: unknown;
  openedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  writtenReportDue: string | null;
}

export function incidentSummary(inc: Incident, change: IncidentChange): IncidentSummary {
  const d = inc.detail as Record<string, unknown>;
  const deadlines = d.deadlines as { writtenReportDue?: string } | undefined;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    change, id: inc.id, systemId: inc.systemId, org: inc.org, drill: inc.drill, state: inc.state,
    grade: inc.grade, proposedGrade: inc.proposedGrade, version: inc.version, updatedAt: inc.updatedAt,
    title: d.title ?? null, commander: d.commander ?? null, openedAt: str(d.openedAt),
    resolvedAt: str(d.resolvedAt), closedAt: str(d.closedAt), writtenReportDue: str(deadlines?.writtenReportDue),
  };
}

const SEEN_LIMIT = 2000;

export class LiveBus {
  readonly #listeners = new Set<LiveListener>();
  readonly #log: (line: string) => void;
  /** Latest published version per incident (bounded; oldest forgotten first). */
  readonly #seen = new Map<string, number>();

  constructor(log: (line: string) => void = () => undefined) { this.#log = log; }

  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  get listeners(): number { return this.#listeners.size; }

  publish(event: LiveEvent): void {
    if (event.kind === 'incident' && !this.#fresh(event.data)) return;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.#log(`live feed: a listener failed: ${(err as Error).message}`);
      }
    }
  }

  publishIncident(inc: Incident, change: IncidentChange): void {
    this.publish({ kind: 'incident', data: incidentSummary(inc, change) });
  }

  #fresh(data: unknown): boolean {
    const d = data as { id?: unknown; version?: unknown } | null;
    if (!d || typeof d.id !== 'string' || typeof d.version !== 'number') return true;
    const last = this.#seen.get(d.id);
    if (last !== undefined && last >= d.version) return false;
    this.#seen.delete(d.id);
    this.#seen.set(d.id, d.version);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.keys().next().value as string);
    return true;
  }
}
