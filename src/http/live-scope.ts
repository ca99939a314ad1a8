// What one client of GET /api/v1/events may receive: the same scope as the REST routes
// (docs/api-v1.md "Scope and rights"), applied per stream. Pure: the events route decides per event
// with the principal it resolved at connect (and re-resolves now and then, see routes/events.ts).
//   cycle    → the systems of organisations the caller sees, exactly like GET /systems;
//   incident → only if GET /incidents/:id would answer 200 (decide 'incident.read' = allow: visible
//              organisation or commander); drills the same way, as GET /incidents/:id reads them;
//   warning  → every signed-in caller, exactly like GET /warnings (a warning names provinces, not
//              organisations: it is a public notice to everyone on the platform).
import type { Principal } from '../core/access/access-types.ts';
import { decide } from '../core/access/permissions.ts';
import { isVisible } from '../core/access/visibility.ts';
import type { Commander } from '../core/rules/commander.ts';
import type { LiveEvent } from './routes/events.ts';

/** The systems of a cycle frame that the caller may see (GET /systems filters the same way). */
export function visibleSystems<T extends { org: string }>(p: Pick<Principal, 'visible'>, systems: readonly T[]): T[] {
  return p.visible === 'all' ? [...systems] : systems.filter((s) => isVisible(p.visible, s.org));
}

/**
 * Whether the caller may read the incident an `incident` event describes (its summary carries `org`
 * and `commander`). An event without an organisation cannot be placed: it goes only to callers who
 * read every incident anyway (the office and the CERT), never to a scoped one.
 */
export function mayReadIncidentEvent(p: Principal, data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  const d = data as { org?: unknown; commander?: unknown };
  if (typeof d.org !== 'string') return p.visible === 'all' && p.roles.length > 0;
  const c = d.commander;
  const commander = c && typeof c === 'object' && typeof (c as { role?: unknown }).role === 'string' ? (c as Commander) : null;
  return decide(p, 'incident.read', { kind: 'incident', org: d.org, commander }) === 'allow';
}

/** Whether GET /findings/:id would answer 200: the finding's organisation is one the caller sees. */
export function mayReadFinding(p: Principal, finding: { org?: unknown } | null | undefined): boolean {
  if (!finding || typeof finding.org !== 'string') return false;
  return decide(p, 'finding.read', { kind: 'org', org: finding.org }) === 'allow';
}

/** GET /warnings answers every signed-in caller with every warning, so every warning event goes out. */
export function mayReceiveWarning(_p: Principal, _data: unknown): boolean {
  return true;
}

export interface CycleFrame<T extends { org: string }> { at: string | null; systems: T[] }

/**
 * The frame one client gets for a live event, or null when it gets none. `figures` turns a cycle's
 * snapshot into the figures of every system (the route computes them once per cycle for all streams).
 */
export function scopedFrame<T extends { org: string }>(p: Principal, event: LiveEvent,
  figures: (snapshot: Extract<LiveEvent, { kind: 'cycle' }>['snapshot']) => CycleFrame<T>): { event: string; data: unknown } | null {
  if (event.kind === 'cycle') {
    const all = figures(event.snapshot);
    return { event: 'cycle', data: { at: all.at, systems: visibleSystems(p, all.systems) } };
  }
  if (event.kind === 'incident') return mayReadIncidentEvent(p, event.data) ? { event: 'incident', data: event.data } : null;
  if (event.kind === 'warning') return mayReceiveWarning(p, event.data) ? { event: 'warning', data: event.data } : null;
  if (event.kind === 'finding') return mayReadFinding(p, event.finding) ? { event: 'finding', data: { change: event.change ?? 'updated', finding: event.finding } } : null;
  return null; // an unknown kind: nothing is sent that no rule covers
}
