// Which systems, nodes and services are failing right now, and since when (pure, no I/O).
// Each cycle's snapshot is compared with the open outages: a thing that starts failing opens
// one, a thing that recovers closes it. The daemon persists the changes and restores the open
// ones from the store at start, so "stopped for N minutes" survives a restart.
import type { Snapshot, SystemMeasurement } from '../core/snapshot.ts';

export interface OutageKey {
  systemId: string;
  /** null: the whole system. */
  nodeId: string | null;
  /** null: resolution; otherwise 'registration' | 'whois' | 'rdap'. */
  service: string | null;
}

export interface OpenOutage extends OutageKey {
  startedAt: string;
  /** Store id, once the store has it. */
  id: number | null;
}

export type OutageChange =
  | { kind: 'open'; outage: OpenOutage }
  | { kind: 'close'; outage: OpenOutage; endedAt: string };

export const outageKeyText = (k: OutageKey): string => `${k.systemId}/${k.nodeId ?? '*'}/${k.service ?? 'dns'}`;

/** What is failing in one system: the system as a whole, each node, each service. */
export function failingInSystem(system: SystemMeasurement, stoppedBelow: number): OutageKey[] {
  const failing: OutageKey[] = [];
  const probed = system.nodes.filter((n) => n.queries > 0);
  if (probed.length > 0 && system.successRate < stoppedBelow) {
    failing.push({ systemId: system.id, nodeId: null, service: null });
  }
  for (const node of probed) {
    if (node.successRate < stoppedBelow) failing.push({ systemId: system.id, nodeId: node.id, service: null });
  }
  for (const [service, status] of Object.entries(system.services ?? {})) {
    if (status && !status.up) failing.push({ systemId: system.id, nodeId: null, service });
  }
  return failing;
}

export class OutageBook {
  #open = new Map<string, OpenOutage>();

  constructor(open: OpenOutage[] = []) {
    for (const o of open) this.#open.set(outageKeyText(o), { ...o });
  }

  /** Compare one cycle with the open outages. Systems absent from the snapshot keep theirs. */
  step(snapshot: Snapshot, stoppedBelow: number): OutageChange[] {
    const changes: OutageChange[] = [];
    // A new failure is taken to have begun when the failing window began.
    const startedAt = snapshot.window.from;
    for (const system of snapshot.systems) {
      const now = new Map(failingInSystem(system, stoppedBelow).map((k) => [outageKeyText(k), k]));
      for (const [text, key] of now) {
        if (this.#open.has(text)) continue;
        const outage: OpenOutage = { ...key, startedAt, id: null };
        this.#open.set(text, outage);
        changes.push({ kind: 'open', outage });
      }
      for (const [text, outage] of this.#open) {
        if (outage.systemId !== system.id || now.has(text)) continue;
        this.#open.delete(text);
        // Fine again for the whole window: it ended when the window began (never before it started).
        const endedAt = snapshot.window.from < outage.startedAt ? outage.startedAt : snapshot.window.from;
        changes.push({ kind: 'close', outage, endedAt });
      }
    }
    return changes;
  }

  /** Remember the store id of an open outage (after the store accepted it). */
  setId(key: OutageKey, id: number): void {
    const o = this.#open.get(outageKeyText(key));
    if (o) o.id = id;
  }

  openOutages(): OpenOutage[] {
    return [...this.#open.values()].map((o) => ({ ...o }));
  }

  /** Whole minutes (fractional) an open outage has lasted at `at`; 0 when none is open. */
  minutesOpen(key: OutageKey, at: string): number {
    const o = this.#open.get(outageKeyText(key));
    if (!o) return 0;
    const ms = Date.parse(at) - Date.parse(o.startedAt);
    return ms > 0 ? Math.round(ms / 600) / 100 : 0;
  }
}

/**
 * Fill stoppedMinutes and services.*.downMinutes from the outage history (the engine only sees
 * one cycle). Keeps the engine's figure when it is larger.
 */
export function applyOutageMinutes(snapshot: Snapshot, book: OutageBook): Snapshot {
  const systems = snapshot.systems.map((s) => {
    const stopped = book.minutesOpen({ systemId: s.id, nodeId: null, service: null }, snapshot.at);
    let services = s.services;
    if (services) {
      services = { ...services };
      for (const name of ['registration', 'whois', 'rdap'] as const) {
        const st = services[name];
        if (!st) continue;
        const down = book.minutesOpen({ systemId: s.id, nodeId: null, service: name }, snapshot.at);
        services[name] = { ...st, downMinutes: Math.max(st.downMinutes, down) };
      }
    }
    return { ...s, stoppedMinutes: Math.max(s.stoppedMinutes, stopped), ...(services ? { services } : {}) };
  });
  return { ...snapshot, systems };
}
