// A delegation as the platform keeps it (pure): the NS set, glue and DS that the parent zone's servers
// serve for a child zone (the referral), and the child's own NS set (from its servers). Every list is
// normalised — names absolute and lower-case, RDATA lower-case, duplicates removed, sorted — so two
// states compare equal whatever the order or case the servers used.
import { fqdn } from '../dns-names.ts';

export interface DelegationState {
  /** NS names in the parent's referral. */
  parentNs: string[];
  /** Glue in the parent's referral: NS name → its addresses (A and AAAA). */
  glue: Record<string, string[]>;
  /** DS records at the parent, RDATA ("12345 13 2 abcd…"). */
  ds: string[];
  /** NS names the child's own servers serve at the apex. */
  childNs: string[];
}

export const EMPTY_STATE: DelegationState = { parentNs: [], glue: {}, ds: [], childNs: [] };

const sortedSet = (list: readonly string[]): string[] => [...new Set(list)].sort();

/** IPv6 in a comparable form (lower-case; "::" spellings from servers are already canonical). */
const address = (a: string): string => a.trim().toLowerCase();

/** DS RDATA: key tag, algorithm, digest type, digest (hex, case-insensitive, spaces inside the digest ignored). */
export function normaliseDs(data: string): string {
  const parts = data.trim().split(/\s+/);
  if (parts.length < 4) return data.trim().toLowerCase();
  return `${parts[0]} ${parts[1]} ${parts[2]} ${parts.slice(3).join('').toLowerCase()}`;
}

export function normaliseState(s: Partial<DelegationState>): DelegationState {
  const glue: Record<string, string[]> = {};
  for (const [name, addrs] of Object.entries(s.glue ?? {})) {
    const key = fqdn(name);
    glue[key] = sortedSet([...(glue[key] ?? []), ...addrs.map(address)]);
  }
  const ordered: Record<string, string[]> = {};
  for (const k of Object.keys(glue).sort()) if (glue[k].length > 0) ordered[k] = glue[k];
  return {
    parentNs: sortedSet((s.parentNs ?? []).map(fqdn)),
    glue: ordered,
    ds: sortedSet((s.ds ?? []).map(normaliseDs)),
    childNs: sortedSet((s.childNs ?? []).map(fqdn)),
  };
}

/** Canonical text of a state (normalised first): equal states, equal text. */
export function stateKey(s: Partial<DelegationState>): string {
  return JSON.stringify(normaliseState(s));
}

export function sameState(a: Partial<DelegationState>, b: Partial<DelegationState>): boolean {
  return stateKey(a) === stateKey(b);
}

/** Glue as flat "name address" lines, for set differences. */
export function glueLines(glue: Record<string, string[]>): string[] {
  return Object.entries(glue).flatMap(([name, addrs]) => addrs.map((a) => `${name} ${a}`)).sort();
}
