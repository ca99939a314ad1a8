// Comparing delegations (pure): a state against the baseline, field by field (parent NS, glue, DS,
// child NS), and the parent's NS set against the child's own. Order- and case-insensitive (states are
// normalised first); glue compares per "name address", DS per record.
import { glueLines, normaliseState, type DelegationState } from './delegation-state.ts';

export type DelegationField = 'parentNs' | 'glue' | 'ds' | 'childNs';

export interface FieldDifference {
  field: DelegationField;
  /** In the new state, not in the old one. */
  added: string[];
  /** In the old state, not in the new one. */
  removed: string[];
}

const FIELDS: readonly DelegationField[] = ['parentNs', 'glue', 'ds', 'childNs'];

function lines(s: DelegationState, field: DelegationField): string[] {
  return field === 'glue' ? glueLines(s.glue) : s[field];
}

/** What changed from `before` to `after`; [] when they are the same delegation. */
export function compareStates(before: Partial<DelegationState>, after: Partial<DelegationState>): FieldDifference[] {
  const a = normaliseState(before);
  const b = normaliseState(after);
  const out: FieldDifference[] = [];
  for (const field of FIELDS) {
    const old = new Set(lines(a, field));
    const now = new Set(lines(b, field));
    const added = [...now].filter((x) => !old.has(x));
    const removed = [...old].filter((x) => !now.has(x));
    if (added.length > 0 || removed.length > 0) out.push({ field, added, removed });
  }
  return out;
}

export interface Mismatch {
  /** At the parent only. */
  parentOnly: string[];
  /** At the child only. */
  childOnly: string[];
}

/** The parent's NS set against the child's (RFC 1034 §4.2.2: they should agree); null when they do, or when either is unknown (empty). */
export function parentChildMismatch(s: Partial<DelegationState>): Mismatch | null {
  const n = normaliseState(s);
  if (n.parentNs.length === 0 || n.childNs.length === 0) return null;
  const child = new Set(n.childNs);
  const parent = new Set(n.parentNs);
  const parentOnly = n.parentNs.filter((x) => !child.has(x));
  const childOnly = n.childNs.filter((x) => !parent.has(x));
  return parentOnly.length === 0 && childOnly.length === 0 ? null : { parentOnly, childOnly };
}

/** A change at the parent (NS, glue, DS) is what a hijack through the registry or registrar looks like. */
export function atParent(diffs: readonly FieldDifference[]): boolean {
  return diffs.some((d) => d.field !== 'childNs');
}

/** One line per difference: "parent NS +ns9.example.lab. −ns2.example.lab.". */
export function describeDifferences(diffs: readonly FieldDifference[]): string {
  const label: Record<DelegationField, string> = { parentNs: 'parent NS', glue: 'glue', ds: 'DS', childNs: 'child NS' };
  return diffs.map((d) => [label[d.field], ...d.added.map((x) => `+${x}`), ...d.removed.map((x) => `−${x}`)].join(' ')).join('; ');
}
