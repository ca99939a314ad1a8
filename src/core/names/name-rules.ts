// Actions on registered and unregistered names (SPEC §6, seed 004; ANCHORS: Nomulus registry lock and
// reserved lists, FRED administrative blocking): which action is allowed from which state, what state
// follows, which actions undo which, and what every action must carry. Pure: no I/O, no clock.

/** Where a name stands at the registry. `absent`: not in the zone and not reserved (unregistered). */
export type NameStatus = 'active' | 'held' | 'sinkholed' | 'reserved' | 'reserved-sinkholed' | 'absent';

/** The actions that change a name through a connector. */
export const NAME_ACTIONS = ['hold', 'unhold', 'lock', 'unlock', 'sinkhole', 'unsinkhole', 'block', 'unblock'] as const;
export type NameAction = (typeof NAME_ACTIONS)[number];

/** Actions that are records only (no change in the zone or the registry database). */
export const RECORD_ACTIONS = ['refer', 'no-action'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** Drastic actions with extra requirements: transfer (EPP only), delete (two-person approval, checklist). */
export type DrasticAction = 'transfer' | 'delete';

export type AnyAction = NameAction | RecordAction | DrasticAction | 'status' | 'expire';

export interface NameState {
  status: NameStatus;
  /** serverTransferProhibited + serverDeleteProhibited + serverUpdateProhibited. */
  locked: boolean;
}

/** What to do with one name. `apply`: change to `next`; `already`: nothing to change; `refused`: why not. */
export type Decision =
  | { kind: 'apply'; next: NameState }
  | { kind: 'already' }
  | { kind: 'refused'; reason: string };

/** The action that undoes each reversible action (SPEC §6: serverHold is easy to undo). */
export const UNDO: Readonly<Partial<Record<AnyAction, AnyAction>>> = {
  hold: 'unhold', unhold: 'hold', lock: 'unlock', unlock: 'lock',
  sinkhole: 'unsinkhole', unsinkhole: 'sinkhole', block: 'unblock', unblock: 'block',
};
export const isReversible = (a: AnyAction): boolean => UNDO[a] !== undefined;

const registered = (s: NameStatus): boolean => s === 'active' || s === 'held' || s === 'sinkholed';
const LOCKED = 'locked (serverUpdateProhibited): unlock first';

/**
 * Decides one action on one name. `withSinkhole` is `block --sinkhole`: the reserved name is also
 * delegated to the sinkhole's nameservers.
 */
export function decide(action: NameAction, state: NameState, opts: { withSinkhole?: boolean } = {}): Decision {
  const s = state.status;
  const to = (status: NameStatus, locked = state.locked): Decision => ({ kind: 'apply', next: { status, locked } });
  const refuse = (reason: string): Decision => ({ kind: 'refused', reason });
  switch (action) {
    case 'lock':
      if (!registered(s)) return refuse(`not registered (${s})`);
      return state.locked ? { kind: 'already' } : to(s, true);
    case 'unlock':
      return state.locked ? to(s, false) : { kind: 'already' };
    case 'hold':
      if (s === 'held') return { kind: 'already' };
      if (!registered(s)) return refuse(`not registered (${s})`);
      if (state.locked) return refuse(LOCKED);
      if (s === 'sinkholed') return refuse('sinkholed: unsinkhole first');
      return to('held');
    case 'unhold':
      if (s === 'active') return { kind: 'already' };
      if (s !== 'held') return refuse(`not on hold (${s})`);
      return state.locked ? refuse(LOCKED) : to('active');
    case 'sinkhole':
      if (s === 'sinkholed') return { kind: 'already' };
      if (!registered(s)) return refuse(`not registered (${s}): use block --sinkhole for unregistered names`);
      if (state.locked) return refuse(LOCKED);
      if (s === 'held') return refuse('on hold: unhold first');
      return to('sinkholed');
    case 'unsinkhole':
      if (s === 'active') return { kind: 'already' };
      if (s !== 'sinkholed') return refuse(`not sinkholed (${s})`);
      return state.locked ? refuse(LOCKED) : to('active');
    case 'block': {
      if (registered(s)) return refuse(`registered (${s}): use hold or sinkhole`);
      const want: NameStatus = opts.withSinkhole ? 'reserved-sinkholed' : 'reserved';
      return s === want ? { kind: 'already' } : to(want, false);
    }
    case 'unblock':
      if (s === 'absent') return { kind: 'already' };
      if (s !== 'reserved' && s !== 'reserved-sinkholed') return refuse(`not reserved (${s})`);
      return to('absent', false);
  }
}

/** What every action carries (SPEC §6; issue 11 item 4). */
export interface ActionRecord {
  action: AnyAction;
  reason: string;
  requester: string;
  evidence?: string[];
  approver?: string | null;
  caseId?: string | null;
}

/** Problems with an action's record before anything is applied; [] when it may go ahead. */
export function checkRecord(r: ActionRecord): string[] {
  const problems: string[] = [];
  if (r.reason.trim().length === 0) problems.push('a reason is required');
  if (r.requester.trim().length === 0) problems.push('a requester is required');
  if (r.action === 'refer' && !r.caseId) problems.push('a referral belongs to a case (--case)');
  return problems;
}

/** The due-diligence checklist of a deletion (seed 004: delete is drastic and needs due diligence). */
export const DELETE_CHECKLIST = [
  'evidence-verified', 'registrar-contacted', 'registrant-notified-or-unreachable', 'no-legitimate-use', 'legal-review',
] as const;
export type DeleteCheck = (typeof DELETE_CHECKLIST)[number];

/** Deletion needs two approvers, both different from the requester and from each other, and every check done. */
export function checkDelete(r: ActionRecord & { approvers: string[]; checklist: Partial<Record<DeleteCheck, boolean>> }): string[] {
  const problems = checkRecord(r);
  const others = new Set(r.approvers.filter((a) => a.trim() && a !== r.requester));
  if (others.size < 2) problems.push('deletion needs two approvers other than the requester (two-person rule)');
  for (const item of DELETE_CHECKLIST) if (r.checklist[item] !== true) problems.push(`due-diligence checklist: '${item}' not done`);
  return problems;
}

/** Transfer to another registrar exists only where the registry database has registrars (EPP). */
export function checkTransfer(connectorKind: string, registrar: string | undefined): string[] {
  const problems: string[] = [];
  if (connectorKind !== 'epp') problems.push(`transfer needs the epp connector (this registry uses ${connectorKind})`);
  if (!registrar) problems.push('transfer needs the receiving registrar');
  return problems;
}

// `--until <date|duration>` of a DGA block: an RFC 3339 date/time (a bare date means 00:00 UTC of that
// day) or a duration from now (30m, 12h, 90d, 2w). `now` is passed in.
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The expiry as an ISO string, or an error message. Must lie after `now`. */
export function parseUntil(text: string, now: Date): { at: string } | { error: string } {
  const t = text.trim();
  const dur = /^([0-9]+)(m|h|d|w)$/.exec(t);
  let at: Date;
  if (dur) at = new Date(now.getTime() + Number(dur[1]) * UNIT_MS[dur[2]]);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) at = new Date(`${t}T00:00:00Z`);
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) at = new Date(t);
  else return { error: `'${text}' is neither a date (2027-01-31, 2027-01-31T08:00:00Z) nor a duration (30m, 12h, 90d, 2w)` };
  if (Number.isNaN(at.getTime())) return { error: `'${text}' is not a valid date` };
  if (at.getTime() <= now.getTime()) return { error: `'${text}' is not in the future` };
  return { at: at.toISOString() };
}

/** Whether a block with expiry `until` (ISO or null = no expiry) has expired at `now`. */
export const expired = (until: string | null, now: Date): boolean => until !== null && Date.parse(until) <= now.getTime();
