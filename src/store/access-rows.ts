// Pure row ↔ object conversions for migration 004's tables, shared by both backends, and the
// small pure steps the store methods share (contact-list diff, warning history step).
import type {
  ApiToken, ContactChange, ContactDrill, ContactEntry, ContactList, Drill, DrillScope, DrillState, Session, User, Warning,
  WarningHistoryEntry, WarningLevel, WarningPatch, WarningScope, WarningState,
} from './access-types.ts';
import type { Row } from './row-mapping.ts';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = (v: unknown): unknown => (v === null || v === undefined ? null : JSON.parse(String(v)));

export function rowToUser(r: Row): User {
  return {
    id: String(r.id), org: String(r.org), username: String(r.username), displayName: str(r.display_name),
    passwordHash: String(r.password_hash), roles: (json(r.roles) ?? []) as string[], disabled: Boolean(r.disabled),
    mustChangePassword: Boolean(r.must_change_password ?? false),
    createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}

export function rowToSession(r: Row): Session {
  return {
    tokenHash: String(r.token_hash), userId: String(r.user_id), createdAt: String(r.created_at),
    expiresAt: String(r.expires_at), revokedAt: str(r.revoked_at),
  };
}

export function rowToApiToken(r: Row): ApiToken {
  return {
    id: String(r.id), name: String(r.name), userId: String(r.user_id), tokenHash: String(r.token_hash),
    createdAt: String(r.created_at), expiresAt: str(r.expires_at), lastUsedAt: str(r.last_used_at), revokedAt: str(r.revoked_at),
    issuedBy: str(r.issued_by ?? null),
  };
}

export function rowToContactList(org: string, r: Row | undefined): ContactList {
  if (!r) return { org, version: 0, contacts: [], updatedAt: null, updatedBy: null };
  return {
    org: String(r.org), version: Number(r.version), contacts: json(r.contacts) as ContactEntry[],
    updatedAt: String(r.updated_at), updatedBy: String(r.updated_by),
  };
}

export function rowToContactChange(r: Row): ContactChange {
  return {
    id: Number(r.id), org: String(r.org), version: Number(r.version), changedAt: String(r.changed_at),
    reportedAt: str(r.reported_at), by: String(r.changed_by), diff: json(r.diff),
  };
}

/** A drill row with its acknowledgement rows (any order). */
export function assembleContactDrill(r: Row, acks: Row[]): ContactDrill {
  const ackedAt = new Map(acks.map((a) => [String(a.contact_key), String(a.acked_at)]));
  const contacts = json(r.contacts) as ContactDrill['contacts'];
  return {
    id: String(r.id), org: str(r.org), startedAt: String(r.started_at), dueAt: str(r.due_at), createdBy: String(r.created_by),
    contacts: contacts.map((c) => ({ ...c, ackedAt: ackedAt.get(c.key) ?? null })),
  };
}

export function rowToWarning(r: Row): Warning {
  return {
    id: String(r.id), org: String(r.org), level: String(r.level) as WarningLevel, scope: json(r.scope) as WarningScope,
    state: String(r.state) as WarningState, issuedBy: String(r.issued_by), text: String(r.text),
    history: json(r.history) as WarningHistoryEntry[], drill: Boolean(r.drill), version: Number(r.version),
    issuedAt: String(r.issued_at), updatedAt: String(r.updated_at),
  };
}

export function rowToDrill(r: Row): Drill {
  return {
    id: String(r.id), name: String(r.name), org: str(r.org), scope: json(r.scope) as DrillScope, state: String(r.state) as DrillState,
    createdBy: String(r.created_by), startedAt: str(r.started_at), endedAt: str(r.ended_at), report: json(r.report),
    version: Number(r.version), createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}

// ---- pure steps ----------------------------------------------------------------------------

export interface ContactsDiff {
  added: ContactEntry[];
  removed: ContactEntry[];
  changed: Array<{ name: string; from: ContactEntry; to: ContactEntry }>;
}

/** Contacts are matched by name: what was added, removed or changed between two lists. */
export function contactsDiff(before: ContactEntry[], after: ContactEntry[]): ContactsDiff {
  const old = new Map(before.map((c) => [c.name, c]));
  const now = new Map(after.map((c) => [c.name, c]));
  const same = (a: ContactEntry, b: ContactEntry): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
  return {
    added: after.filter((c) => !old.has(c.name)),
    removed: before.filter((c) => !now.has(c.name)),
    changed: after.filter((c) => old.has(c.name) && !same(old.get(c.name)!, c)).map((c) => ({ name: c.name, from: old.get(c.name)!, to: c })),
  };
}

function sorted(c: ContactEntry): Array<[string, unknown]> {
  return Object.entries(c).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The columns a warning update writes and the history entry it appends. */
export function warningUpdate(current: Warning, patch: WarningPatch): {
  level: WarningLevel; scope: WarningScope; text: string; state: WarningState; history: WarningHistoryEntry[];
} {
  const next = {
    level: patch.level ?? current.level, scope: patch.scope ?? current.scope,
    text: patch.text ?? current.text, state: patch.state ?? current.state,
  };
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const key of ['level', 'scope', 'text', 'state'] as const) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) {
      from[key] = current[key];
      to[key] = next[key];
    }
  }
  const action = next.state === 'lifted' && current.state !== 'lifted' ? 'lifted' : 'adjusted';
  const step: WarningHistoryEntry = { at: patch.updatedAt, by: patch.by, action, from, to };
  if (patch.note !== undefined) step.note = patch.note;
  return { ...next, history: [...current.history, step] };
}
