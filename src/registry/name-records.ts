// Actions on names that are records (SPEC §6): a referral to the registrar and "no action" change
// nothing and are recorded on each name's history, in the audit log and on the case; and deletion —
// drastic, so it needs a due-diligence checklist on the request and two approvers other than the
// requester (src/core/names checkDelete), each approval a separate authenticated step. The request and
// the approvals are history rows of the name; the second approval deletes through the connector (EPP
// domain:delete; dns-update: the delegation is removed) and records `delete`.
import { checkDelete, checkRecord, DELETE_CHECKLIST, type DeleteCheck } from '../core/names/name-rules.ts';
import type { NameHistoryEntry } from '../store/name-types.ts';
import type { Store } from '../store/store.ts';
import { currentState, normalizeName, type RegistryConnector, type Sinkhole } from './connector.ts';
import type { NameResult, NameService } from './name-service.ts';

export interface RecordRequest { action: 'refer' | 'no-action'; names: readonly string[]; reason: string; actor: string; caseId: string | null; registrar?: string; evidence?: string[] }

export class NameRecords {
  readonly #svc: NameService;
  readonly #store: Store;
  readonly #connector: RegistryConnector;
  readonly #sinkhole: Sinkhole | null;
  constructor(o: { service: NameService; store: Store; connector: RegistryConnector; sinkhole: Sinkhole | null }) {
    this.#svc = o.service; this.#store = o.store; this.#connector = o.connector; this.#sinkhole = o.sinkhole;
  }

  /** refer / no-action: every valid name `applied` (a record), nothing changes at the registry. */
  async recordOnly(r: RecordRequest): Promise<NameResult[]> {
    const problems = checkRecord({ action: r.action, reason: r.reason, requester: r.actor, caseId: r.caseId });
    if (r.action === 'refer' && !r.registrar) problems.push('a referral names the registrar');
    if (problems.length > 0) throw new Error(problems.join('; '));
    await this.#svc.checkCase(r.caseId);
    const note = r.action === 'refer' ? `referred to registrar ${r.registrar}` : 'no action taken';
    const list: NameResult[] = r.names.map((raw) => {
      const name = normalizeName(raw);
      return name ? { name, outcome: 'applied', note } : { name: raw, outcome: 'refused', reason: 'not a valid domain name' };
    });
    await this.#svc.record({ ...r, approver: null }, this.#svc.now(), [], list);
    return list;
  }

  /** The open deletion request of a name (no `delete` after it) and its approvals. */
  async #pending(name: string): Promise<{ request: NameHistoryEntry; approvals: NameHistoryEntry[] } | null> {
    const h = await this.#store.nameHistory(name, 10_000);
    let request: NameHistoryEntry | null = null;
    let approvals: NameHistoryEntry[] = [];
    for (const e of h) {
      if (e.action === 'delete-request' && e.outcome === 'applied') { request = e; approvals = []; }
      else if (e.action === 'delete' && e.outcome === 'applied') request = null;
      else if (e.action === 'delete-approve' && e.outcome === 'applied' && request) approvals.push(e);
    }
    return request ? { request, approvals } : null;
  }

  /** Opens a deletion request; refused (nothing recorded) when the checklist is incomplete. */
  async requestDelete(raw: string, r: { reason: string; actor: string; caseId: string | null; evidence?: string[]; checklist: Partial<Record<DeleteCheck, boolean>> }): Promise<NameResult> {
    const name = normalizeName(raw);
    if (!name) return { name: raw, outcome: 'refused', reason: 'not a valid domain name' };
    const problems = checkDelete({ action: 'delete', reason: r.reason, requester: r.actor, approvers: ['(1)', '(2)'], checklist: r.checklist });
    if (problems.length > 0) return { name, outcome: 'refused', reason: problems.join('; ') };
    if (await this.#pending(name)) return { name, outcome: 'already', reason: 'a deletion request is open' };
    const result: NameResult = { name, outcome: 'applied', note: 'deletion requested: two approvers other than the requester are needed' };
    await this.#svc.record({ action: 'delete-request', names: [name], reason: r.reason, actor: r.actor, caseId: r.caseId, evidence: r.evidence, approver: null },
      this.#svc.now(), [], [{ ...result, note: `${result.note}; checklist ${DELETE_CHECKLIST.join(', ')}` }]);
    return result;
  }

  /** One approval; the second by another person (not the requester) deletes the name through the connector. */
  async approveDelete(raw: string, actor: string): Promise<NameResult & { approvals: string[] }> {
    const name = normalizeName(raw) ?? raw;
    const open = await this.#pending(name);
    if (!open) return { name, outcome: 'refused', reason: 'no open deletion request', approvals: [] };
    const approvers = open.approvals.map((a) => a.actor);
    if (actor === open.request.actor) return { name, outcome: 'refused', reason: 'the requester cannot approve (two-person rule)', approvals: approvers };
    if (approvers.includes(actor)) return { name, outcome: 'already', reason: 'already approved by this person', approvals: approvers };
    const base = { reason: open.request.reason, caseId: open.request.caseId, evidence: open.request.evidence };
    const now = [...approvers, actor];
    await this.#svc.record({ action: 'delete-approve', names: [name], actor, approver: actor, ...base }, this.#svc.now(), [], [{ name, outcome: 'applied', note: `approval ${now.length} of 2` }]);
    if (now.length < 2) return { name, outcome: 'applied', note: 'approved; one more approver is needed', approvals: now };
    const observed = (await this.#connector.read([name])).get(name)!;
    const stored = (await this.#store.getNameStates([name])).get(name);
    const from = currentState(observed, stored, this.#sinkhole);
    let result: NameResult;
    if (observed.error || observed.unusable) result = { name, outcome: observed.error ? 'failed' : 'refused', reason: observed.error ?? observed.unusable };
    else if (!observed.exists && from.status !== 'held') result = { name, outcome: 'already', state: from };
    else if (from.locked) result = { name, outcome: 'refused', state: from, reason: 'locked (serverDeleteProhibited): unlock first' };
    else {
      const next = { status: 'absent' as const, locked: false };
      const r = (await this.#connector.apply([{ name, action: 'delete', observed, next, restore: null }], this.#sinkhole)).get(name)!;
      result = r.error ? { name, outcome: 'failed', state: from, reason: r.error } : { name, outcome: 'applied', from, state: next };
    }
    const states = result.outcome === 'applied' ? [{ name, status: 'absent' as const, locked: false, saved: null, until: null, caseId: base.caseId, updatedAt: this.#svc.now() }] : [];
    await this.#svc.record({ action: 'delete', names: [name], actor, approver: now.join(', '), ...base }, this.#svc.now(), states, [result]);
    return { ...result, approvals: now };
  }
}
