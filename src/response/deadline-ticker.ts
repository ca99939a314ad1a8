// The written information report's deadline (24 h, Measures art. 41): a reminder to the affected
// organisation before it, an escalation to the commander once it has passed. Each event key is
// claimed in detail.deadlines.sent under the version check before it is sent, so two tickers (or
// a tick racing a command) send it once; a failed send gives the claim back for the next tick.
import { dueDeadlineEvents } from '../core/incidents/incident-process.ts';
import type { Incident } from '../store/store.ts';
import { OPEN_PHASES, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { IncidentWrites } from './incident-writes.ts';
import { incidentTargets } from './recipients.ts';

export interface FiredDeadline { incidentId: string; key: string; kind: 'remind' | 'overdue'; drill: boolean }

export class DeadlineTicker {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  constructor(deps: ResponseDeps, writes: IncidentWrites) { this.#deps = deps; this.#w = writes; }

  /** One pass over every open incident (real and drill: drills run the same process). */
  async tick(): Promise<{ fired: FiredDeadline[]; errors: Array<{ incidentId: string; error: string }> }> {
    const fired: FiredDeadline[] = [];
    const errors: Array<{ incidentId: string; error: string }> = [];
    for (const drill of [false, true]) {
      for (const inc of await this.#w.listAll({ drill, state: [...OPEN_PHASES] })) {
        try {
          fired.push(...await this.#tickOne(inc));
        } catch (err) {
          errors.push({ incidentId: inc.id, error: (err as Error).message });
        }
      }
    }
    return { fired, errors };
  }

  async #tickOne(listed: Incident): Promise<FiredDeadline[]> {
    const d0 = listed.detail as unknown as ResponseDetail;
    if (d0.informationReport || !d0.deadlines) return [];
    const now = this.#w.nowIso();
    const due = dueDeadlineEvents(d0.deadlines.writtenReportDue, now, new Set(d0.deadlines.sent), false);
    const out: FiredDeadline[] = [];
    for (const ev of due) {
      const claim = await this.#w.mutate(listed.id, (_inc, d) => {
        if (d.informationReport || d.deadlines.sent.includes(ev.key) || d.phase === 'closed') return { change: null, result: false };
        return { change: { detail: { ...d, deadlines: { ...d.deadlines, sent: [...d.deadlines.sent, ev.key] } } }, result: true };
      });
      if (!claim.result) continue;
      const inc = claim.incident;
      const d = inc.detail as unknown as ResponseDetail;
      const orgs = this.#deps.config.organizations;
      try {
        await this.#deps.notify(ev.kind === 'remind'
          ? { event: 'report-reminder', key: `${inc.id}:report-reminder:${ev.minutesBefore}`, at: now, incident: inc,
            to: incidentTargets(inc.org, d.commander, orgs, 'affected'), context: { minutesBefore: ev.minutesBefore, due: ev.due } }
          : { event: 'report-overdue-escalation', key: `${inc.id}:report-overdue-escalation`, at: now, incident: inc,
            to: incidentTargets(inc.org, d.commander, orgs, 'both'), context: { due: ev.due } });
      } catch (err) {
        await this.#w.mutate(inc.id, (_i, dd) => ({
          change: { detail: { ...dd, deadlines: { ...dd.deadlines, sent: dd.deadlines.sent.filter((k) => k !== ev.key) } } }, result: null,
        }));
        throw err;
      }
      await this.#w.timeline(inc.id, ev.kind === 'remind' ? 'deadline-reminder' : 'deadline-overdue', null,
        { key: ev.key, due: ev.due, ...(ev.kind === 'remind' ? { minutesBefore: ev.minutesBefore } : {}) });
      out.push({ incidentId: inc.id, key: ev.key, kind: ev.kind, drill: inc.drill });
    }
    return out;
  }
}
