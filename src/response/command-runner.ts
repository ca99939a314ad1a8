// The shape every person's command on an incident shares: the incident must exist, the injected
// authorize() must allow it (a denial is audited), a closed incident takes no more commands, the
// change is decided and written under the version check, then timeline + audit record it.
import type { Incident } from '../store/store.ts';
import { ResponseError, type Actor, type ResponseAction, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { Change, IncidentWrites } from './incident-writes.ts';

export interface CommandSpec<R> {
  id: string;
  actor: Actor;
  action: ResponseAction;
  /** Timeline kind (the audit action is `incident.<kind>`). */
  kind: string;
  /** Throws ResponseError to refuse; returns the change and what goes into timeline/audit. */
  decide: (incident: Incident, detail: ResponseDetail) => { change: Change; payload: R };
  allowClosed?: boolean;
}

export async function checkAllowed(deps: ResponseDeps, w: IncidentWrites, actor: Actor, action: ResponseAction, inc: Incident): Promise<void> {
  const reason = deps.authorize(actor, action, inc);
  if (reason === null) return;
  await w.audit(actor, 'incident.denied', inc.id, { action, reason });
  throw new ResponseError('FORBIDDEN', reason);
}

export async function runCommand<R>(deps: ResponseDeps, w: IncidentWrites, spec: CommandSpec<R>): Promise<{ incident: Incident; payload: R }> {
  const first = await w.get(spec.id);
  await checkAllowed(deps, w, spec.actor, spec.action, first);
  const res = await w.mutate(spec.id, (inc, d) => {
    if (!spec.allowClosed && (d.phase === 'closed' || inc.state === 'closed')) throw new ResponseError('CONFLICT', `incident ${inc.id} is closed`);
    const { change, payload } = spec.decide(inc, d);
    return { change, result: payload };
  });
  await w.record(spec.id, spec.actor, spec.kind, res.result);
  return { incident: res.incident, payload: res.result };
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ResponseError('INVALID', `${field}: required`, [`${field}: required`]);
  return value.trim();
}
