// Sign in with username and password (session cookie), or with a machine token kept in this tab.
import { useState, type FormEvent } from 'react';
import { api, setMachineToken } from '../api.ts';
import { useI18n, type Lang } from '../i18n.ts';

export function LoginPage({ onSignedIn, lang, setLang, sessionEnded = false }: { onSignedIn: () => Promise<void>; lang: Lang; setLang: (l: Lang) => void; sessionEnded?: boolean }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [tokenOpen, setTokenOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const login = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const r = await api('POST', '/auth/login', { username, password }, { quiet401: true });
    setBusy(false);
    setPassword('');
    if (r.ok) { setMachineToken(null); await onSignedIn(); return; }
    if (r.missing) { setMessage(t('loginMissing')); setTokenOpen(true); return; }
    setMessage(r.status === 401 ? t('badLogin') : r.error);
  };

  const useToken = async (e: FormEvent) => {
    e.preventDefault();
    const value = token.trim();
    if (!value) return;
    setMachineToken(value);
    const r = await api('GET', '/systems', undefined, { quiet401: true });
    if (r.status === 401) { setMachineToken(null); setMessage(t('badToken')); return; }
    setToken('');
    await onSignedIn();
  };

  return (
    <div className="login">
      <div className="login-box">
        <div className="login-head">
          <h1><span className="logo" aria-hidden>◆</span> dnswarden</h1>
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{lang === 'zh' ? 'EN' : '中文'}</button>
        </div>
        <p className="muted">{t('appName')}</p>
        <form onSubmit={login} className="stack" data-testid="login-form">
          <label className="field"><span>{t('username')}</span><input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required /></label>
          <label className="field"><span>{t('password')}</span><input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
          <button type="submit" disabled={busy}>{t('login')}</button>
        </form>
        {sessionEnded && !message && <p className="muted" role="status" data-testid="session-ended">{t('sessionEnded')}</p>}
        {message && <p className="error" role="alert">{message}</p>}
        <details open={tokenOpen} onToggle={(e) => setTokenOpen((e.target as HTMLDetailsElement).open)}>
          <summary>{t('machineToken')}</summary>
          <form onSubmit={useToken} className="stack" data-testid="token-form">
            <p className="muted small">{t('machineTokenHint')}</p>
            <input type="password" name="token" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} aria-label={t('machineToken')} />
            <button type="submit">{t('useToken')}</button>
          </form>
        </details>
      </div>
    </div>
  );
}
