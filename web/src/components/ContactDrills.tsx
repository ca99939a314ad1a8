// Reachability drills of one organisation's contacts (通讯测试): start one (each contact gets a
// message with its own acknowledgement code) and see who acknowledged when, and who was late.
import { useState, type FormEvent } from 'react';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime } from '../format.ts';
import { Panel, listOf } from './ui.tsx';
import { sendJson } from './send-json.ts';

interface DrillContact { key: string; org: string; name: string; channel?: string; address?: string; ackedAt: string | null; late: boolean }
interface ContactDrill { id: string; org: string | null; startedAt: string; dueAt: string | null; createdBy: string; contacts: DrillContact[] }

export function ContactDrills({ org, mayStart }: { org: string; mayStart: boolean }) {
  const { t, lang } = useI18n();
  const drills = useApi<unknown>(`/contact-drills?org=${encodeURIComponent(org)}`);
  const [within, setWithin] = useState('30');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const start = async (e: FormEvent) => {
    e.preventDefault();
    const r = await sendJson<{ messages?: number }>('POST', '/contact-drills', { org, withinMinutes: Number(within) });
    setOutcome(r.ok ? { ok: true, text: `${r.data.messages ?? 0} ${t('messagesQueued')}` } : { ok: false, text: r.error });
    drills.reload();
  };
  return (
    <Panel title={t('reachabilityDrill')} result={drills.result} testId="contact-drills">
      {(data) => (
        <>
          {mayStart && (
            <form className="action-form inline-form" onSubmit={start} data-testid="start-contact-drill">
              <label className="field"><span>{t('withinMinutes')}</span>
                <input type="number" name="withinMinutes" min={1} max={10080} value={within} onChange={(e) => setWithin(e.target.value)} required /></label>
              <div className="form-foot">
                <button type="submit">{t('startDrill')}</button>
                {outcome && <span className={outcome.ok ? 'ok-text' : 'error'} role="status">{outcome.text}</span>}
              </div>
            </form>)}
          {listOf<ContactDrill>(data, 'drills').length === 0 ? <p className="muted">{t('none')}</p> : (
            <ul className="drill-list">
              {listOf<ContactDrill>(data, 'drills').map((d) => (
                <li key={d.id} data-drill={d.id}>
                  <div><b>{fmtTime(d.startedAt, lang)}</b> <span className="muted small">{t('due')} {fmtTime(d.dueAt, lang)} · {d.createdBy}</span></div>
                  <ul>
                    {d.contacts.map((c) => (
                      <li key={c.key} className={c.late ? 'bad-text' : c.ackedAt ? 'ok-text' : undefined}>
                        {c.name}{c.channel ? ` (${c.channel}${c.address ? `: ${c.address}` : ''})` : ''} — {c.ackedAt
                          ? `${t('acknowledged')} ${fmtTime(c.ackedAt, lang, true)}` : t('notAcknowledged')}{c.late ? ` (${t('late')})` : ''}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>)}
        </>
      )}
    </Panel>
  );
}
