// 域名处置 / Names: look a name up and see its registry-side state (held, sinkholed, blocked, locked,
// until when, for which case) and the history of every action on it (GET /names/:name); the DGA list
// form blocks names in bulk (DgaBlock).
import { useState } from 'react';
import { useApi, useCan } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { nameWord } from '../i18n-names.ts';
import { fmtTime } from '../format.ts';
import { Panel } from '../components/ui.tsx';
import { linkProps, navigate } from '../router.ts';
import { DgaBlock } from './DgaBlock.tsx';
import '../threats.css';

interface NameView {
  name: string;
  stored: { status: string; locked: boolean; until: string | null; caseId: string | null; updatedAt: string } | null;
  history: Array<{ seq: number; at: string; action: string; outcome: string; actor: string; reason: string; caseId: string | null; approver: string | null;
    evidence: string[]; detail: Record<string, unknown> }>;
}

function LookUp() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  return (
    <form className="filters" data-testid="name-lookup" onSubmit={(e) => { e.preventDefault(); if (name.trim()) navigate(`/names/${encodeURIComponent(name.trim())}`); }}>
      <label>{t('lookUpName')}<input name="name" value={name} onChange={(e) => setName(e.target.value)} /></label>
      <button type="submit">{t('lookUp')}</button>
    </form>
  );
}

export function NamesPage() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <section className="panel" data-testid="names-page">
      <h2>{t('namesNav')}</h2>
      <LookUp />
      {can('names.act') && <DgaBlock />}
    </section>
  );
}

export function NamePage({ name }: { name: string }) {
  const { t, lang } = useI18n();
  const v = useApi<NameView>(`/names/${encodeURIComponent(name)}`, [name]);
  return (
    <Panel title={`${t('nameState')} ${name}`} result={v.result} testId="name-page">
      {(d) => (
        <div>
          <LookUp />
          {d.stored ? (
            <dl className="facts" data-testid="name-state" data-status={d.stored.status}>
              <dt>{t('state')}</dt><dd>{nameWord(d.stored.status, lang)}{d.stored.locked ? ` · ${t('lockedWord')}` : ''}</dd>
              <dt>{t('changedAt')}</dt><dd>{fmtTime(d.stored.updatedAt, lang)}</dd>
              {d.stored.until && <><dt>{t('untilWord')}</dt><dd>{fmtTime(d.stored.until, lang)}</dd></>}
              {d.stored.caseId && <><dt>{t('caseTitle')}</dt><dd><a {...linkProps(`/threats/${encodeURIComponent(d.stored.caseId)}`)}>{d.stored.caseId}</a></dd></>}
            </dl>
          ) : <p className="muted" data-testid="name-state">{t('noStoredState')}</p>}
          <h3>{t('nameHistory')}</h3>
          <ol className="timeline" data-testid="name-history">
            {d.history.map((h) => (
              <li key={h.seq} data-action={h.action} data-outcome={h.outcome}>
                <time>{fmtTime(h.at, lang, true)}</time> {nameWord(h.action, lang)} — {nameWord(h.outcome, lang)} · {h.actor}
                {h.approver ? ` · ${t('approver')} ${h.approver}` : ''}{h.reason ? ` · ${h.reason}` : ''}{h.caseId ? ` · ${h.caseId}` : ''}
                {typeof h.detail.note === 'string' ? ` · ${h.detail.note}` : ''}
              </li>))}
          </ol>
        </div>
      )}
    </Panel>
  );
}
