// One cell per node, coloured by its health in the latest cycle; figures in the tooltip.
import { fmtMs, fmtPct, nodeHealth } from '../format.ts';
import { useI18n } from '../i18n.ts';
import type { SystemFigures } from '../types.ts';

export function NodeGrid({ system }: { system: SystemFigures }) {
  const { t } = useI18n();
  if (system.nodes.length === 0) return <p className="muted small">{t('noData')}</p>;
  return (
    <div className="node-grid" role="list" aria-label={t('nodes')}>
      {system.nodes.map((n) => {
        const health = nodeHealth(n);
        const tip = `${n.id} ${n.address}:${n.port}\n${t('successRate')} ${fmtPct(n.successRate)}\n${t('latencyP50')} ${fmtMs(n.latencyMs?.p50)}\n${t('dataErrors')} ${n.dataErrors}/${n.dataChecked}${n.lagging ? `\n${t('lagging')} ${t('serial')} ${n.soaSerial ?? '—'} / ${system.truthSerial ?? '—'}` : ''}`;
        return (
          <div key={n.id} role="listitem" className={`node h-${health}`} title={tip} data-node={n.id} data-health={health} data-lagging={n.lagging ? 'true' : undefined}>
            <span className="node-id">{n.id}</span>
            <span className="node-rate">{fmtPct(n.successRate, 0)}{n.lagging ? ` · ${t('lagging')}` : ''}</span>
          </div>
        );
      })}
    </div>
  );
}
