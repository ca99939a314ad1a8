// The clocks of open threat cases, ticked like the incident deadlines (src/response/deadline-ticker.ts):
// a reminder to the handling organisation 4 h before the 24-hour answer is due, an escalation to it
// and the emergency office when it passes, the registrar's silence past a referral's deadline (recorded:
// the registry may act on its own — nothing waits for the registrar), and a promised action's time
// frame passing. Each event key is claimed in detail.sent under the version check before anything is
// written or sent, so two tickers fire it once.
import { dueTimerEvents, type TimerEvent } from '../core/threats/timers.ts';
import { enqueueThreatMessages, type ThreatEvent } from '../notify/threat-notifications.ts';
import type { ThreatCase } from '../store/store.ts';
import { VersionConflictError } from '../store/store-errors.ts';
import type { ThreatService } from './threat-service.ts';
import { detailOf } from './threat-views.ts';

const EVENT: Record<TimerEvent['kind'], { event: ThreatEvent; timeline: string }> = {
  'assess-reminder': { event: 'threat-assess-reminder', timeline: 'reminder' },
  'assess-overdue': { event: 'threat-assess-overdue', timeline: 'escalated' },
  'referral-overdue': { event: 'threat-referral-overdue', timeline: 'referral-overdue' },
  'action-overdue': { event: 'threat-action-overdue', timeline: 'overdue' },
};

export interface ThreatTick { fired: Array<{ caseId: string; key: string }>; errors: Array<{ caseId: string; error: string }> }

export async function tickThreats(service: ThreatService): Promise<ThreatTick> {
  const store = service.store;
  const now = service.nowIso();
  const out: ThreatTick = { fired: [], errors: [] };
  const offices = service.settingsOffices();
  for (const listed of await store.listThreatCases({ state: 'open', limit: 5000 })) {
    try {
      for (const ev of dueTimerEvents(clockOf(listed), now, new Set(detailOf(listed).sent), service.settings.timers)) {
        const claimed = await claim(service, listed.id, ev.key);
        if (!claimed) continue;
        const { event, timeline } = EVENT[ev.kind];
        const detail = { key: ev.key, due: ev.due, ...(ev.kind === 'referral-overdue' ? { registrar: claimed.referredTo, registryMayAct: true } : {}) };
        await store.appendThreatTimeline(claimed.id, { at: now, kind: timeline, actor: 'system', detail });
        await store.appendAudit({ at: now, actor: 'system', action: `threat-case.${timeline}`, org: claimed.org, target: claimed.id, detail });
        const orgs = ev.kind === 'assess-overdue' || ev.kind === 'action-overdue' ? [claimed.org, ...offices] : [claimed.org];
        const recipients = (await Promise.all(orgs.map((o) => service.staffRecipients(o)))).flat();
        if (recipients.length > 0) {
          await enqueueThreatMessages(store, { event, key: ev.key, at: now, recipients,
            facts: { caseId: claimed.id, names: claimed.names, due: ev.due, ...(claimed.referredTo ? { registrar: claimed.referredTo } : {}) } });
        }
        out.fired.push({ caseId: claimed.id, key: ev.key });
      }
    } catch (err) {
      out.errors.push({ caseId: listed.id, error: (err as Error).message });
    }
  }
  return out;
}

function clockOf(c: ThreatCase) {
  const d = detailOf(c);
  return {
    state: c.state, assessmentDueAt: c.assessmentDueAt, assessedAt: c.assessedAt, mitigatedAt: c.mitigatedAt,
    referral: d.referral ? { registrar: d.referral.registrar, dueAt: d.referral.dueAt, answeredAt: d.referral.answeredAt } : null,
    actionDueAt: d.assessment?.actionDueAt ?? null,
  };
}

/** Marks the key sent; null when someone else did (or the case closed meanwhile). */
async function claim(service: ThreatService, id: string, key: string): Promise<ThreatCase | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await service.store.getThreatCase(id);
    if (!c || c.state === 'closed') return null;
    const d = detailOf(c);
    if (d.sent.includes(key)) return null;
    try {
      return await service.store.updateThreatCase(id, c.version, { detail: { ...d, sent: [...d.sent, key] } as unknown as Record<string, unknown> });
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
    }
  }
  return null;
}
