// My account, for every signed-in user: who I am, change my password (the server then replaces my
// session cookie and signs out my other sessions), and my API tokens: list, create (shown once), revoke.
import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime } from '../format.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';
import { SecretBox } from '../components/SecretBox.tsx';
import { sendJson } from '../components/send-json.ts';
import { useRoleLabel } from './Users.tsx';

interface TokenRow { id: string; name: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null; active: boolean }

function ChangePassword({ userId, onChanged }: { userId: string; onChanged?: () => void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ current: '', password: '', repeat: '' });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; problems: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (v.password !== v.repeat) { setOutcome({ ok: false, text: t('passwordMismatch'), problems: [] }); return; }
    setBusy(true);
    const r = await sendJson('POST', `/users/${encodeURIComponent(userId)}/password`, { current: v.current, password: v.password });
    setBusy(false);
    if (r.ok) { setV({ current: '', password: '', repeat: '' }); setOutcome({ ok: true, text: t('passwordChanged'), problems: [] }); onChanged?.(); return; }
    setOutcome({ ok: false, text: r.status === 403 ? t('wrongCurrent') : r.problems.length ? t('notSaved') : r.error, problems: r.problems });
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="change-password">
      <h3>{t('changePassword')}</h3>
      <label className="field"><span>{t('currentPassword')}</span>
        <input type="password" name="current" value={v.current} onChange={set('current')} autoComplete="current-password" required /></label>
      <label className="field"><span>{t('newPassword')}</span>
        <input type="password" name="password" value={v.password} onChange={set('password')} autoComplete="new-password" required /></label>
      <label className="field"><span>{t('repeatPassword')}</span>
        <input type="password" name="repeat" value={v.repeat} onChange={set('repeat')} autoComplete="new-password" required /></label>
      <p className="muted small">{t('passwordRule')}</p>
      <div className="form-foot">
        <button type="submit" disabled={busy}>{t('changePassword')}</button>
        {outcome && <span className={outcome.ok ? 'ok-text' : 'error'} role="status">{outcome.text}</span>}
      </div>
      {outcome && outcome.problems.length > 0 && <ul className="problems" data-testid="password-problems">{outcome.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
    </form>
  );
}

function ApiTokens({ userId }: { userId: string }) {
  const { t, lang } = useI18n();
  const path = `/users/${encodeURIComponent(userId)}/tokens`;
  const tokens = useApi<unknown>(path);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await sendJson<{ token: string }>('POST', path, { name: name.trim(), ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}) });
    if (!r.ok) { setError(r.error); return; }
    setError(null);
    setName('');
    setExpires('');
    setSecret(r.data.token);
    tokens.reload();
  };
  const revoke = async (id: string) => {
    const r = await sendJson('DELETE', `${path}/${encodeURIComponent(id)}`);
    setError(r.ok ? null : r.error);
    tokens.reload();
  };
  return (
    <Panel title={t('apiTokens')} result={tokens.result} testId="api-tokens">
      {(data) => (
        <>
          {secret && <SecretBox label={t('newTokenValue')} value={secret} onClose={() => setSecret(null)} testId="token-secret" />}
          <Table rows={listOf<TokenRow>(data, 'tokens')} rowKey={(r) => r.id} columns={[
            { head: t('name'), cell: (r) => <b>{r.name}</b> },
            { head: t('created'), cell: (r) => fmtTime(r.createdAt, lang) },
            { head: t('lastUsed'), cell: (r) => fmtTime(r.lastUsedAt, lang) },
            { head: t('expires'), cell: (r) => fmtTime(r.expiresAt, lang) },
            { head: t('state'), cell: (r) => (r.revokedAt ? `${t('revoked')} ${fmtTime(r.revokedAt, lang)}` : r.active ? t('active') : t('inactive')) },
            { head: '', cell: (r) => (r.active ? <button type="button" data-token={r.name} onClick={() => void revoke(r.id)}>{t('revoke')}</button> : null) },
          ]} />
          <form className="action-form" onSubmit={create} data-testid="new-token">
            <h3>{t('newToken')}</h3>
            <label className="field"><span>{t('tokenName')}</span><input name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} /></label>
            <label className="field"><span>{t('expiresOptional')}</span><input type="datetime-local" name="expiresAt" value={expires} onChange={(e) => setExpires(e.target.value)} /></label>
            <div className="form-foot">
              <button type="submit">{t('create')}</button>
              {error && <span className="error" role="alert">{error}</span>}
            </div>
          </form>
        </>
      )}
    </Panel>
  );
}

/** The first sign-in with the printed password: nothing else until the user has chosen their own (the API refuses the rest). */
export function FirstPasswordPage({ onChanged, onSignOut }: { onChanged: () => void; onSignOut: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  if (!me) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="login" data-testid="first-password">
      <div className="login-box">
        <h1><span className="logo" aria-hidden>◆</span> {t('firstPassword')}</h1>
        <p className="muted">{t('firstPasswordHint')}</p>
        <p>{t('username')}: <b>{me.user.username}</b></p>
        <ChangePassword userId={me.user.id} onChanged={onChanged} />
        <button className="link" onClick={onSignOut}>{t('logout')}</button>
      </div>
    </div>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const roleLabel = useRoleLabel();
  if (!me) return <p className="muted">{t('loading')}</p>;
  const machine = me.user.id.startsWith('token:');
  return (
    <div className="two-col account-page">
      <div>
        <section className="panel" data-testid="account">
          <header className="panel-head"><h2>{t('account')}</h2></header>
          <dl className="facts">
            <div><dt>{t('username')}</dt><dd>{me.user.username}</dd></div>
            <div><dt>{t('displayName')}</dt><dd>{me.user.displayName ?? '—'}</dd></div>
            <div><dt>{t('org')}</dt><dd>{me.org.id}</dd></div>
            <div><dt>{t('roles')}</dt><dd>{me.user.roles.map(roleLabel).join(', ')}</dd></div>
          </dl>
          {machine && <p className="muted">{t('machineNoAccount')}</p>}
        </section>
        {!machine && <ChangePassword userId={me.user.id} />}
      </div>
      {!machine && <ApiTokens userId={me.user.id} />}
    </div>
  );
}
