// Users of the organisations the admin manages (the office's admins: all): create one (a generated
// password is shown once), change roles, disable or enable, reset a password (shown once).
import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../hooks.ts';
import { useI18n, type TextKey } from '../i18n.ts';
import { fmtTime } from '../format.ts';
import { Panel, listOf } from '../components/ui.tsx';
import { SecretBox } from '../components/SecretBox.tsx';
import { sendJson } from '../components/send-json.ts';

/** The user roles of src/core/access/access-types.ts USER_ROLES (test/console-admin-e2e.test.ts compares them). */
export const USER_ROLES = ['admin', 'duty-officer', 'viewer'] as const;
const ROLE_KEY: Record<string, TextKey> = { admin: 'roleAdmin', 'duty-officer': 'roleDutyOfficer', viewer: 'roleViewer' };

interface UserRow { id: string; username: string; displayName: string | null; org: string; roles: string[]; disabled: boolean; createdAt: string }
interface Org { id: string; role?: string }
type Secret = { label: string; value: string } | null;

export function useRoleLabel(): (role: string) => string {
  const { t } = useI18n();
  return (role) => (ROLE_KEY[role] ? t(ROLE_KEY[role]) : role);
}

function RolePicker({ value, onChange, disabledRole }: { value: string[]; onChange: (roles: string[]) => void; disabledRole?: string }) {
  const label = useRoleLabel();
  return (
    <span className="role-picker">
      {USER_ROLES.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" name={`role-${r}`} checked={value.includes(r)} disabled={r === disabledRole}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))} />
          {label(r)}
        </label>
      ))}
    </span>
  );
}

function CreateUser({ orgs, onCreated }: { orgs: string[]; onCreated: (user: UserRow, password: string | undefined) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ username: '', displayName: '', org: orgs[0] ?? '', password: '' });
  const [roles, setRoles] = useState<string[]>(['duty-officer']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const org = orgs.includes(form.org) ? form.org : orgs[0] ?? '';
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = { username: form.username.trim(), roles, org, ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}),
      ...(form.password ? { password: form.password } : {}) };
    const r = await sendJson<{ user: UserRow; password?: string }>('POST', '/users', body);
    setBusy(false);
    if (!r.ok) { setError(r.problems.length ? r.problems.join('; ') : r.error); return; }
    setError(null);
    setForm((f) => ({ ...f, username: '', displayName: '', password: '' }));
    onCreated(r.data.user, r.data.password);
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="create-user">
      <h3>{t('createUser')}</h3>
      <label className="field"><span>{t('username')}</span><input name="username" value={form.username} onChange={set('username')} required autoComplete="off" /></label>
      <label className="field"><span>{t('displayName')}</span><input name="displayName" value={form.displayName} onChange={set('displayName')} /></label>
      <label className="field"><span>{t('org')}</span>
        <select name="org" value={org} onChange={set('org')}>{orgs.map((o) => <option key={o} value={o}>{o}</option>)}</select>
      </label>
      <div className="field"><span>{t('roles')}</span><RolePicker value={roles} onChange={setRoles} /></div>
      <label className="field"><span>{t('passwordOptional')}</span>
        <input name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={12} />
      </label>
      <div className="form-foot">
        <button type="submit" disabled={busy || roles.length === 0}>{t('create')}</button>
        {error && <span className="error" role="alert">{error}</span>}
      </div>
    </form>
  );
}

function UserLine({ user, self, onChanged, onSecret }: { user: UserRow; self: boolean; onChanged: () => void; onSecret: (s: Secret) => void }) {
  const { t, lang } = useI18n();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [confirm, setConfirm] = useState<'disable' | 'reset' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dirty = [...roles].sort().join() !== [...user.roles].sort().join();
  const act = async (method: string, path: string, body: unknown, then?: (data: any) => void) => {
    setConfirm(null);
    const r = await sendJson<any>(method, path, body);
    if (!r.ok) { setError(r.problems.length ? r.problems.join('; ') : r.error); return; }
    setError(null);
    then?.(r.data);
    onChanged();
  };
  const patch = (body: unknown) => act('PATCH', `/users/${encodeURIComponent(user.id)}`, body);
  return (
    <tr data-user={user.username} className={user.disabled ? 'user-disabled' : undefined}>
      <td><b>{user.username}</b>{self ? t('you') : ''}<div className="muted small">{user.displayName ?? ''}</div></td>
      <td>{user.org}</td>
      <td>
        <RolePicker value={roles} onChange={setRoles} disabledRole={self && user.roles.includes('admin') ? 'admin' : undefined} />
        {dirty && <button type="button" className="small-btn" disabled={roles.length === 0} onClick={() => void patch({ roles })}>{t('saveRoles')}</button>}
      </td>
      <td><span className={`badge ${user.disabled ? 'state-off' : 'state-on'}`} data-state={user.disabled ? 'disabled' : 'enabled'}>
        {user.disabled ? t('disabled') : t('enabled')}</span></td>
      <td className="muted small">{fmtTime(user.createdAt, lang)}</td>
      <td className="row-actions">
        {user.disabled ? <button type="button" onClick={() => void patch({ disabled: false })}>{t('enable')}</button>
          : !self && (confirm === 'disable'
            ? <><button type="button" className="danger" data-action="confirm-disable" onClick={() => void patch({ disabled: true })}>{t('confirmDisable')}</button>
              <button type="button" className="link" onClick={() => setConfirm(null)}>{t('cancel')}</button></>
            : <button type="button" data-action="disable" onClick={() => setConfirm('disable')}>{t('disable')}</button>)}
        {!self && (confirm === 'reset'
          ? <><button type="button" className="danger" data-action="confirm-reset" onClick={() => void act('POST', `/users/${encodeURIComponent(user.id)}/password`, {},
            (d: { password?: string }) => d.password && onSecret({ label: `${t('newPasswordOf')}${user.username}`, value: d.password }))}>{t('confirmReset')}</button>
            <button type="button" className="link" onClick={() => setConfirm(null)}>{t('cancel')}</button></>
          : <button type="button" data-action="reset" onClick={() => setConfirm('reset')}>{t('resetPassword')}</button>)}
        {error && <div className="error" role="alert">{error}</div>}
      </td>
    </tr>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const users = useApi<unknown>('/users');
  const orgs = useApi<unknown>('/orgs');
  const [secret, setSecret] = useState<Secret>(null);
  const office = me?.org.role === 'emergency-office';
  const orgIds = office && orgs.result?.ok ? listOf<Org>(orgs.result.data, 'orgs').map((o) => o.id) : me ? [me.user.org] : [];
  return (
    <div className="list-page users-page">
      {secret && <SecretBox label={secret.label} value={secret.value} onClose={() => setSecret(null)} testId="user-secret" />}
      <CreateUser key={orgIds.join()} orgs={orgIds} onCreated={(u, password) => {
        if (password) setSecret({ label: `${t('newPasswordOf')}${u.username}`, value: password });
        users.reload();
      }} />
      <Panel title={t('users')} result={users.result} testId="user-list">
        {(data) => (
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t('username')}</th><th>{t('org')}</th><th>{t('roles')}</th><th>{t('state')}</th><th>{t('created')}</th><th /></tr></thead>
              <tbody>
                {listOf<UserRow>(data, 'users').map((u) => (
                  <UserLine key={`${u.id}-${u.roles.join()}-${u.disabled}`} user={u} self={me?.user.id === u.id} onChanged={users.reload} onSecret={setSecret} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
