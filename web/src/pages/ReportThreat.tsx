// 举报 / Report a threat — public, outside the sign-in (SPEC §6): anyone, anonymous included, reports
// names serving phishing, malware, botnets… The answer shows the tracking id and the status token once,
// with a link to the status page. Bilingual; the reporter chooses the language of our replies.
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { THREAT_TYPES, threatWord } from '../i18n-threats.ts';
import { linkProps } from '../router.ts';
import '../threats.css';

interface Accepted { trackingId: string; statusToken: string; acknowledgedAt: string; assessmentDueAt: string }

const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);

export function ReportThreatPage() {
  const { t, lang } = useI18n();
  const [names, setNames] = useState('');
  const [type, setType] = useState<string>('phishing');
  const [description, setDescription] = useState('');
  const [urls, setUrls] = useState('');
  const [who, setWho] = useState({ name: '', email: '', organisation: '' });
  const [replyLang, setReplyLang] = useState<'zh' | 'en'>(lang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Accepted | null>(null);

  const submit = async () => {
    setBusy(true); setError(null);
    const reporter = Object.fromEntries(Object.entries(who).filter(([, v]) => v.trim() !== ''));
    const body = {
      names: lines(names), threatType: type, description: description.trim(),
      evidence: lines(urls).map((value) => ({ kind: 'url', value })),
      ...(Object.keys(reporter).length > 0 ? { reporter: { ...reporter, lang: replyLang } } : {}),
    };
    const r = await api<Accepted>('POST', '/threat-reports', body, { quiet401: true });
    setBusy(false);
    if (r.ok) setDone(r.data);
    else setError(r.status === 429 ? t('tooMany') : r.error);
  };

  if (done) {
    const link = `/report/status?trackingId=${encodeURIComponent(done.trackingId)}&statusToken=${encodeURIComponent(done.statusToken)}`;
    return (
      <section className="panel public-report" data-testid="report-accepted">
        <h2>{t('reportAccepted')}</h2>
        <dl className="facts">
          <dt>{t('trackingId')}</dt><dd data-testid="tracking-id">{done.trackingId}</dd>
          <dt>{t('statusToken')}</dt><dd><code data-testid="status-token">{done.statusToken}</code></dd>
          <dt>{t('assessmentDue')}</dt><dd>{new Date(done.assessmentDueAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</dd>
        </dl>
        <p className="muted">{t('keepToken')}</p>
        <a {...linkProps(link)} data-testid="status-link">{t('viewStatus')}</a>
      </section>
    );
  }

  return (
    <form className="panel public-report" data-testid="report-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{t('reportTitle')}</h2>
      <p className="muted">{t('reportIntro')}</p>
      <label>{t('reportNames')}<textarea name="names" rows={3} required value={names} onChange={(e) => setNames(e.target.value)} /></label>
      <label>{t('threatType')}<select name="threatType" value={type} onChange={(e) => setType(e.target.value)}>
        {THREAT_TYPES.map((x) => <option key={x} value={x}>{threatWord(x, lang)}</option>)}</select></label>
      <label>{t('description')}<textarea name="description" rows={4} required maxLength={8000} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      <label>{t('evidenceUrls')}<textarea name="evidence" rows={2} value={urls} onChange={(e) => setUrls(e.target.value)} /></label>
      <fieldset>
        <legend>{t('reporterOptional')}</legend>
        <label>{t('yourName')}<input name="reporterName" value={who.name} onChange={(e) => setWho({ ...who, name: e.target.value })} /></label>
        <label>{t('yourEmail')}<input name="reporterEmail" type="email" value={who.email} onChange={(e) => setWho({ ...who, email: e.target.value })} /></label>
        <label>{t('yourOrg')}<input name="reporterOrg" value={who.organisation} onChange={(e) => setWho({ ...who, organisation: e.target.value })} /></label>
        <label>{t('replyLang')}<select name="replyLang" value={replyLang} onChange={(e) => setReplyLang(e.target.value as 'zh' | 'en')}>
          <option value="zh">中文</option><option value="en">English</option></select></label>
      </fieldset>
      {error && <p className="error" data-testid="report-error">{error}</p>}
      <button type="submit" disabled={busy} data-testid="submit-report">{t('submitReport')}</button>
    </form>
  );
}
