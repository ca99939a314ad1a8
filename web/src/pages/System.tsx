// One system over time: success rate (system and per node), p50/p95 latency, data errors per node,
// the outage history, the key-domain (hijack) findings and the incidents of the system. Reloads after live cycles.
import { useMemo, useState } from 'react';
import { qs } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtMs, fmtPct, fmtTime, localName, systemHealth } from '../format.ts';
import { linkProps, navigate } from '../router.ts';
import { GradeBadge, Panel, Table, listOf } from '../components/ui.tsx';
import { NodeGrid } from '../components/NodeGrid.tsx';
import { TimeChart, type ChartSeries } from '../components/TimeChart.tsx';
import type { IncidentSummary, SystemDetail } from '../types.ts';
import { incidentPhase, incidentTitle } from './incident-view.ts';
import { NodeEvidencePanel, SystemFindingsPanel } from './SystemEvidence.tsx';
import { gapBands, gapTimes } from '../components/chart-gaps.ts';

const KEY_DOMAIN_STATUS: Record<string, [string, string]> = {
  ok: ['正常', 'ok'], hijacked: ['被劫持', 'hijacked'], missing: ['数据缺失', 'missing'], failed: ['解析失败', 'failed'], unknown: ['未知', 'unknown'],
};
const RANGES: Array<[string, number]> = [['1h', 3600_000], ['6h', 6 * 3600_000], ['24h', 86_400_000], ['7d', 7 * 86_400_000]];
const PALETTE = ['#2a6fdb', '#d1495b', '#00a388', '#edae49', '#8d5ad6', '#3d3d3d', '#e377c2', '#17becf'];
const pctFmt = (v: number) => `${(v * 100).toFixed(0)}%`;
const msFmt = (v: number) => fmtMs(v);
const intFmt = (v: number) => (Number.isInteger(v) ? String(v) : '');

export function SystemPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const live = useLive();
  const [range, setRange] = useState(RANGES[0]);
  // Short ranges follow every cycle; long ones reload at most once a minute.
  const tick = range[1] > 3600_000 ? Math.floor(Date.now() / 60_000) : live.cycles;
  const path = useMemo(() => `/systems/${encodeURIComponent(id)}${qs({ from: new Date(Date.now() - range[1]).toISOString() })}`, [id, range, tick]);
  const detail = useApi<SystemDetail>(path);
  const incidents = useApi<unknown>(`/incidents${qs({ limit: 100 })}`, [live.incidentsVersion]);

  return (
    <div className="system-page">
      <p><a {...linkProps('/')}>← {t('overview')}</a></p>
      <Panel title={detail.result?.ok ? localName(detail.result.data.system.name, lang, id) : id} result={detail.result} testId="system-detail"
        actions={<div className="seg">{RANGES.map((r) => <button key={r[0]} className={r === range ? 'on' : ''} onClick={() => setRange(r)}>{r[0]}</button>)}</div>}>
        {(d) => <SystemCharts d={d} />}
      </Panel>
      {detail.result?.ok && detail.result.data.system.nodes.length > 0 && <NodeEvidencePanel system={detail.result.data.system} />}
      <SystemFindingsPanel id={id} />
      <div className="two-col">
        <Panel title={t('outages')} result={detail.result}>
          {(d) => <Table rows={[...d.outages].reverse()} rowKey={(o) => String(o.id)} columns={[
            { head: t('node'), cell: (o) => o.nodeId ?? t('system') },
            { head: t('service'), cell: (o) => serviceName(o.service, t) },
            { head: t('started'), cell: (o) => fmtTime(o.startedAt, lang, true) },
            { head: t('ended'), cell: (o) => (o.endedAt ? fmtTime(o.endedAt, lang, true) : <b className="bad-text">{t('ongoing')}</b>) },
          ]} />}
        </Panel>
        {detail.result?.ok && (detail.result.data.keyDomains ?? []).length > 0 && (
          <Panel title={t('keyDomains')} result={detail.result} testId="key-domains">
            {(d) => <Table rows={d.keyDomains ?? []} rowKey={(f) => `${f.node} ${f.name} ${f.type}`} columns={[
              { head: t('node'), cell: (f) => f.node },
              { head: t('domainName'), cell: (f) => `${f.name} ${f.type}` },
              { head: t('state'), cell: (f) => <span className={f.status === 'ok' ? 'ok-text' : 'bad-text'} data-status={f.status}>{KEY_DOMAIN_STATUS[f.status]?.[lang === 'zh' ? 0 : 1] ?? f.status}</span> },
              { head: t('answerVsExpected'), cell: (f) => `${(f.got ?? []).join(' ') || '—'}${f.status !== 'ok' && f.expected ? ` ≠ ${f.expected.join(' ')}` : ''}${f.detail ? ` (${f.detail})` : ''}` },
            ]} />}
          </Panel>)}
        <Panel title={t('findings')} result={incidents.result}>
          {(data) => <Table rows={listOf<IncidentSummary>(data, 'incidents').filter((i) => i.systemId === id)} rowKey={(i) => i.id}
            onRow={(i) => navigate(`/incidents/${encodeURIComponent(i.id)}`)} columns={[
              { head: t('grade'), cell: (i) => <GradeBadge grade={i.grade ?? i.proposedGrade} proposed={!i.grade} /> },
              { head: t('title'), cell: (i) => incidentTitle(i, lang) },
              { head: t('phase'), cell: (i) => incidentPhase(i, lang) },
              { head: t('opened'), cell: (i) => fmtTime(i.openedAt, lang) },
            ]} />}
        </Panel>
      </div>
    </div>
  );
}

/** An outage's service: null is the DNS resolution itself (a node or the whole system). */
function serviceName(service: string | null, t: ReturnType<typeof useI18n>['t']): string {
  return service === null ? t('dnsResolution') : ({ registration: 'EPP', whois: 'WHOIS', rdap: 'RDAP' } as Record<string, string>)[service] ?? service;
}

/** How many nodes are down now (their open outages) and for how long each: "Nodes down 2/4 — a 3 min, b 3 min". */
function NodesDown({ d }: { d: SystemDetail }) {
  const { t } = useI18n();
  const total = d.system.nodes.length;
  const open = d.outages.filter((o) => o.nodeId !== null && o.service === null && !o.endedAt);
  const down = [...new Map(open.map((o) => [o.nodeId, o])).values()];
  const minutes = (o: (typeof down)[number]) => Math.max(0, (Date.now() - Date.parse(o.startedAt)) / 60_000);
  return (
    <span className={down.length > 0 ? 'bad-text' : ''} data-testid="nodes-down" data-down={down.length}>
      {t('nodesDown')} <b>{down.length}/{total}</b>
      {down.length > 0 && ` — ${down.map((o) => `${o.nodeId} ${t('downSince')} ${minutes(o).toFixed(1)} min`).join(', ')}`}
    </span>
  );
}

function SystemCharts({ d }: { d: SystemDetail }) {
  const { t, lang } = useI18n();
  const s = d.system;
  const charts = useMemo(() => {
    // One time axis: the union of system and node sample times (uPlot wants aligned data).
    // Null points inside each gap (time not measured) break the lines there.
    const times = [...new Set([...d.series.map((p) => p.at), ...d.nodes.flatMap((n) => n.series.map((p) => p.at)), ...gapTimes(d.gaps, d.from, d.to)])]
      .sort((a, b) => Date.parse(a) - Date.parse(b)).map((at) => [at, Date.parse(at) / 1000] as const);
    const xs = times.map(([, x]) => x);
    const align = <P extends { at: string }>(points: P[], pick: (p: P) => number | null) => {
      const byAt = new Map(points.map((p) => [p.at, pick(p)]));
      return times.map(([at]) => byAt.get(at) ?? null);
    };
    const success: ChartSeries[] = [
      { label: t('system'), values: align(d.series, (p) => p.successRate), color: '#222' },
      ...d.nodes.map((n, i) => ({ label: n.id, values: align(n.series, (p) => (p.queries > 0 ? p.successRate : null)), color: PALETTE[i % PALETTE.length], dash: true })),
    ];
    const latency: ChartSeries[] = [
      { label: 'p50', values: align(d.series, (p) => p.latencyMs?.p50 ?? null), color: '#2a6fdb' },
      { label: 'p95', values: align(d.series, (p) => p.latencyMs?.p95 ?? null), color: '#d1495b' },
    ];
    const errors: ChartSeries[] = d.nodes.map((n, i) => ({ label: n.id, values: align(n.series, (p) => p.dataErrors), color: PALETTE[i % PALETTE.length] }));
    const maxErrors = Math.max(1, ...errors.flatMap((e) => e.values.map((v) => v ?? 0)));
    return { xs, success, latency, errors, errorRange: [0, Math.ceil(maxErrors * 1.1)] as [number, number], bands: gapBands(d.gaps, d.from, d.to) };
  }, [d, t]);

  return (
    <>
      <div className="system-summary">
        <span className={`health-pill h-${systemHealth(s)}`}>{t(systemHealth(s) === 'ok' ? 'healthy' : systemHealth(s) === 'warn' ? 'degraded' : 'failing')}</span>
        <span>{t('successRate')} <b>{fmtPct(s.successRate)}</b></span>
        <span>p50 <b>{fmtMs(s.latencyMs?.p50)}</b> · p95 <b>{fmtMs(s.latencyMs?.p95)}</b></span>
        <span>{t('dataErrors')} <b>{s.dataErrors}</b>/{s.dataChecked}</span>
        <NodesDown d={d} />
        {s.stoppedMinutes > 0 && <span className="bad-text">{t('systemStopped')} <b>{s.stoppedMinutes.toFixed(1)}</b></span>}
        <span className="muted">{s.org} · {s.kind} · {t('lastCycle')} {fmtTime(s.at, lang, true)}</span>
      </div>
      <NodeGrid system={s} />
      {charts.bands.length > 0 && <p className="gap-legend" data-testid="gap-legend" data-gaps={charts.bands.length} title={t('notMeasuredHint')}>{t('notMeasured')} · {t('notMeasuredHint')}</p>}
      {charts.xs.length === 0 ? <p className="muted">{t('noData')}</p> : (
        <div className="charts">
          <div><h3>{t('successRate')}</h3><TimeChart times={charts.xs} series={charts.success} yRange={[0, 1.02]} format={pctFmt} bands={charts.bands} /></div>
          <div><h3>{t('latency')} (ms)</h3><TimeChart times={charts.xs} series={charts.latency} format={msFmt} bands={charts.bands} /></div>
          <div><h3>{t('dataErrors')}</h3><TimeChart times={charts.xs} series={charts.errors} yRange={charts.errorRange} format={intFmt} bands={charts.bands} /></div>
        </div>
      )}
    </>
  );
}
