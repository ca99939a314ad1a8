// A name's current state at the registry, from what the connector reads (the zone or the registry
// database) and what dnswarden recorded (its reserved list, the lock where DNS has no statuses, the
// delegation saved before a hold or sinkhole). Pure.
import type { NameState, NameStatus } from '../core/names/name-rules.ts';
import type { StoredNameState } from '../store/name-types.ts';
import type { Observed, Sinkhole } from './connector.ts';

const LOCK = ['serverTransferProhibited', 'serverDeleteProhibited', 'serverUpdateProhibited'];
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Names as dnswarden handles them: absolute, lower-case, LDH labels (DGA lists included). */
export function normalizeName(raw: string): string | null {
  const n = raw.trim().toLowerCase().replace(/\.?$/, '.');
  return /^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+$/.test(n) && n.length <= 254 ? n : null;
}

export function currentState(o: Observed, stored: StoredNameState | undefined, sinkhole: Sinkhole | null): NameState {
  const locked = o.statuses ? LOCK.every((s) => o.statuses!.includes(s)) : stored?.locked ?? false;
  const recorded = stored?.status;
  let status: NameStatus;
  if (o.statuses?.includes('serverHold')) status = 'held';
  else if (o.delegation && sinkhole && sameSet(o.delegation.ns, sinkhole.nameservers)
    && (recorded === 'sinkholed' || recorded === 'reserved-sinkholed')) status = recorded;
  else if (o.exists) status = 'active';
  else if (recorded === 'held' || recorded === 'reserved' || recorded === 'reserved-sinkholed') status = recorded;
  else status = 'absent';
  return { status, locked };
}
