// The console's shell: language and wall mode, sign-in state, the live stream, the navigation
// and the page for the current path.
import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, machineToken, setMachineToken, setUnauthorizedHandler } from './api.ts';
import { I18nContext, makeI18n, storedLang, useI18n, type Lang } from './i18n.ts';
import { LiveContext, useLiveStream, useLive } from './live.ts';
import { SessionContext, useCan, useSession } from './hooks.ts';
import { linkProps, match, navigate, useLocation } from './router.ts';
import { fmtTime } from './format.ts';
import type { Me } from './types.ts';
import { LoginPage } from './pages/Login.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { SystemPage } from './pages/System.tsx';
import { IncidentsPage } from './pages/Incidents.tsx';
import { IncidentPage } from './pages/Incident.tsx';
import { FindingsPage } from './pages/Findings.tsx';
import { DelegationsPage } from './pages/Delegations.tsx';
import { DnssecPage } from './pages/Dnssec.tsx';
import { WarningsPage } from './pages/Warnings.tsx';
import { ContactsPage } from './pages/Contacts.tsx';
import { DrillsPage } from './pages/Drills.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { UsersPage } from './pages/Users.tsx';
import { AccountPage, FirstPasswordPage } from './pages/Account.tsx';
import { LabMailPage } from './pages/LabMail.tsx';
import { ReportThreatPage } from './pages/ReportThreat.tsx';
import { ReportStatusPage } from './pages/ReportStatus.tsx';
import { ThreatsPage } from './pages/Threats.tsx';
import { ThreatCasePage } from './pages/ThreatCase.tsx';
import { NamePage, NamesPage } from './pages/Names.tsx';
import { mayHaveSession, setSessionHint } from './session-hint.ts';
import './styles.css';

type AuthState = 'checking' | 'in' | 'out';

function App() {
  const [lang, setLang] = useState<Lang>(storedLang);
  const [wall, setWall] = useState(() => localStorage.getItem('dw.wall') === '1');
  const [auth, setAuth] = useState<AuthState>('checking');
  const [me, setMe] = useState<Me | null>(null);
  const i18n = useMemo(() => makeI18n(lang), [lang]);

  useEffect(() => { localStorage.setItem('dw.lang', lang); document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'; }, [lang]);
  useEffect(() => { localStorage.setItem('dw.wall', wall ? '1' : '0'); document.body.classList.toggle('wall', wall); }, [wall]);

  // A 401 while signed in means the session expired or was revoked: the login page says so.
  const [ended, setEnded] = useState(false);
  const signedOut = useCallback(() => { setMachineToken(null); setSessionHint(false); setMe(null); setAuth((was) => { if (was === 'in') setEnded(true); return 'out'; }); }, []);
  useEffect(() => setUnauthorizedHandler(signedOut), [signedOut]);

  // Who am I: /me when it exists; otherwise any authorised call tells that the credentials work.
  // Without a sign-in in this browser (and no machine token) there is nothing to ask: no 401 in the console.
  const check = useCallback(async () => {
    if (!machineToken() && !mayHaveSession()) { setAuth('out'); return; }
    const r = await api<Me>('GET', '/me', undefined, { quiet401: true });
    if (r.ok) { setMe(r.data); setAuth('in'); if (!machineToken()) setSessionHint(true); return; }
    if (r.status === 401) { setSessionHint(false); setAuth('out'); return; }
    const s = await api('GET', '/systems', undefined, { quiet401: true });
    setMe(null);
    setAuth(s.status === 401 ? 'out' : 'in');
  }, []);
  useEffect(() => { void check(); }, [check]);

  const signOut = useCallback(() => {
    if (!machineToken()) void api('POST', '/auth/logout', {}, { quiet401: true });
    setMachineToken(null); setSessionHint(false); setMe(null); setEnded(false); setAuth('out');
  }, [signedOut]);

  // The public threat-report pages (SPEC §6) need no account: outside the sign-in and the live stream.
  const { path } = useLocation();
  const publicPage = path === '/report' || path.startsWith('/report/');
  const live = useLiveStream(auth === 'in' && !me?.mustChangePassword && !publicPage, signedOut);
  const session = useMemo(() => ({ me, permissions: me ? new Set(me.permissions ?? []) : null, signOut }), [me, signOut]);

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <LiveContext.Provider value={live}>
          {publicPage ? <PublicShell lang={lang} setLang={setLang} path={path} />
            : auth === 'checking' ? <p className="muted boot">…</p>
            : auth === 'out' ? <LoginPage onSignedIn={async () => { setEnded(false); if (!machineToken()) setSessionHint(true); await check(); }} lang={lang} setLang={setLang} sessionEnded={ended} />
              : me?.mustChangePassword ? <FirstPasswordPage onChanged={() => void check()} onSignOut={signOut} />
              : <Shell lang={lang} setLang={setLang} wall={wall} setWall={setWall} />}
        </LiveContext.Provider>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}

/** The report form and the reporter's status page, with only the language switch. */
function PublicShell({ lang, setLang, path }: { lang: Lang; setLang: (l: Lang) => void; path: string }) {
  const { t } = useI18n();
  return (
    <div className="shell public">
      <header className="top">
        <a className="brand" {...linkProps('/report')}><span className="logo" aria-hidden>◆</span> dnswarden <small>{t('reportTitle')}</small></a>
        <nav><a {...linkProps('/report')} className={path === '/report' ? 'active' : ''}>{t('submitReport')}</a>
          <a {...linkProps('/report/status')} className={path === '/report/status' ? 'active' : ''}>{t('statusTitle')}</a></nav>
        <div className="top-right"><button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang">{lang === 'zh' ? 'EN' : '中文'}</button></div>
      </header>
      <main>{path === '/report/status' ? <ReportStatusPage /> : <ReportThreatPage />}</main>
    </div>
  );
}

const NAV = [
  ['/', 'overview'], ['/incidents', 'incidents'], ['/findings', 'findingsNav'], ['/threats', 'threatsNav'], ['/names', 'namesNav'], ['/delegations', 'delegationsNav'], ['/dnssec', 'dnssecNav'], ['/warnings', 'warnings'], ['/contacts', 'contacts'], ['/drills', 'drills'], ['/audit', 'audit'],
] as const;
/** Shown only to who holds the permission (the API decides anyway). */
const ADMIN_NAV = [['/users', 'users', 'users.manage']] as const;

function Shell({ lang, setLang, wall, setWall }: { lang: Lang; setLang: (l: Lang) => void; wall: boolean; setWall: (w: boolean) => void }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const { me, signOut } = useSession();
  const can = useCan();
  const live = useLive();
  useEffect(() => { if (path === '/login') navigate('/'); }, [path]);
  const section = path === '/' ? '/' : `/${path.split('/')[1]}`;
  return (
    <div className="shell">
      <header className="top">
        <a className="brand" {...linkProps('/')}><span className="logo" aria-hidden>◆</span> dnswarden <small>{t('appName')}</small></a>
        <nav>
          {NAV.map(([to, key]) => <a key={to} {...linkProps(to)} className={section === to || (to === '/' && section === '/systems') ? 'active' : ''}>{t(key)}</a>)}
          {ADMIN_NAV.filter(([, , permission]) => me && can(permission)).map(([to, key]) => (
            <a key={to} {...linkProps(to)} className={section === to ? 'active' : ''}>{t(key)}</a>))}
          {me?.org.role === 'emergency-office' && <a {...linkProps('/lab-mail')} className={section === '/lab-mail' ? 'active' : ''} data-testid="nav-lab-mail">{t('labMail')}</a>}
        </nav>
        <div className="top-right">
          <span className={`live-dot live-${live.state}`} data-testid="live-state" data-state={live.state}
            title={live.systems?.at ? `${t('lastCycle')} ${fmtTime(live.systems.at, lang, true)}` : undefined}>
            {live.state === 'live' ? t('live') : live.state === 'missing' ? t('notAvailable') : t('offline')}
          </span>
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang">{lang === 'zh' ? 'EN' : '中文'}</button>
          <button className={`link${wall ? ' on' : ''}`} onClick={() => setWall(!wall)}>{t('wall')}</button>
          {me && <a className={`who${section === '/account' ? ' active' : ''}`} title={`${t('account')} · ${me.org?.id}`} data-testid="account-link"
            {...linkProps('/account')}>{me.user.displayName ?? me.user.username}</a>}
          <button className="link" onClick={signOut}>{t('logout')}</button>
        </div>
      </header>
      <main><Page path={path} /></main>
    </div>
  );
}

function Page({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === '/' || path === '/login') return <OverviewPage />;
  if ((m = match('/systems/:id', path))) return <SystemPage id={m.id} />;
  if (path === '/incidents') return <IncidentsPage />;
  if ((m = match('/incidents/:id', path))) return <IncidentPage id={m.id} />;
  if (path === '/findings') return <FindingsPage />;
  if (path === '/delegations') return <DelegationsPage />;
  if (path === '/dnssec') return <DnssecPage />;
  if (path === '/threats') return <ThreatsPage />;
  if ((m = match('/threats/:id', path))) return <ThreatCasePage id={m.id} />;
  if (path === '/names') return <NamesPage />;
  if ((m = match('/names/:name', path))) return <NamePage name={m.name} />;
  if (path === '/warnings') return <WarningsPage />;
  if (path === '/contacts') return <ContactsPage />;
  if (path === '/drills') return <DrillsPage />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/users') return <UsersPage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/lab-mail') return <LabMailPage />;
  if ((m = match('/lab-mail/:n', path))) return <LabMailPage n={m.n} />;
  return <p className="muted">404 — <a {...linkProps('/')}>/</a></p>;
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
