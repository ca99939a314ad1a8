// Data types of the identity-and-access part of the Store (migration 004): users, sessions,
// API tokens, emergency contacts and their change log, contact drills, warnings and drills.
// Re-exported by store.ts; the methods are on the Store interface there.

// ---- users, sessions, API tokens ------------------------------------------------------

export interface UserInput {
  /** Caller-chosen id; a UUID when absent. */
  id?: string;
  org: string;
  /** Unique across the platform. */
  username: string;
  displayName?: string | null;
  /** `scrypt$N$r$p$salt$hash` from src/auth/passwords.ts; never a clear-text password. */
  passwordHash: string;
  roles: string[];
  disabled?: boolean;
  /** The next sign-in must change the password before anything else (the first admin). */
  mustChangePassword?: boolean;
  createdAt: string;
}

export interface User {
  id: string;
  org: string;
  username: string;
  displayName: string | null;
  passwordHash: string;
  roles: string[];
  disabled: boolean;
  /** true: every API call but /me, logout and changing one's own password answers 403 PASSWORD_CHANGE_REQUIRED. */
  mustChangePassword?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserPatch {
  org?: string;
  displayName?: string | null;
  passwordHash?: string;
  roles?: string[];
  disabled?: boolean;
  mustChangePassword?: boolean;
  updatedAt: string;
}

export interface SessionInput {
  /** SHA-256 of the session token (hex); the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface Session extends SessionInput {
  revokedAt: string | null;
}

export interface ApiTokenInput {
  id?: string;
  name: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt?: string | null;
  /** The user who minted it when not the token's own user (an admin); null/absent: the user. */
  issuedBy?: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  issuedBy: string | null;
}

// ---- emergency contacts (plan §6.2) ----------------------------------------------------

export interface ContactEntry {
  name: string;
  role: 'primary' | 'backup';
  phone?: string;
  email?: string;
  webhook?: string;
  /** Language of messages to this contact ('zh' default, 'en'). */
  lang?: string;
}

export interface ContactList {
  org: string;
  /** 0 while the organisation has never stored a list; every put adds 1. */
  version: number;
  contacts: ContactEntry[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ContactChangeInput {
  at: string;
  by: string;
  /** What changed; computed from the old and new lists (contactsDiff) when absent. */
  diff?: unknown;
}

export interface ContactChange {
  id: number;
  org: string;
  /** The list version this change produced. */
  version: number;
  changedAt: string;
  /** When the change was reported to the national emergency office; null while not reported. */
  reportedAt: string | null;
  by: string;
  diff: unknown;
}

export interface ContactDrillContact {
  /** Unique within the drill; the acknowledgement names it (e.g. `<org>:<name>` or a random token's id). */
  key: string;
  org: string;
  name: string;
  channel?: string;
  address?: string;
}

export interface ContactDrillInput {
  id?: string;
  /** The organisation whose contacts are drilled; null for a national drill across organisations. */
  org?: string | null;
  startedAt: string;
  /** Acknowledgements after this time count as late. */
  dueAt?: string | null;
  createdBy: string;
  contacts: ContactDrillContact[];
}

export interface ContactDrill {
  id: string;
  org: string | null;
  startedAt: string;
  dueAt: string | null;
  createdBy: string;
  contacts: Array<ContactDrillContact & { ackedAt: string | null }>;
}

// ---- warnings (预警) ---------------------------------------------------------------------

export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';
export type WarningState = 'active' | 'lifted';
export interface WarningScope { national: boolean; provinces?: string[] }

export interface WarningHistoryEntry {
  at: string;
  by: string;
  action: 'issued' | 'adjusted' | 'lifted';
  /** Previous values of the fields this step changed. */
  from?: Record<string, unknown>;
  /** New values of the fields this step changed. */
  to?: Record<string, unknown>;
  note?: string;
}

export interface WarningInput {
  id?: string;
  /** The issuing organisation (emergency office or provincial authority). */
  org: string;
  level: WarningLevel;
  scope: WarningScope;
  /** The user who issued it. */
  issuedBy: string;
  text: string;
  drill?: boolean;
  issuedAt: string;
}

export interface Warning {
  id: string;
  org: string;
  level: WarningLevel;
  scope: WarningScope;
  state: WarningState;
  issuedBy: string;
  text: string;
  /** Oldest first; the store appends one entry per create and update. */
  history: WarningHistoryEntry[];
  drill: boolean;
  version: number;
  issuedAt: string;
  updatedAt: string;
}

export interface WarningPatch {
  level?: WarningLevel;
  scope?: WarningScope;
  text?: string;
  /** 'lifted' lifts the warning. */
  state?: WarningState;
  /** Who made the change, for the history. */
  by: string;
  note?: string;
  updatedAt: string;
}

// ---- drills (应急演练) -----------------------------------------------------------------

export type DrillState = 'planned' | 'running' | 'ended' | 'cancelled';

/** National, provincial or per-organisation (SPEC §5). */
export interface DrillScope { level: 'national' | 'provincial' | 'organisation'; province?: string; orgs?: string[] }

export interface DrillInput {
  id?: string;
  name: string;
  /** The organisation that runs the drill. */
  org: string | null;
  scope: DrillScope;
  state?: DrillState;
  createdBy: string;
  createdAt: string;
}

export interface Drill {
  id: string;
  name: string;
  org: string | null;
  scope: DrillScope;
  state: DrillState;
  createdBy: string;
  startedAt: string | null;
  endedAt: string | null;
  report: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DrillPatch {
  name?: string;
  scope?: DrillScope;
  state?: DrillState;
  startedAt?: string | null;
  endedAt?: string | null;
  /** Replaces the whole report (read, modify, write under the version check). */
  report?: unknown;
  updatedAt: string;
}
