// 应急演练: drills run the same process on simulated incidents, kept apart from real ones.
import { download } from '../api.ts';
import { useApi, useCan } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime, localName } from '../format.ts';
import { linkProps } from '../router.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { Panel, Table, listOf } from '../components/ui.tsx';

/** A drill as GET /drills lists it (src/http/schemas/warning-schemas.ts DrillView). */
interface Drill { id: string | number; name?: string; org?: string | null; scope?: { level: string; province?: string; orgs?: string[] }; startedAt?: string | null; endedAt?: string | null; state?: string }

export function DrillsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const list = useApi<unknown>('/drills');
  return (
    <div className="list-page">
      <Panel title={t('drills')} result={list.result} testId="drill-list">
        {(data) => (
          <>
            <Table rows={listOf<Drill>(data, 'drills')} rowKey={(d) => String(d.id)} columns={[
              { head: t('name'), cell: (d) => localName(d.name, lang, String(d.id)) },
              { head: t('scope'), cell: (d) => [d.scope?.level, d.scope?.province, ...(d.scope?.orgs ?? [])].filter(Boolean).join(' · ') || (d.org ?? '') },
              { head: t('started'), cell: (d) => fmtTime(d.startedAt, lang) },
              { head: t('ended'), cell: (d) => (d.endedAt ? fmtTime(d.endedAt, lang) : d.state ?? t('ongoing')) },
              { head: t('incidents'), cell: () => <a {...linkProps('/incidents?drill=true')}>→</a> },
              { head: t('report'), cell: (d) => <button className="link" onClick={() => void download(`/drills/${encodeURIComponent(String(d.id))}/report`, `drill-${d.id}-report`)}>↓</button> },
            ]} />
            {can('drill.write') && (
              // StartDrillBody: { name, systemId } stops that system in the drill; { description } is optional.
              <ActionForm title={t('newDrill')} path="/drills" onDone={list.reload} testId="drill-form" fields={[
                { name: 'name', label: t('name'), required: true },
                { name: 'systemId', label: t('system'), required: true },
                { name: 'description', label: t('description'), kind: 'textarea' },
              ]} />)}
          </>
        )}
      </Panel>
    </div>
  );
}
