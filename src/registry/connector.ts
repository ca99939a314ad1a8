// The one interface every registry connector implements (issue 11 item 5): it reads what the registry
// knows about names and applies the changes the names core decided. The connectors are listed in
// connectors.ts; each lives in its own folder with its config schema, README paragraph and tests, and
// all of them pass the shared contract test (connector.contract.ts).
import type { NameAction, NameState, NameStatus } from '../core/names/name-rules.ts';
import type { StoredNameState } from '../store/name-types.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';

/** A name's delegation: its NS set, the glue below it and its DS records. */
export interface Delegation { ns: string[]; glue: ZoneRecord[]; ds: ZoneRecord[] }

export interface Sinkhole { nameservers: string[]; addresses: string[] }

/** What the registry shows for one name. `statuses` is null where the registry has none (DNS). */
export interface Observed {
  /** The name is registered (in the registry database, or delegated in the zone). */
  exists: boolean;
  delegation: Delegation | null;
  statuses: string[] | null;
  /** Why the name is not one the registry can act on (outside its zones, below another delegation, …). */
  unusable?: string;
  /** The read failed. */
  error?: string;
}

/** One change to apply. `restore`: the delegation recorded before a hold or sinkhole, for their undo. */
export interface Change {
  name: string;
  /** `delete` only after the two-person approval of name-records.ts. */
  action: NameAction | 'delete';
  observed: Observed;
  next: NameState;
  restore: Delegation | null;
}

/** null: applied; a string: why it failed. `note`: something the caller should say (e.g. DNS has no statuses). */
export interface ApplyResult { error: string | null; note?: string }

export type Progress = (done: number, total: number) => void;

export interface RegistryConnector {
  readonly kind: 'dns-update' | 'epp';
  /** Whether lock is held by the registry itself (EPP statuses) or only recorded by dnswarden (DNS). */
  readonly hasStatuses: boolean;
  read(names: readonly string[], progress?: Progress): Promise<Map<string, Observed>>;
  apply(changes: readonly Change[], sinkhole: Sinkhole | null, progress?: Progress): Promise<Map<string, ApplyResult>>;
  close(): Promise<void>;
}

/** The registry zone a name belongs to (the longest match), or null; the zone apex itself is no name to act on. */
export function zoneOf(name: string, zones: readonly string[]): string | null {
  let best: string | null = null;
  for (const z of zones) if (name !== z && (z === '.' || name.endsWith(`.${z}`)) && (!best || z.length > best.length)) best = z;
  return best;
}

// A name's current state at the registry, from what the connector reads (the zone or the registry
// database) and what dnswarden recorded (its reserved list, the lock where DNS has no statuses, the
// delegation saved before a hold or sinkhole). Pure.
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
