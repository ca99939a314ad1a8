// The lab mailbox, for the emergency office on a platform that watches the bundled lab: what the
// lab's SMTP sink received (GET /lab/mail), newest first, and one message with its headers and text
// (GET /lab/mail/:n). The same as `dnswarden lab mail` on the command line. Elsewhere the route does
// not exist and the page says so.
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime } from '../format.ts';
import { linkProps, navigate } from '../router.ts';
import { Panel, Table } from '../components/ui.tsx';

interface MailEntry { id: number; at: string; from: string; to: string[]; subject: string; event: string; incident: string }
interface MailMessage extends MailEntry { headers: Array<[string, string]>; text: string }

const SHOWN_HEADERS = ['date', 'from', 'to', 'subject', 'message-id', 'x-dnswarden-event', 'x-dnswarden-incident'];

export function LabMailPage({ n }: { n?: string }) {
  const { t, lang } = useI18n();
  const list = useApi<{ mailbox: string; messages: MailEntry[] }>(n ? null : '/lab/mail?limit=500');
  const one = useApi<MailMessage>(n ? `/lab/mail/${encodeURIComponent(n)}` : null);
  const missing = (n ? one.result : list.result)?.ok === false && ((n ? one.result : list.result) as { missing: boolean }).missing;
  if (missing) return <section className="panel" data-testid="lab-mail"><header className="panel-head"><h2>{t('labMail')}</h2></header><p className="muted">{t('labMailMissing')}</p></section>;
  if (n) {
    return (
      <div className="list-page">
        <p><a {...linkProps('/lab-mail')}>← {t('labMail')}</a></p>
        <Panel title={`${t('labMail')} #${n}`} result={one.result} testId="lab-mail-message">
          {(m) => (
            <>
              <dl className="facts">
                {m.headers.filter(([h]) => SHOWN_HEADERS.includes(h.toLowerCase())).map(([h, v], i) => (
                  <div key={`${h}-${i}`}><dt>{h}</dt><dd>{h.toLowerCase() === 'subject' ? m.subject : h.toLowerCase() === 'x-dnswarden-incident'
                    ? <a {...linkProps(`/incidents/${encodeURIComponent(v)}`)}>{v}</a> : v}</dd></div>))}
                <div><dt>{t('received')}</dt><dd>{fmtTime(m.at, lang, true)} → {m.to.join(', ')}</dd></div>
              </dl>
              <pre className="mail-text" data-testid="mail-text">{m.text}</pre>
            </>
          )}
        </Panel>
      </div>
    );
  }
  return (
    <div className="list-page">
      <Panel title={t('labMail')} result={list.result} testId="lab-mail"
        actions={<button className="link" onClick={list.reload}>↻</button>}>
        {(data) => (
          <>
            <p className="muted small">{t('labMailHint')} — {data.mailbox}</p>
            <Table rows={data.messages} rowKey={(m) => String(m.id)} onRow={(m) => navigate(`/lab-mail/${m.id}`)} columns={[
              { head: '#', cell: (m) => m.id, className: 'num' },
              { head: t('received'), cell: (m) => fmtTime(m.at, lang, true) },
              { head: t('mailTo'), cell: (m) => m.to.join(', ') },
              { head: t('mailSubject'), cell: (m) => <span data-incident={m.incident}>{m.subject}</span> },
            ]} />
          </>
        )}
      </Panel>
    </div>
  );
}
