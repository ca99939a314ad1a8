// How long each node has been serving an older SOA serial than the truth, across cycles. Pure: the
// caller gives the cycle's time. Passed in ProbeDeps (`lags`) so that `probe --duration` and the
// daemon keep it between cycles, like the outage tracker.
//
// A lag runs from the start of the first cycle in which the node was seen lagging to the end of the
// latest; a cycle in which the node serves the truth's serial (or is ahead) ends it. A cycle without a
// serial from the node (its SOA query failed) is unknown: it neither ends nor extends the lag.

/** check.serialLagTolerance when a system has none: 15 minutes. */
export const DEFAULT_SERIAL_LAG_TOLERANCE_MS = 15 * 60_000;

export interface LagState { since: string; lastSeen: string }

export class SerialLagTracker {
  #open = new Map<string, { since: number; lastSeen: number }>();

  /** Records one cycle of a node (null = unknown); returns how long (ms) it has lagged without a break (0 when not lagging). */
  observe(systemId: string, nodeId: string, span: { from: Date; to: Date }, lagging: boolean | null): number {
    const key = `${systemId}/${nodeId}`;
    if (lagging === null) return this.lagMs(systemId, nodeId);
    if (!lagging) { this.#open.delete(key); return 0; }
    const open = this.#open.get(key) ?? { since: span.from.getTime(), lastSeen: span.to.getTime() };
    open.lastSeen = Math.max(open.lastSeen, span.to.getTime());
    this.#open.set(key, open);
    return Math.max(0, open.lastSeen - open.since);
  }

  /** The lag of a node so far (ms), without recording a cycle. */
  lagMs(systemId: string, nodeId: string): number {
    const open = this.#open.get(`${systemId}/${nodeId}`);
    return open ? open.lastSeen - open.since : 0;
  }

  /** For persistence (the daemon): open lags by "system/node". */
  toJSON(): Record<string, LagState> {
    return Object.fromEntries([...this.#open].map(([k, v]) =>
      [k, { since: new Date(v.since).toISOString(), lastSeen: new Date(v.lastSeen).toISOString() }]));
  }

  static fromJSON(json: Record<string, LagState>): SerialLagTracker {
    const tracker = new SerialLagTracker();
    for (const [k, v] of Object.entries(json ?? {})) {
      const since = Date.parse(v.since), lastSeen = Date.parse(v.lastSeen);
      if (Number.isFinite(since) && Number.isFinite(lastSeen)) tracker.#open.set(k, { since, lastSeen });
    }
    return tracker;
  }
}
