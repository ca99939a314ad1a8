// 预警: active and past warnings; authorities issue, adjust and lift them.
import { useApi, useCan } from '../hooks.ts';
import { WARNING_LEVELS, useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime, localName } from '../format.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { Panel, Table, WarningBadge, listOf } from '../components/ui.tsx';
import type { Warning } from '../types.ts';

export function WarningsPage() {
  const { t, lang, warning } = useI18n();
  const live = useLive();
  const can = useCan();
  const list = useApi<unknown>('/warnings', [live.warningsVersion]);
  const levels = WARNING_LEVELS.map((l) => ({ value: l, label: warning(l) }));
  return (
    <div className="list-page">
      <Panel title={t('warnings')} result={list.result} testId="warning-list">
        {(data) => (
          <>
            <Table rows={listOf<Warning>(data, 'warnings')} rowKey={(w) => String(w.id)} columns={[
              { head: t('level'), cell: (w) => <WarningBadge level={w.level} /> },
              { head: t('title'), cell: (w) => localName(w.title, lang, String(w.id)) },
              { head: t('scope'), cell: (w) => w.scope ?? w.systemId ?? '' },
              { head: t('started'), cell: (w) => fmtTime(w.issuedAt, lang) },
              { head: t('state'), cell: (w) => (w.liftedAt ? `${t('lift')} ${fmtTime(w.liftedAt, lang)}` : w.state ?? '') },
              { head: '', cell: (w) => (!w.liftedAt && w.state !== 'lifted' && can('warning.write') ? <WarningActions w={w} levels={levels} reload={list.reload} /> : null) },
            ]} />
            {can('warning.write') && (
              <ActionForm title={t('issueWarning')} path="/warnings" onDone={list.reload} fields={[
                { name: 'level', label: t('level'), kind: 'select', options: levels },
                { name: 'title', label: t('title'), required: true },
                { name: 'scope', label: t('scope'), kind: 'textarea' },
                { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
              ]} />)}
          </>
        )}
      </Panel>
    </div>
  );
}

function WarningActions({ w, levels, reload }: { w: Warning; levels: Array<{ value: string; label: string }>; reload: () => void }) {
  const { t } = useI18n();
  const id = encodeURIComponent(String(w.id));
  return (
    <details className="inline-actions">
      <summary>{t('adjust')} / {t('lift')}</summary>
      <ActionForm path={`/warnings/${id}/adjust`} submitLabel={t('adjust')} onDone={reload} fields={[
        { name: 'level', label: t('level'), kind: 'select', options: levels, initial: w.level },
        { name: 'reason', label: t('reason'), required: true },
      ]} />
      <ActionForm path={`/warnings/${id}/lift`} submitLabel={t('lift')} onDone={reload} fields={[{ name: 'reason', label: t('reason'), required: true }]} />
    </details>
  );
}
