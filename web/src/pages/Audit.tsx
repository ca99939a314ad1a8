// The hash-chained audit log: newest pages on demand, and a check of the chain.
import { useState } from 'react';
import { get, qs } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime } from '../format.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';

interface Entry { seq: number; at: string; actor?: string | null; actorName?: string | null; org?: string | null; action: string; target?: string | null; detail?: unknown }

/** Who acted, as people read it: the user's name (from the API), the platform itself, or the raw actor. */
function actorText(e: Entry, t: (k: 'platformActor' | 'anonymousActor') => string): string {
  if (e.actorName) return e.actorName;
  const who = e.actor === 'system' ? t('platformActor') : e.actor === 'anonymous' ? t('anonymousActor') : e.actor ?? '—';
  return `${who}${e.org ? ` @${e.org}` : ''}`;
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const [fromSeq, setFromSeq] = useState<number | undefined>(undefined);
  const page = useApi<unknown>(`/audit${qs({ fromSeq, limit: 200 })}`);
  const [verdict, setVerdict] = useState<string | null>(null);
  const verify = async () => {
    const r = await get<{ ok?: boolean; valid?: boolean; problem?: string; error?: string }>('/audit/verify');
    setVerdict(r.ok ? ((r.data.ok ?? r.data.valid) ? '✓' : `✗ ${r.data.problem ?? ''}`) : r.missing ? t('notAvailable') : r.error);
  };
  return (
    <div className="list-page">
      <Panel title={t('audit')} result={page.result} testId="audit"
        actions={<span><button className="link" onClick={() => void verify()}>{t('verify')}</button> {verdict}</span>}>
        {(data) => {
          const rows = listOf<Entry>(data, 'entries', 'audit');
          return (
            <>
              <Table rows={rows} rowKey={(e) => String(e.seq)} columns={[
                { head: t('seq'), cell: (e) => e.seq, className: 'num' },
                { head: t('time'), cell: (e) => fmtTime(e.at, lang, true) },
                { head: t('actor'), cell: (e) => <span title={e.actor ?? ''} data-actor={e.actor ?? ''}>{actorText(e, t)}</span> },
                { head: t('action'), cell: (e) => e.action },
                { head: '', cell: (e) => e.target ?? '' },
                { head: t('text'), cell: (e) => (e.detail ? <code className="small">{JSON.stringify(e.detail).slice(0, 160)}</code> : '') },
              ]} />
              {rows.length > 0 && <button className="link" onClick={() => setFromSeq(Math.max(...rows.map((r) => r.seq)) + 1)}>{t('more')} →</button>}
            </>
          );
        }}
      </Panel>
    </div>
  );
}
