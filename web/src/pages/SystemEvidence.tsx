// The system page's evidence (issue 8): per node the SOA serial against the truth's ("lagging /
// 滞后", lag differences kept apart from data errors), and the evidence window behind the data-error
// decisions — records checked and wrong over the window, census or sample, the one-sided bounds, and
// each threshold's verdict: above, not above, or undetermined (待定: neither an incident nor OK).
// Also the open findings of the system.
import { qs } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime } from '../format.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';
import { FindingTable, byUrgency } from './Findings.tsx';
import type { EvidenceVerdict, FindingView, NodeFigures, SystemFigures } from '../types.ts';
import { fmtRate, serialState } from '../evidence-format.ts';
import '../findings.css';

const VERDICT_KEY = { above: 'verdictAbove', 'not-above': 'verdictNotAbove', undetermined: 'verdictUndetermined' } as const;

function Verdict({ threshold, verdict }: { threshold: number; verdict: EvidenceVerdict }) {
  const { t } = useI18n();
  const key = VERDICT_KEY[verdict] ?? 'verdictUndetermined';
  return (
    <span className={`verdict verdict-${verdict}`} data-verdict={verdict} data-threshold={threshold}
      title={verdict === 'undetermined' ? t('undeterminedHint') : undefined}>
      &gt; {fmtRate(threshold)}: {t(key)}
    </span>
  );
}

function SerialCell({ n, truth }: { n: NodeFigures; truth: number | null | undefined }) {
  const { t } = useI18n();
  const state = serialState(n, truth);
  return (
    <span className="serial" data-serial-state={state}>
      <b>{n.soaSerial ?? '—'}</b>{truth !== null && truth !== undefined && <span className="muted"> / {truth}</span>}
      {state !== 'unknown' && <span className={`badge lag-${state}`} style={{ marginLeft: '.4em' }}>
        {t(state === 'lagging' ? 'lagging' : state === 'ahead' ? 'ahead' : 'inSync')}</span>}
    </span>
  );
}

export function NodeEvidencePanel({ system }: { system: SystemFigures }) {
  const { t, lang } = useI18n();
  const ok = { ok: true as const, data: system, status: 200 };
  return (
    <Panel title={t('dataEvidence')} result={ok} testId="node-evidence">
      {(s) => <Table rows={s.nodes} rowKey={(n) => n.id} columns={[
        { head: t('node'), cell: (n) => <b data-node-row={n.id}>{n.id}</b> },
        { head: <>{t('serial')} <span className="muted">/ {t('truthSerial')}</span></>, cell: (n) => <SerialCell n={n} truth={s.truthSerial} /> },
        { head: t('lagErrors'), className: 'num', cell: (n) => <span data-lag-errors={n.lagErrors ?? 0} className={(n.lagErrors ?? 0) > 0 ? 'attn-text' : undefined}>{n.lagErrors ?? 0}</span> },
        {
          head: t('checkedErrors'), className: 'num', cell: (n) => {
            const e = n.dataEvidence;
            return e ? <span data-checked={e.checked} data-errors={e.errors}>
              {e.checked} / <b className={e.errors > 0 ? 'bad-text' : undefined}>{e.errors}</b>
              <div className="muted small">{t('evidenceWindow')}: {e.cycles} {t('cycles')} · {t('since')} {fmtTime(e.from, lang, true)}</div>
              <span className="tag">{t(e.census ? 'census' : 'sampled')}</span>
            </span> : <span data-checked={n.dataChecked} data-errors={n.dataErrors}>{n.dataChecked} / {n.dataErrors}
              <div className="muted small">{t('noEvidence')}</div></span>;
          },
        },
        { head: t('bounds'), className: 'num', cell: (n) => (n.dataEvidence ? <span data-bounds>{fmtRate(n.dataEvidence.lower)} – {fmtRate(n.dataEvidence.upper)}</span> : '—') },
        {
          head: t('verdicts'), cell: (n) => (n.dataEvidence && n.dataEvidence.decisions.length > 0
            ? <div className="verdicts">{n.dataEvidence.decisions.map((d) => <Verdict key={d.threshold} threshold={d.threshold} verdict={d.verdict} />)}</div>
            : <span className="muted">{t(n.dataEvidence ? 'noThresholds' : 'noEvidence')}</span>),
        },
      ]} />}
    </Panel>
  );
}

export function SystemFindingsPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const live = useLive();
  const list = useApi<unknown>(`/findings${qs({ state: 'open', system: id, limit: 200 })}`, [live.findingsVersion]);
  return (
    <Panel title={t('systemFindings')} result={list.result} testId="system-findings">
      {(data) => <FindingTable compact onChanged={list.reload}
        rows={listOf<FindingView>(data, 'findings').filter((f) => f.system === id && f.state !== 'closed').sort(byUrgency)} />}
    </Panel>
  );
}
