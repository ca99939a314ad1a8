// Turns the findings of successive probe cycles into finding lifecycle events (pure, no I/O), the
// way the incident tracker does for grades. A finding's identity is (kind, system, node, subject).
// It opens once seen in `openAfterCycles` consecutive cycles (default 2), stays open while seen,
// may rise in severity (never falls while open) and closes after `closeAfterCycles` consecutive
// cycles without it (default 3). A system not probed in a cycle changes nothing of its findings.
// The caller persists what the events say and rebuilds the state with `restore` after a restart.
import type { Finding, FindingSeverity } from '../snapshot.ts';

export interface FindingTrackerOptions { openAfterCycles?: number; closeAfterCycles?: number }

const DEFAULT_OPEN_AFTER = 2;
const DEFAULT_CLOSE_AFTER = 3;

export interface FindingTrack {
  /** Consecutive cycles seen while not yet open. */
  pendingCycles: number;
  open: boolean;
  /** Consecutive cycles not seen while open. */
  missedCycles: number;
  firstSeen: string;
  lastSeen: string;
  severity: FindingSeverity;
}

export type FindingTrackerState = Record<string, FindingTrack>;

export type FindingEvent =
  /** Opened: seen for openAfterCycles cycles; firstSeen is the first of them. */
  | { kind: 'open'; key: string; finding: Finding; firstSeen: string; at: string }
  /** Still seen while open; `raised` when the severity went up in this cycle. */
  | { kind: 'seen'; key: string; finding: Finding; severity: FindingSeverity; raised: FindingSeverity | null; at: string }
  /** Not seen for closeAfterCycles cycles. */
  | { kind: 'close'; key: string; lastSeen: string; at: string; missedCycles: number };

const RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, critical: 3 };
const severityRank = (s: FindingSeverity): number => RANK[s] ?? 0;
const higherSeverity = (a: FindingSeverity, b: FindingSeverity): FindingSeverity => (severityRank(b) > severityRank(a) ? b : a);

/** The identity of a finding: kind, system, node and subject. */
export function findingKey(f: Pick<Finding, 'kind' | 'system' | 'node' | 'subject'>): string {
  return [f.kind, f.system, f.node ?? '', f.subject ?? ''].map((p) => p.replaceAll('|', '%7C')).join('|');
}

/** One finding per identity (the most severe one seen in the cycle wins). */
function uniqueFindings(findings: readonly Finding[]): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const f of findings) {
    const key = findingKey(f);
    const had = out.get(key);
    if (!had || severityRank(f.severity) > severityRank(had.severity)) out.set(key, f);
  }
  return out;
}

export class FindingTracker {
  readonly openAfterCycles: number;
  readonly closeAfterCycles: number;
  #tracks = new Map<string, FindingTrack & { system: string }>();

  constructor(opts: FindingTrackerOptions = {}) {
    this.openAfterCycles = opts.openAfterCycles ?? DEFAULT_OPEN_AFTER;
    this.closeAfterCycles = opts.closeAfterCycles ?? DEFAULT_CLOSE_AFTER;
    if (!(this.openAfterCycles >= 1) || !(this.closeAfterCycles >= 1)) throw new RangeError('cycle counts must be at least 1');
  }

  /**
   * Feed one cycle: the findings it gave and the systems it probed. Findings of systems not probed
   * keep their state; a finding of a system not listed in `probed` still counts as seen.
   */
  step(at: string, findings: readonly Finding[], probed: Iterable<string>): FindingEvent[] {
    const events: FindingEvent[] = [];
    const seen = uniqueFindings(findings);
    for (const [key, f] of seen) {
      let t = this.#tracks.get(key);
      if (!t) this.#tracks.set(key, t = { system: f.system, pendingCycles: 0, open: false, missedCycles: 0, firstSeen: at, lastSeen: at, severity: f.severity });
      t.lastSeen = at;
      t.missedCycles = 0;
      if (!t.open) {
        t.pendingCycles += 1;
        t.severity = t.pendingCycles === 1 ? f.severity : higherSeverity(t.severity, f.severity);
        if (t.pendingCycles >= this.openAfterCycles) {
          t.open = true;
          events.push({ kind: 'open', key, finding: { ...f, severity: t.severity }, firstSeen: t.firstSeen, at });
        }
        continue;
      }
      const raised = severityRank(f.severity) > severityRank(t.severity) ? f.severity : null;
      if (raised) t.severity = raised;
      events.push({ kind: 'seen', key, finding: { ...f, severity: t.severity }, severity: t.severity, raised, at });
    }
    const probedSet = new Set(probed);
    for (const [key, t] of this.#tracks) {
      if (seen.has(key) || !probedSet.has(t.system)) continue;
      if (!t.open) { this.#tracks.delete(key); continue; } // a run of sightings must be consecutive
      t.missedCycles += 1;
      if (t.missedCycles >= this.closeAfterCycles) {
        this.#tracks.delete(key);
        events.push({ kind: 'close', key, lastSeen: t.lastSeen, at, missedCycles: t.missedCycles });
      }
    }
    return events;
  }

  isOpen(key: string): boolean { return this.#tracks.get(key)?.open ?? false; }

  /** A copy of the state (open and pending tracks), keyed by identity. */
  state(): FindingTrackerState {
    const out: FindingTrackerState = {};
    for (const [key, { system: _s, ...t }] of this.#tracks) out[key] = { ...t };
    return out;
  }

  /** Replaces the state; `systemOf` gives each key's system (the second part of the key by default). */
  restore(state: FindingTrackerState): void {
    this.#tracks = new Map(Object.entries(state).map(([key, t]) => [key, { ...t, system: systemOfKey(key) }]));
  }

  /** An open track for a stored open finding (rebuild at start): closing needs closeAfterCycles misses again. */
  restoreOpen(key: string, t: Pick<FindingTrack, 'firstSeen' | 'lastSeen' | 'severity'>): void {
    this.#tracks.set(key, { system: systemOfKey(key), pendingCycles: 0, open: true, missedCycles: 0, ...t });
  }
}

function systemOfKey(key: string): string {
  return (key.split('|')[1] ?? '').replaceAll('%7C', '|');
}
