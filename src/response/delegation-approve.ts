// Approving an expected delegation change (issue 10 item 4): the owning organisation or the office moves
// the zone's baseline to what is seen now; the zone's open `delegation-change` finding closes at once.
// Audited: `delegation.approve` (before, after, reason) and `finding.close` for each finding closed.
// The rights check is the caller's (HTTP: delegation.approve). The office escalates instead with the
// findings' conversion (POST /findings/:id/incident).
import { normaliseState } from '../core/delegations/delegation-state.ts';
import type { Store, StoredFinding } from '../store/store.ts';
import { delegationView, underDelegationLock, type DelegationView } from './delegation-service.ts';
import type { FindingService } from './finding-service.ts';
import { ResponseError, type Actor } from './response-types.ts';

export interface ApproveDeps {
  store: Store;
  now: () => Date;
  /** Told of each finding closed (the live feed); optional. */
  findings?: Pick<FindingService, 'told'>;
}

export interface ApproveResult { delegation: DelegationView; closedFindings: string[] }

export function approveDelegation(deps: ApproveDeps, zone: string, actor: Actor, reason?: string): Promise<ApproveResult> {
  return underDelegationLock(() => approve(deps, zone, actor, reason));
}

async function approve(deps: ApproveDeps, zone: string, actor: Actor, reason?: string): Promise<ApproveResult> {
  const { store } = deps;
  const r = await store.getDelegation(zone);
  if (!r) throw new ResponseError('NOT_FOUND', `delegation ${zone} not found`);
  if (!r.seen || !r.seen.parentNodes.some((n) => n.state)) throw new ResponseError('CONFLICT', `nothing seen of ${zone} yet to approve`);
  const at = deps.now().toISOString();
  // a child that did not answer keeps the child NS of the baseline
  const answered = r.seen.childNodes.some((c) => c.ns);
  const after = normaliseState({ ...r.seen.state, childNs: answered ? r.seen.state.childNs : r.baseline.childNs });
  const why = reason?.trim() ? reason.trim() : null;
  const moved = await store.putDelegationBaseline({
    zone: r.zone, parent: r.parent, system: r.system, org: r.org, state: after, source: 'approved', at, by: actor.id,
  });
  const open = (await store.listFindings({ state: 'open', kind: 'delegation-change', system: r.system, limit: 1000 }))
    .filter((f) => f.subject === r.zone);
  const closed: StoredFinding[] = [];
  for (const f of open) {
    const c = await store.closeFinding(f.id, at);
    if (!c) continue;
    closed.push(c);
    await store.appendAudit({ at, actor: actor.id, action: 'finding.close', org: c.org, target: c.id, detail: { reason: 'delegation approved', zone: r.zone } });
  }
  await store.appendAudit({
    at, actor: actor.id, action: 'delegation.approve', org: r.org, target: r.zone,
    detail: { before: r.baseline, after, reason: why, closedFindings: closed.map((f) => f.id) },
  });
  for (const c of closed) deps.findings?.told(c, 'closed');
  return { delegation: delegationView(moved), closedFindings: closed.map((f) => f.id) };
}
