// The overview's count of open findings by severity; each count links to the findings page,
// filtered. Reloads on every live `finding` event.
import { qs } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { SEVERITIES, severityLabel } from '../i18n-findings.ts';
import { useLive } from '../live.ts';
import { linkProps } from '../router.ts';
import { Panel, listOf } from './ui.tsx';
import type { FindingView } from '../types.ts';
import '../findings.css';

export function FindingCounts() {
  const { t, lang } = useI18n();
  const live = useLive();
  const open = useApi<unknown>(`/findings${qs({ state: 'open', limit: 1000 })}`, [live.findingsVersion]);
  return (
    <Panel title={t('openFindings')} result={open.result} testId="open-findings"
      actions={<a className="small" {...linkProps('/findings')}>{t('allFindings')} →</a>}>
      {(data) => {
        const rows = listOf<FindingView>(data, 'findings').filter((f) => f.state !== 'closed');
        return (
          <div className="finding-counts">
            {SEVERITIES.map((s) => {
              const n = rows.filter((f) => f.severity === s).length;
              return (
                <a key={s} {...linkProps(`/findings${qs({ state: 'open', severity: s })}`)} data-severity={s} data-count={n}
                  className={`finding-count sev-${s}${n === 0 ? ' zero' : ''}`}><b>{n}</b><span>{severityLabel(s, lang)}</span></a>
              );
            })}
          </div>
        );
      }}
    </Panel>
  );
}
