// 预警: active and past warnings; authorities issue, adjust and lift them.
import { useApi, useCan } from '../hooks.ts';
import { WARNING_LEVELS, useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime } from '../format.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { Panel, Table, WarningBadge, listOf } from '../components/ui.tsx';
import type { Warning, WarningScope } from '../types.ts';

/** The issue form's flat values as IssueWarningBody: { level, scope: { national, provinces? }, text }. */
export function warningBody(flat: Record<string, unknown>): unknown {
  const provinces = String(flat.provinces ?? '').split(/[\s,，、]+/).map((p) => p.trim().toUpperCase()).filter(Boolean);
  const scope: WarningScope = { national: flat.national === true, ...(provinces.length > 0 ? { provinces: [...new Set(provinces)] } : {}) };
  return { level: flat.level, scope, text: flat.text, ...(flat.drill === true ? { drill: true } : {}) };
}

function scopeText(s: WarningScope | undefined, nationwide: string): string {
  if (!s) return '';
  return [s.national ? nationwide : '', ...(s.provinces ?? [])].filter(Boolean).join(' · ');
}

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
              { head: t('text'), cell: (w) => w.text ?? String(w.id) },
              { head: t('warningScope'), cell: (w) => scopeText(w.scope, t('nationwide')) },
              { head: t('started'), cell: (w) => fmtTime(w.issuedAt, lang) },
              { head: t('state'), cell: (w) => (w.state === 'lifted' ? `${t('lift')} ${fmtTime(w.updatedAt, lang)}` : w.state ?? '') },
              { head: '', cell: (w) => (w.state !== 'lifted' && can('warning.write') ? <WarningActions w={w} levels={levels} reload={list.reload} /> : null) },
            ]} />
            {can('warning.write') && (
              <ActionForm title={t('issueWarning')} path="/warnings" onDone={list.reload} testId="warning-form" shape={warningBody} fields={[
                { name: 'level', label: t('level'), kind: 'select', options: levels },
                { name: 'national', label: t('nationwide'), kind: 'checkbox' },
                { name: 'provinces', label: t('provincesHint') },
                { name: 'text', label: t('text'), kind: 'textarea', required: true },
                { name: 'drill', label: t('drill'), kind: 'checkbox' },
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
