// 发现 / Findings: what the platform sees wrong that is not (yet) a graded incident (SPEC §3) — a
// hijacked key domain through a resolver, a lagging secondary, a stale truth, an ungraded condition.
// Filters live in the URL (state, kind, system, organisation, severity); the list reloads on every
// live `finding` event. The emergency office can turn a finding into an incident with one action.
import { useEffect, useState } from 'react';
import { post, qs } from '../api.ts';
import { useApi, useCan, useSession } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { FINDING_KINDS, SEVERITIES, findingKindLabel, severityLabel } from '../i18n-findings.ts';
import { useLive } from '../live.ts';
import { fmtTime } from '../format.ts';
import { linkProps, navigate, useLocation } from '../router.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';
import { FindingEvidence, SeverityBadge } from '../components/FindingEvidence.tsx';
import type { FindingView } from '../types.ts';

const KEYS = ['state', 'kind', 'system', 'org', 'severity'] as const;
type Filters = Record<(typeof KEYS)[number], string>;
const SEVERITY_RANK: Record<string, number> = { critical: 3, warning: 2, info: 1 };

/** Open first, then the most severe, then the most recently seen. */
export function byUrgency(a: FindingView, b: FindingView): number {
  return (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1)
    || (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0)
    || Date.parse(b.lastSeen) - Date.parse(a.lastSeen);
}

/** The office turns findings into incidents (the API checks again). */
function useCanConvert(): boolean {
  const { me } = useSession();
  const can = useCan();
  const office = me ? me.org?.role === 'emergency-office' : true;
  return office && can('finding.convert');
}

export function FindingsPage() {
  const { t, lang } = useI18n();
  const live = useLive();
  const { query } = useLocation();
  const filters = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? (k === 'state' ? 'open' : '')])) as Filters;
  const [draft, setDraft] = useState(filters);
  const search = query.toString();
  useEffect(() => setDraft(filters), [search]); // back / forward, or a link with other filters
  // Severity is filtered here: the route filters by state, kind, system and organisation.
  const list = useApi<unknown>(`/findings${qs({ state: filters.state, kind: filters.kind, system: filters.system, org: filters.org, limit: 500 })}`, [live.findingsVersion]);
  const apply = (next: Filters) => { setDraft(next); navigate(`/findings${qs(next)}`); };
  const set = (k: keyof Filters, v: string) => apply({ ...draft, [k]: v });
  const keep = (f: FindingView) => (!filters.severity || f.severity === filters.severity)
    && (!filters.kind || f.kind === filters.kind) && (!filters.system || f.system === filters.system)
    && (!filters.org || f.org === filters.org) && (filters.state === 'all' || !filters.state || f.state === filters.state);
  const systems = live.systems?.systems.map((s) => s.id) ?? [];

  return (
    <div className="findings-page">
      <form className="filters" onSubmit={(e) => { e.preventDefault(); apply(draft); }} data-testid="finding-filters">
        <label>{t('state')}<select name="state" value={draft.state} onChange={(e) => set('state', e.target.value)}>
          <option value="open">{t('open')}</option><option value="closed">{t('closedState')}</option><option value="all">{t('all')}</option></select></label>
        <label>{t('severity')}<select name="severity" value={draft.severity} onChange={(e) => set('severity', e.target.value)}>
          <option value="">{t('all')}</option>{SEVERITIES.map((s) => <option key={s} value={s}>{severityLabel(s, lang)}</option>)}</select></label>
        <label>{t('findingKind')}<select name="kind" value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">{t('all')}</option>
          {[...new Set([...FINDING_KINDS, ...(draft.kind ? [draft.kind] : [])])].map((k) => <option key={k} value={k}>{findingKindLabel(k, lang)}</option>)}</select></label>
        <label>{t('system')}<select name="system" value={draft.system} onChange={(e) => set('system', e.target.value)}>
          <option value="">{t('all')}</option>
          {[...new Set([...systems, ...(draft.system ? [draft.system] : [])])].map((s) => <option key={s} value={s}>{s}</option>)}</select></label>
        <label>{t('org')}<input name="org" value={draft.org} onChange={(e) => setDraft({ ...draft, org: e.target.value })} size={10} /></label>
        <button type="submit">{t('filter')}</button>
      </form>
      <Panel title={t('findingsNav')} result={list.result} testId="finding-list">
        {(data) => <FindingTable rows={listOf<FindingView>(data, 'findings').filter(keep).sort(byUrgency)} onChanged={list.reload} />}
      </Panel>
    </div>
  );
}

export function FindingTable({ rows, onChanged, compact }: { rows: FindingView[]; onChanged: () => void; compact?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Table rows={rows} rowKey={(f) => String(f.id)} columns={[
      { head: t('severity'), cell: (f) => <SeverityBadge severity={f.severity} /> },
      {
        head: t('findingKind'), cell: (f) => (
          <div className="finding-what" data-finding={String(f.id)} data-kind={f.kind} data-state={f.state}>
            <b>{findingKindLabel(f.kind, lang)}</b>
            {f.subject && <span className="tag">{f.subject}</span>}
            <div className="small">{f.summary}</div>
          </div>),
      },
      ...(compact ? [] : [{
        head: t('system'), className: 'nowrap', cell: (f: FindingView) => <><a {...linkProps(`/systems/${encodeURIComponent(f.system)}`)}>{f.system}</a><div className="muted small">{f.org}</div></>,
      }]),
      { head: t('node'), cell: (f) => f.node ?? '—' },
      { head: t('evidence'), cell: (f) => <FindingEvidence f={f} /> },
      { head: t('firstSeen'), cell: (f) => fmtTime(f.firstSeen, lang, true), className: 'nowrap' },
      {
        head: t('lastSeen'), className: 'nowrap', cell: (f) => <>{fmtTime(f.lastSeen, lang, true)}
          {f.state === 'closed' && <div className="muted small">{t('closedState')} {fmtTime(f.closedAt, lang, true)}</div>}</>,
      },
      { head: t('incidentCol'), cell: (f) => <ConvertFinding f={f} onDone={onChanged} /> },
    ]} />
  );
}

/** The incident a finding became, or the office's "convert to incident" action. */
function ConvertFinding({ f, onDone }: { f: FindingView; onDone: () => void }) {
  const { t } = useI18n();
  const canConvert = useCanConvert();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const incidentId = made ?? (f.incidentId !== null && f.incidentId !== undefined ? String(f.incidentId) : null);
  if (incidentId) {
    return <a className="incident-link" data-testid="finding-incident" {...linkProps(`/incidents/${encodeURIComponent(incidentId)}`)}>
      {t('convertedTo')} #{incidentId}</a>;
  }
  if (!canConvert) return <span className="muted">—</span>;
  if (!asking) return <button type="button" className="small-btn convert" onClick={() => setAsking(true)}>{t('toIncident')}</button>;
  const submit = async () => {
    setBusy(true); setError(null);
    const r = await post<{ incidentId: string | number }>(`/findings/${encodeURIComponent(String(f.id))}/incident`, reason.trim() ? { reason: reason.trim() } : {});
    setBusy(false);
    if (r.ok) { setMade(String(r.data.incidentId)); onDone(); } else setError(r.missing ? t('notAvailableHint') : r.error);
  };
  return (
    <form className="convert-form" data-testid="convert-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <input name="reason" placeholder={t('reasonOptional')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="row-actions">
        <button type="submit" disabled={busy}>{t('toIncidentConfirm')}</button>
        <button type="button" className="link" onClick={() => setAsking(false)}>{t('cancel')}</button>
      </div>
      {error && <span className="error" role="status">{error}</span>}
    </form>
  );
}
