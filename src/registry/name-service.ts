// Actions on names (issue 11 items 4–5; contracts "Acting on names"): each name is read through the
// connector, decided by the names core, applied through the connector in batches, and recorded on the
// name's history (store), in the audit log and — with a case — on the threat case's timeline.
import { checkRecord, decide, type NameAction, type NameState } from '../core/names/name-rules.ts';
import { commandError } from '../core/threats/lifecycle.ts';
import type { NameHistoryInput, StoredNameState } from '../store/name-types.ts';
import type { Store } from '../store/store.ts';
import { currentState, normalizeName, type Change, type Delegation, type Progress, type RegistryConnector, type Sinkhole } from './connector.ts';

export type NameOutcome = 'applied' | 'already' | 'refused' | 'failed';

export interface NameResult {
  name: string;
  outcome: NameOutcome;
  state?: NameState;
  from?: NameState;
  reason?: string;
  note?: string;
}

/** Actions that are records only (refer, no-action) or steps of a deletion (name-records.ts). */
export type RecordedAction = 'refer' | 'no-action' | 'delete-request' | 'delete-approve' | 'delete';

export interface ActionRequest {
  action: NameAction | 'status' | RecordedAction;
  names: readonly string[];
  reason: string;
  actor: string;
  caseId?: string | null;
  evidence?: string[];
  approver?: string | null;
  withSinkhole?: boolean;
  /** A block's expiry (ISO). */
  until?: string | null;
  org?: string | null;
  progress?: (phase: 'read' | 'apply', done: number, total: number) => void;
}

/** One action of a run on the threat case's timeline (src/threats ThreatService.recordAction fits). */
export type CaseRecorder = (caseId: string, actor: string, a: { name: string; action: string; state: string; requester: string;
  approver: string | null; reason: string; detail: Record<string, unknown> }) => Promise<unknown>;

export interface NameServiceDeps {
  store: Store;
  /** Records the run on its case; without it the entry goes straight to the case timeline in the store. */
  recordOnCase?: CaseRecorder;
  connector: RegistryConnector;
  sinkhole: Sinkhole | null;
  now?: () => Date;
}

type Pending = { name: string; from: NameState; change: Change };

export class NameService {
  readonly #d: NameServiceDeps;
  constructor(deps: NameServiceDeps) { this.#d = deps; }

  now(): string { return (this.#d.now ?? (() => new Date()))().toISOString(); }

  /** A run for a case needs the case, open (a closed case takes no more actions: src/core/threats/lifecycle.ts). */
  async checkCase(caseId: string | null | undefined): Promise<void> {
    if (!caseId) return;
    const c = await this.#d.store.getThreatCase(caseId);
    if (!c) throw new Error(`no threat case '${caseId}'`);
    const why = commandError(c.state, 'action', c.assessedAt !== null);
    if (why) throw new Error(`threat case '${caseId}': ${why}`);
  }

  async run(req: ActionRequest & { action: NameAction | 'status' }): Promise<NameResult[]> {
    const problems = req.action === 'status' ? [] : checkRecord({ action: req.action, reason: req.reason, requester: req.actor });
    if (problems.length > 0) throw new Error(problems.join('; '));
    await this.checkCase(req.caseId);
    const at = this.now();
    const results = new Map<string, NameResult>();
    const names: string[] = [];
    const taken = new Set<string>();
    for (const raw of req.names) {
      const n = normalizeName(raw);
      if (!n) results.set(raw, { name: raw, outcome: 'refused', reason: 'not a valid domain name' });
      else if (!taken.has(n)) { taken.add(n); names.push(n); }
    }
    const stored = await this.#d.store.getNameStates(names);
    const seen = await this.#d.connector.read(names, this.#progress(req, 'read'));
    const pending: Pending[] = [];
    for (const name of names) {
      const o = seen.get(name)!;
      if (o.error) { results.set(name, { name, outcome: 'failed', reason: o.error }); continue; }
      if (o.unusable) { results.set(name, { name, outcome: 'refused', reason: o.unusable }); continue; }
      const from = currentState(o, stored.get(name), this.#d.sinkhole);
      if (req.action === 'status') { results.set(name, { name, outcome: 'already', state: from }); continue; }
      const d = decide(req.action, from, { withSinkhole: req.withSinkhole });
      if (d.kind === 'already') results.set(name, { name, outcome: 'already', state: from });
      else if (d.kind === 'refused') results.set(name, { name, outcome: 'refused', state: from, reason: d.reason });
      else pending.push({ name, from, change: { name, action: req.action as NameAction, observed: o, next: d.next, restore: (stored.get(name)?.saved as Delegation | null) ?? null } });
    }
    const applied = pending.length ? await this.#d.connector.apply(pending.map((p) => p.change), this.#d.sinkhole, this.#progress(req, 'apply')) : new Map();
    const states: StoredNameState[] = [];
    for (const p of pending) {
      const r = applied.get(p.name)!;
      if (r.error) { results.set(p.name, { name: p.name, outcome: 'failed', state: p.from, reason: r.error }); continue; }
      results.set(p.name, { name: p.name, outcome: 'applied', from: p.from, state: p.change.next, ...(r.note ? { note: r.note } : {}) });
      states.push(this.#nextStored(p, stored.get(p.name), req, at));
    }
    if (req.action === 'status') return [...results.values()];
    const list = [...results.values()];
    await this.record(req, at, states, list);
    return list;
  }

  #progress(req: ActionRequest, phase: 'read' | 'apply'): Progress | undefined {
    return req.progress ? (done, total) => req.progress!(phase, done, total) : undefined;
  }

  #nextStored(p: Pending, was: StoredNameState | undefined, req: ActionRequest, at: string): StoredNameState {
    const a = p.change.action;
    const saved = a === 'hold' || a === 'sinkhole' ? p.change.observed.delegation
      : a === 'unhold' || a === 'unsinkhole' || a === 'unblock' ? null : (was?.saved ?? null);
    const until = a === 'block' ? (req.until ?? null) : a === 'unblock' ? null : (was?.until ?? null);
    return { name: p.name, status: p.change.next.status, locked: p.change.next.locked, saved, until, caseId: req.caseId ?? was?.caseId ?? null, updatedAt: at };
  }

  /** Writes a run: states and one history row per name (one transaction), one audit entry, the case timeline. */
  async record(req: ActionRequest, at: string, states: StoredNameState[], list: NameResult[]): Promise<void> {
    const history: NameHistoryInput[] = list.map((r) => ({
      name: r.name, at, action: req.action === 'block' && req.withSinkhole ? 'block --sinkhole' : req.action, outcome: r.outcome, actor: req.actor,
      reason: req.reason, caseId: req.caseId ?? null, approver: req.approver ?? null, evidence: req.evidence ?? [],
      detail: { ...(r.from ? { from: r.from } : {}), ...(r.state ? { to: r.state } : {}), ...(r.reason ? { why: r.reason } : {}),
        ...(r.note ? { note: r.note } : {}), ...(req.until && req.action === 'block' ? { until: req.until } : {}), connector: this.#d.connector.kind },
    }));
    await this.#d.store.recordNameActions(states, history);
    const count = (o: NameOutcome) => list.filter((r) => r.outcome === o).length;
    const summary = { action: req.action, withSinkhole: req.withSinkhole ?? false, reason: req.reason, case: req.caseId ?? null, approver: req.approver ?? null,
      until: req.until ?? null, connector: this.#d.connector.kind, applied: count('applied'), already: count('already'), refused: count('refused'), failed: count('failed') };
    const detail = { ...summary, names: list.length <= 1000 ? list.map((r) => `${r.name} ${r.outcome}`) : `${list.length} names (each on its name history)` };
    await this.#d.store.appendAudit({ at, actor: req.actor, action: `names.${req.action}`, org: req.org ?? null,
      target: list.length === 1 ? list[0].name : `${list.length} names`, detail });
    if (!req.caseId) return;
    const state = `${summary.applied} applied, ${summary.already} already, ${summary.refused} refused, ${summary.failed} failed`;
    if (this.#d.recordOnCase) {
      await this.#d.recordOnCase(req.caseId, req.actor, { name: list.length === 1 ? list[0].name : `${list.length} names`, action: history[0]?.action ?? req.action,
        state, requester: req.actor, approver: req.approver ?? null, reason: req.reason, detail });
    } else await this.#d.store.appendThreatTimeline(req.caseId, { at, kind: 'action', actor: req.actor, detail });
  }

  /** Lifts blocks whose agreed period ended (unblock through the connector), recorded like any action. */
  async expire(actor: string, progress?: ActionRequest['progress']): Promise<NameResult[]> {
    const now = this.now();
    const due = await this.#d.store.listNameStates({ statuses: ['reserved', 'reserved-sinkholed'], expiresBy: now });
    if (due.length === 0) return [];
    return this.run({ action: 'unblock', names: due.map((s) => s.name), reason: 'the agreed blocking period ended', actor, progress });
  }
}
