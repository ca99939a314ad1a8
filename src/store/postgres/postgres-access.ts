// The identity-and-access methods of the PostgreSQL store (migration 004): users, sessions, API
// tokens, contacts, contact drills, warnings, drills. Same order as sqlite/sqlite-access.ts;
// PostgresStore forwards to this class (store-base.ts).
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
import type { PostgresExec } from './postgres-exec.ts';

const isoOrNull = (t: string | null | undefined): string | null => (t === null || t === undefined ? null : iso(t));

export class PostgresAccess {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  /** `UPDATE … SET <sets> WHERE <where> RETURNING *` from the defined fields of a patch. */
  async #update(table: string, sets: Array<[string, unknown]>, where: (n: number) => string, whereValues: unknown[], what: string): Promise<Row | undefined> {
    const defined = sets.filter(([, v]) => v !== undefined);
    const text = `UPDATE ${table} SET ${defined.map(([c], i) => `${c} = $${i + 1}`).join(', ')} WHERE ${where(defined.length + 1)} RETURNING *`;
    return (await this.#x.q(text, [...defined.map(([, v]) => v), ...whereValues], undefined, what))[0];
  }

  async createUser(input: UserInput): Promise<User> {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    const rows = await this.#x.q(`INSERT INTO users (id, org, username, display_name, password_hash, roles, disabled, created_at, updated_at,
      must_change_password) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING *`,
    [id, input.org, input.username, input.displayName ?? null, input.passwordHash, jsonText(input.roles), input.disabled ?? false, at,
      input.mustChangePassword ?? false],
    'dw_create_user', `user ${input.username}`);
    return rowToUser(rows[0]);
  }

  async getUser(id: string): Promise<User | null> {
    const rows = await this.#x.q('SELECT * FROM users WHERE id = $1', [id], 'dw_get_user');
    return rows[0] ? rowToUser(rows[0]) : null;
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const rows = await this.#x.q('SELECT * FROM users WHERE username = $1', [username], 'dw_get_user_by_name');
    return rows[0] ? rowToUser(rows[0]) : null;
  }

  async listUsers(org?: string): Promise<User[]> {
    const rows = await this.#x.q('SELECT * FROM users WHERE ($1::text IS NULL OR org = $1) ORDER BY org, username', [org ?? null], 'dw_list_users');
    return rows.map(rowToUser);
  }

  async updateUser(id: string, patch: UserPatch): Promise<User> {
    const row = await this.#update('users', [
      ['org', patch.org], ['display_name', patch.displayName], ['password_hash', patch.passwordHash],
      ['roles', patch.roles === undefined ? undefined : jsonText(patch.roles)], ['disabled', patch.disabled],
      ['must_change_password', patch.mustChangePassword], ['updated_at', iso(patch.updatedAt)],
    ], (n) => `id = $${n}`, [id], `user ${id}`);
    if (!row) throw new NotFoundError(`user ${id}`);
    return rowToUser(row);
  }

  async createSession(input: SessionInput): Promise<Session> {
    const rows = await this.#x.q(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING *`,
      [input.tokenHash, input.userId, iso(input.createdAt), iso(input.expiresAt)], 'dw_create_session', `user ${input.userId}`);
    return rowToSession(rows[0]);
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    const rows = await this.#x.q('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash], 'dw_get_session');
    return rows[0] ? rowToSession(rows[0]) : null;
  }

  async revokeSession(tokenHash: string, at: string): Promise<boolean> {
    const rows = await this.#x.q('UPDATE sessions SET revoked_at = coalesce(revoked_at, $2) WHERE token_hash = $1 RETURNING token_hash',
      [tokenHash, iso(at)], 'dw_revoke_session');
    return rows.length > 0;
  }

  async createApiToken(input: ApiTokenInput): Promise<ApiToken> {
    const id = input.id ?? randomUUID();
    const rows = await this.#x.q(`INSERT INTO api_tokens (id, name, user_id, token_hash, created_at, expires_at, issued_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [id, input.name, input.userId, input.tokenHash, iso(input.createdAt), isoOrNull(input.expiresAt), input.issuedBy ?? null], 'dw_create_api_token', `api token ${id}`);
    return rowToApiToken(rows[0]);
  }

  async getApiToken(tokenHash: string): Promise<ApiToken | null> {
    const rows = await this.#x.q('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash], 'dw_get_api_token');
    return rows[0] ? rowToApiToken(rows[0]) : null;
  }

  async listApiTokens(userId?: string): Promise<ApiToken[]> {
    const rows = await this.#x.q('SELECT * FROM api_tokens WHERE ($1::text IS NULL OR user_id = $1) ORDER BY created_at, id',
      [userId ?? null], 'dw_list_api_tokens');
    return rows.map(rowToApiToken);
  }

  async touchApiToken(id: string, at: string): Promise<void> {
    const rows = await this.#x.q('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 RETURNING id', [id, iso(at)], 'dw_touch_api_token');
    if (!rows[0]) throw new NotFoundError(`api token ${id}`);
  }

  async revokeApiToken(id: string, at: string): Promise<boolean> {
    const rows = await this.#x.q('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING id', [id, iso(at)], 'dw_revoke_api_token');
    return rows.length > 0;
  }

  async getContacts(org: string): Promise<ContactList> {
    const rows = await this.#x.q('SELECT * FROM contact_lists WHERE org = $1', [org], 'dw_get_contacts');
    return rowToContactList(org, rows[0]);
  }

  async putContacts(org: string, expectedVersion: number, contacts: ContactEntry[], change: ContactChangeInput): Promise<{ list: ContactList; change: ContactChange }> {
    const at = iso(change.at);
    return this.#x.tx(async (q) => {
      // FOR UPDATE: a concurrent put waits, then sees the new version and reports the conflict.
      const before = rowToContactList(org, (await q('SELECT * FROM contact_lists WHERE org = $1 FOR UPDATE', [org]))[0]);
      if (before.version !== expectedVersion) throw new VersionConflictError(org, expectedVersion, before.version, 'contacts of');
      const version = before.version + 1;
      const [row] = await q(`INSERT INTO contact_lists (org, version, contacts, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (org) DO UPDATE SET version = excluded.version, contacts = excluded.contacts,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by
        WHERE contact_lists.version = $2 - 1 RETURNING *`, [org, version, jsonText(contacts), at, change.by]);
      if (!row) throw new VersionConflictError(org, expectedVersion, version, 'contacts of'); // a first list inserted meanwhile
      const [logged] = await q(`INSERT INTO contact_changes (org, version, changed_at, changed_by, diff) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [org, version, at, change.by, jsonText(change.diff ?? contactsDiff(before.contacts, contacts))]);
      return { list: rowToContactList(org, row), change: rowToContactChange(logged) };
    }, `contacts of ${org}`);
  }

  async contactChanges(org?: string, opts: { unreported?: boolean } = {}): Promise<ContactChange[]> {
    const rows = await this.#x.q(`SELECT * FROM contact_changes WHERE ($1::text IS NULL OR org = $1) AND (NOT $2::boolean OR reported_at IS NULL)
      ORDER BY changed_at, id`, [org ?? null, opts.unreported ?? false], 'dw_contact_changes');
    return rows.map(rowToContactChange);
  }

  async markContactChangeReported(id: number, at: string): Promise<ContactChange> {
    const rows = await this.#x.q('UPDATE contact_changes SET reported_at = coalesce(reported_at, $2) WHERE id = $1 RETURNING *',
      [id, iso(at)], 'dw_mark_contact_reported');
    if (!rows[0]) throw new NotFoundError(`contact change ${id}`);
    return rowToContactChange(rows[0]);
  }

  async createContactDrill(input: ContactDrillInput): Promise<ContactDrill> {
    const id = input.id ?? randomUUID();
    const rows = await this.#x.q(`INSERT INTO contact_drills (id, org, started_at, due_at, created_by, contacts) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [id, input.org ?? null, iso(input.startedAt), isoOrNull(input.dueAt), input.createdBy, jsonText(input.contacts)], 'dw_create_contact_drill', `contact drill ${id}`);
    return assembleContactDrill(rows[0], []);
  }

  async recordContactAck(drillId: string, contactKey: string, at: string): Promise<ContactDrill> {
    const drill = await this.getContactDrill(drillId);
    if (!drill) throw new NotFoundError(`contact drill ${drillId}`);
    if (!drill.contacts.some((c) => c.key === contactKey)) throw new NotFoundError(`contact ${contactKey} of drill ${drillId}`);
    await this.#x.q('INSERT INTO contact_drill_acks (drill_id, contact_key, acked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [drillId, contactKey, iso(at)], 'dw_contact_ack');
    return (await this.getContactDrill(drillId))!;
  }

  async getContactDrill(id: string): Promise<ContactDrill | null> {
    const rows = await this.#x.q('SELECT * FROM contact_drills WHERE id = $1', [id], 'dw_get_contact_drill');
    if (!rows[0]) return null;
    return assembleContactDrill(rows[0], await this.#x.q('SELECT * FROM contact_drill_acks WHERE drill_id = $1', [id], 'dw_contact_acks'));
  }

  async listContactDrills(filter: { org?: string; limit?: number } = {}): Promise<ContactDrill[]> {
    const rows = await this.#x.q('SELECT * FROM contact_drills WHERE ($1::text IS NULL OR org = $1) ORDER BY started_at DESC, id DESC LIMIT $2',
      [filter.org ?? null, clampLimit(filter.limit, 100, 1000)], 'dw_list_contact_drills');
    const acks = await this.#x.q('SELECT * FROM contact_drill_acks WHERE drill_id = ANY($1::text[])', [rows.map((r) => String(r.id))], 'dw_list_contact_acks');
    return rows.map((r) => assembleContactDrill(r, acks.filter((a) => a.drill_id === r.id)));
  }

  async createWarning(input: WarningInput): Promise<Warning> {
    const id = input.id ?? randomUUID();
    const at = iso(input.issuedAt);
    const history = [{ at, by: input.issuedBy, action: 'issued' }];
    const rows = await this.#x.q(`INSERT INTO warnings (id, org, level, scope, state, issued_by, text, history, drill, version, issued_at, updated_at)
      VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, 1, $9, $9) RETURNING *`,
    [id, input.org, input.level, jsonText(input.scope), input.issuedBy, input.text, jsonText(history), input.drill ?? false, at], 'dw_create_warning', `warning ${id}`);
    return rowToWarning(rows[0]);
  }

  async updateWarning(id: string, expectedVersion: number, patch: WarningPatch): Promise<Warning> {
    const current = await this.getWarning(id);
    if (!current) throw new NotFoundError(`warning ${id}`);
    if (current.version !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current.version, 'warning');
    const next = warningUpdate(current, { ...patch, updatedAt: iso(patch.updatedAt) });
    const row = await this.#update('warnings', [
      ['level', next.level], ['scope', jsonText(next.scope)], ['text', next.text], ['state', next.state],
      ['history', jsonText(next.history)], ['updated_at', iso(patch.updatedAt)], ['version', expectedVersion + 1],
    ], (n) => `id = $${n} AND version = $${n + 1}`, [id, expectedVersion], `warning ${id}`);
    if (row) return rowToWarning(row);
    throw new VersionConflictError(id, expectedVersion, (await this.getWarning(id))?.version ?? 0, 'warning');
  }

  async getWarning(id: string): Promise<Warning | null> {
    const rows = await this.#x.q('SELECT * FROM warnings WHERE id = $1', [id], 'dw_get_warning');
    return rows[0] ? rowToWarning(rows[0]) : null;
  }

  async listWarnings(filter: { state?: WarningState; drill?: boolean; limit?: number } = {}): Promise<Warning[]> {
    const rows = await this.#x.q(`SELECT * FROM warnings WHERE drill = $1 AND ($2::text IS NULL OR state = $2)
      ORDER BY issued_at DESC, id DESC LIMIT $3`, [filter.drill ?? false, filter.state ?? null, clampLimit(filter.limit, 100, 1000)], 'dw_list_warnings');
    return rows.map(rowToWarning);
  }

  async createDrill(input: DrillInput): Promise<Drill> {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    const rows = await this.#x.q(`INSERT INTO drills (id, name, org, scope, state, created_by, version, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING *`,
    [id, input.name, input.org, jsonText(input.scope), input.state ?? 'planned', input.createdBy, at], 'dw_create_drill', `drill ${id}`);
    return rowToDrill(rows[0]);
  }

  async updateDrill(id: string, expectedVersion: number, patch: DrillPatch): Promise<Drill> {
    const row = await this.#update('drills', [
      ['name', patch.name], ['scope', patch.scope === undefined ? undefined : jsonText(patch.scope)], ['state', patch.state],
      ['started_at', patch.startedAt === undefined ? undefined : isoOrNull(patch.startedAt)],
      ['ended_at', patch.endedAt === undefined ? undefined : isoOrNull(patch.endedAt)],
      ['report', patch.report === undefined ? undefined : jsonText(patch.report)],
      ['updated_at', iso(patch.updatedAt)], ['version', expectedVersion + 1],
    ], (n) => `id = $${n} AND version = $${n + 1}`, [id, expectedVersion], `drill ${id}`);
    if (row) return rowToDrill(row);
    const current = await this.getDrill(id);
    if (!current) throw new NotFoundError(`drill ${id}`);
    throw new VersionConflictError(id, expectedVersion, current.version, 'drill');
  }

  async getDrill(id: string): Promise<Drill | null> {
    const rows = await this.#x.q('SELECT * FROM drills WHERE id = $1', [id], 'dw_get_drill');
    return rows[0] ? rowToDrill(rows[0]) : null;
  }

  async listDrills(filter: { org?: string; state?: DrillState; limit?: number } = {}): Promise<Drill[]> {
    const rows = await this.#x.q(`SELECT * FROM drills WHERE ($1::text IS NULL OR org = $1) AND ($2::text IS NULL OR state = $2)
      ORDER BY created_at DESC, id DESC LIMIT $3`, [filter.org ?? null, filter.state ?? null, clampLimit(filter.limit, 100, 1000)], 'dw_list_drills');
    return rows.map(rowToDrill);
  }
}
