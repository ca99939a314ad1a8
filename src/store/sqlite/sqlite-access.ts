// The identity-and-access methods of the SQLite store (migration 004): users, sessions, API
// tokens, contacts, contact drills, warnings, drills. Same order as postgres/postgres-access.ts;
// SqliteStore forwards to this class (store-base.ts). Everything runs synchronously underneath.
import { randomUUID } from 'node:crypto';
import {
  assembleContactDrill, contactsDiff, rowToApiToken, rowToContactChange, rowToContactList, rowToDrill, rowToSession, rowToUser,
  rowToWarning, warningUpdate,
} from '../access-rows.ts';
import type {
  ApiToken, ApiTokenInput, ContactChange, ContactChangeInput, ContactDrill, ContactDrillInput, ContactEntry, ContactList, Drill,
  DrillInput, DrillPatch, DrillState, Session, SessionInput, User, UserInput, UserPatch, Warning, WarningInput, WarningPatch, WarningState,
} from '../access-types.ts';
import { clampLimit, iso, jsonText, type Row } from '../row-mapping.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import { b, type SqliteExec, type Value } from './sqlite-exec.ts';
const isoOrNull = (t: string | null | undefined): string | null => (t === null || t === undefined ? null : iso(t));

export class SqliteAccess {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  #run<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.#x.mapError(err, what);
    }
  }

  /** `UPDATE … SET <sets> WHERE <where> RETURNING *` from the defined fields of a patch. */
  #update(table: string, sets: Array<[string, Value | undefined]>, where: string, whereValues: Value[]): Row | undefined {
    const defined = sets.filter(([, v]) => v !== undefined) as Array<[string, Value]>;
    const text = `UPDATE ${table} SET ${defined.map(([c]) => `${c} = ?`).join(', ')} WHERE ${where} RETURNING *`;
    return this.#x.sql(text).get(...defined.map(([, v]) => v), ...whereValues) as Row | undefined;
  }

  createUser(input: UserInput): User {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    return this.#run(`user ${input.username}`, () => rowToUser(this.#x.sql(`INSERT INTO users
      (id, org, username, display_name, password_hash, roles, disabled, created_at, updated_at, must_change_password)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(id, input.org, input.username, input.displayName ?? null, input.passwordHash, jsonText(input.roles), b(input.disabled), at, at,
        b(input.mustChangePassword)) as Row));
  }

  getUser(id: string): User | null {
    const row = this.#x.sql('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToUser(row) : null;
  }

  getUserByUsername(username: string): User | null {
    const row = this.#x.sql('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
    return row ? rowToUser(row) : null;
  }

  listUsers(org?: string): User[] {
    const rows = this.#x.sql('SELECT * FROM users WHERE (?1 IS NULL OR org = ?1) ORDER BY org, username').all(org ?? null) as Row[];
    return rows.map(rowToUser);
  }

  updateUser(id: string, patch: UserPatch): User {
    const row = this.#update('users', [
      ['org', patch.org], ['display_name', patch.displayName], ['password_hash', patch.passwordHash],
      ['roles', patch.roles === undefined ? undefined : jsonText(patch.roles)],
      ['disabled', patch.disabled === undefined ? undefined : b(patch.disabled)],
      ['must_change_password', patch.mustChangePassword === undefined ? undefined : b(patch.mustChangePassword)], ['updated_at', iso(patch.updatedAt)],
    ], 'id = ?', [id]);
    if (!row) throw new NotFoundError(`user ${id}`);
    return rowToUser(row);
  }

  createSession(input: SessionInput): Session {
    return this.#run(`user ${input.userId}`, () => rowToSession(this.#x.sql(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
      VALUES (?, ?, ?, ?) RETURNING *`).get(input.tokenHash, input.userId, iso(input.createdAt), iso(input.expiresAt)) as Row));
  }

  getSession(tokenHash: string): Session | null {
    const row = this.#x.sql('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row ? rowToSession(row) : null;
  }

  revokeSession(tokenHash: string, at: string): boolean {
    const r = this.#x.sql('UPDATE sessions SET revoked_at = coalesce(revoked_at, ?) WHERE token_hash = ?').run(iso(at), tokenHash);
    return Number(r.changes) > 0;
  }

  createApiToken(input: ApiTokenInput): ApiToken {
    const id = input.id ?? randomUUID();
    return this.#run(`api token ${id}`, () => rowToApiToken(this.#x.sql(`INSERT INTO api_tokens (id, name, user_id, token_hash, created_at, expires_at, issued_by)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(id, input.name, input.userId, input.tokenHash, iso(input.createdAt), isoOrNull(input.expiresAt), input.issuedBy ?? null) as Row));
  }

  getApiToken(tokenHash: string): ApiToken | null {
    const row = this.#x.sql('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row ? rowToApiToken(row) : null;
  }

  listApiTokens(userId?: string): ApiToken[] {
    const rows = this.#x.sql('SELECT * FROM api_tokens WHERE (?1 IS NULL OR user_id = ?1) ORDER BY created_at, id').all(userId ?? null) as Row[];
    return rows.map(rowToApiToken);
  }

  touchApiToken(id: string, at: string): void {
    const r = this.#x.sql('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(iso(at), id);
    if (Number(r.changes) === 0) throw new NotFoundError(`api token ${id}`);
  }

  revokeApiToken(id: string, at: string): boolean {
    const r = this.#x.sql('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(iso(at), id);
    return Number(r.changes) > 0;
  }

  getContacts(org: string): ContactList {
    return rowToContactList(org, this.#x.sql('SELECT * FROM contact_lists WHERE org = ?').get(org) as Row | undefined);
  }

  putContacts(org: string, expectedVersion: number, contacts: ContactEntry[], change: ContactChangeInput): { list: ContactList; change: ContactChange } {
    const at = iso(change.at);
    return this.#x.tx(() => {
      const before = this.getContacts(org);
      if (before.version !== expectedVersion) throw new VersionConflictError(org, expectedVersion, before.version, 'contacts of');
      const version = before.version + 1;
      const row = this.#x.sql(`INSERT INTO contact_lists (org, version, contacts, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (org) DO UPDATE SET version = excluded.version, contacts = excluded.contacts,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by RETURNING *`)
        .get(org, version, jsonText(contacts), at, change.by) as Row;
      const logged = this.#x.sql(`INSERT INTO contact_changes (org, version, changed_at, changed_by, diff) VALUES (?, ?, ?, ?, ?) RETURNING *`)
        .get(org, version, at, change.by, jsonText(change.diff ?? contactsDiff(before.contacts, contacts))) as Row;
      return { list: rowToContactList(org, row), change: rowToContactChange(logged) };
    });
  }

  contactChanges(org?: string, opts: { unreported?: boolean } = {}): ContactChange[] {
    const rows = this.#x.sql(`SELECT * FROM contact_changes WHERE (?1 IS NULL OR org = ?1) AND (?2 = 0 OR reported_at IS NULL)
      ORDER BY changed_at, id`).all(org ?? null, b(opts.unreported)) as Row[];
    return rows.map(rowToContactChange);
  }

  markContactChangeReported(id: number, at: string): ContactChange {
    const row = this.#x.sql('UPDATE contact_changes SET reported_at = coalesce(reported_at, ?) WHERE id = ? RETURNING *').get(iso(at), id) as Row | undefined;
    if (!row) throw new NotFoundError(`contact change ${id}`);
    return rowToContactChange(row);
  }

  createContactDrill(input: ContactDrillInput): ContactDrill {
    const id = input.id ?? randomUUID();
    const row = this.#run(`contact drill ${id}`, () => this.#x.sql(`INSERT INTO contact_drills (id, org, started_at, due_at, created_by, contacts)
      VALUES (?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(id, input.org ?? null, iso(input.startedAt), isoOrNull(input.dueAt), input.createdBy, jsonText(input.contacts)) as Row);
    return assembleContactDrill(row, []);
  }

  recordContactAck(drillId: string, contactKey: string, at: string): ContactDrill {
    const drill = this.getContactDrill(drillId);
    if (!drill) throw new NotFoundError(`contact drill ${drillId}`);
    if (!drill.contacts.some((c) => c.key === contactKey)) throw new NotFoundError(`contact ${contactKey} of drill ${drillId}`);
    this.#x.sql('INSERT INTO contact_drill_acks (drill_id, contact_key, acked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(drillId, contactKey, iso(at));
    return this.getContactDrill(drillId)!;
  }

  getContactDrill(id: string): ContactDrill | null {
    const row = this.#x.sql('SELECT * FROM contact_drills WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    return assembleContactDrill(row, this.#x.sql('SELECT * FROM contact_drill_acks WHERE drill_id = ?').all(id) as Row[]);
  }

  listContactDrills(filter: { org?: string; limit?: number } = {}): ContactDrill[] {
    const rows = this.#x.sql('SELECT * FROM contact_drills WHERE (?1 IS NULL OR org = ?1) ORDER BY started_at DESC, id DESC LIMIT ?2')
      .all(filter.org ?? null, clampLimit(filter.limit, 100, 1000)) as Row[];
    const acks = this.#x.sql(`SELECT a.* FROM contact_drill_acks a WHERE a.drill_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(rows.map((r) => String(r.id)))) as Row[];
    return rows.map((r) => assembleContactDrill(r, acks.filter((a) => a.drill_id === r.id)));
  }

  createWarning(input: WarningInput): Warning {
    const id = input.id ?? randomUUID();
    const at = iso(input.issuedAt);
    const history = [{ at, by: input.issuedBy, action: 'issued' }];
    return this.#run(`warning ${id}`, () => rowToWarning(this.#x.sql(`INSERT INTO warnings
      (id, org, level, scope, state, issued_by, text, history, drill, version, issued_at, updated_at)
      VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, 1, ?, ?) RETURNING *`)
      .get(id, input.org, input.level, jsonText(input.scope), input.issuedBy, input.text, jsonText(history), b(input.drill), at, at) as Row));
  }

  updateWarning(id: string, expectedVersion: number, patch: WarningPatch): Warning {
    const current = this.getWarning(id);
    if (!current) throw new NotFoundError(`warning ${id}`);
    if (current.version !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current.version, 'warning');
    const next = warningUpdate(current, { ...patch, updatedAt: iso(patch.updatedAt) });
    const row = this.#run(`warning ${id}`, () => this.#update('warnings', [
      ['level', next.level], ['scope', jsonText(next.scope)], ['text', next.text], ['state', next.state],
      ['history', jsonText(next.history)], ['updated_at', iso(patch.updatedAt)], ['version', expectedVersion + 1],
    ], 'id = ? AND version = ?', [id, expectedVersion]));
    if (row) return rowToWarning(row);
    throw new VersionConflictError(id, expectedVersion, this.getWarning(id)?.version ?? 0, 'warning');
  }

  getWarning(id: string): Warning | null {
    const row = this.#x.sql('SELECT * FROM warnings WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToWarning(row) : null;
  }

  listWarnings(filter: { state?: WarningState; drill?: boolean; limit?: number } = {}): Warning[] {
    const rows = this.#x.sql(`SELECT * FROM warnings WHERE drill = ?1 AND (?2 IS NULL OR state = ?2)
      ORDER BY issued_at DESC, id DESC LIMIT ?3`).all(b(filter.drill), filter.state ?? null, clampLimit(filter.limit, 100, 1000)) as Row[];
    return rows.map(rowToWarning);
  }

  createDrill(input: DrillInput): Drill {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    return this.#run(`drill ${id}`, () => rowToDrill(this.#x.sql(`INSERT INTO drills
      (id, name, org, scope, state, created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`)
      .get(id, input.name, input.org, jsonText(input.scope), input.state ?? 'planned', input.createdBy, at, at) as Row));
  }

  updateDrill(id: string, expectedVersion: number, patch: DrillPatch): Drill {
    const row = this.#run(`drill ${id}`, () => this.#update('drills', [
      ['name', patch.name], ['scope', patch.scope === undefined ? undefined : jsonText(patch.scope)], ['state', patch.state],
      ['started_at', patch.startedAt === undefined ? undefined : isoOrNull(patch.startedAt)],
      ['ended_at', patch.endedAt === undefined ? undefined : isoOrNull(patch.endedAt)],
      ['report', patch.report === undefined ? undefined : jsonText(patch.report)],
      ['updated_at', iso(patch.updatedAt)], ['version', expectedVersion + 1],
    ], 'id = ? AND version = ?', [id, expectedVersion]));
    if (row) return rowToDrill(row);
    const current = this.getDrill(id);
    if (!current) throw new NotFoundError(`drill ${id}`);
    throw new VersionConflictError(id, expectedVersion, current.version, 'drill');
  }

  getDrill(id: string): Drill | null {
    const row = this.#x.sql('SELECT * FROM drills WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToDrill(row) : null;
  }

  listDrills(filter: { org?: string; state?: DrillState; limit?: number } = {}): Drill[] {
    const rows = this.#x.sql(`SELECT * FROM drills WHERE (?1 IS NULL OR org = ?1) AND (?2 IS NULL OR state = ?2)
      ORDER BY created_at DESC, id DESC LIMIT ?3`).all(filter.org ?? null, filter.state ?? null, clampLimit(filter.limit, 100, 1000)) as Row[];
    return rows.map(rowToDrill);
  }
}
