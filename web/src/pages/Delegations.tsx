// 授权 / Delegations (issue 10 item 4): each watched zone's delegation as the parent's servers serve it
// (NS, glue, DS) and the child's own NS, against the baseline; the history of baselines and changes; the
// owning organisation (or the office) approves an expected change, the office escalates the zone's
// delegation-change finding into an incident. Reloads on every live `finding` event.
import { useState } from 'react';
import { post } from '../api.ts';
import { useApi, useCan, useSession } from '../hooks.ts';
import { useI18n, type TextKey } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime } from '../format.ts';
import { linkProps } from '../router.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';
import { SeverityBadge } from '../components/FindingEvidence.tsx';
import type { FindingView } from '../types.ts';
import '../delegations.css';

interface State { parentNs: string[]; glue: Record<string, string[]>; ds: string[]; childNs: string[] }
interface Difference { field: keyof State; added: string[]; removed: string[] }
export interface DelegationView {
  zone: string; parent: string; system: string; org: string; baseline: State; baselineSource: 'first-seen' | 'approved';
  baselineAt: string; baselineBy: string; seen: { state: State } | null; seenAt: string | null;
  status: 'ok' | 'changed' | 'mismatch' | 'unreachable' | 'unknown'; differences: Difference[];
  deviatingNodes: Array<{ node: string; address: string; differences: Difference[] }>; mismatch: { parentOnly: string[]; childOnly: string[] } | null;
}
interface HistoryEntry { id: number; at: string; kind: 'baseline' | 'approved' | 'changed'; actor: string | null; state: State }

const FIELDS: Array<[keyof State, TextKey]> = [['parentNs', 'parentNs'], ['glue', 'glue'], ['ds', 'ds'], ['childNs', 'childNs']];
const lines = (s: State, f: keyof State): string[] => (f === 'glue' ? Object.entries(s.glue).flatMap(([n, a]) => a.map((x) => `${n} ${x}`)) : s[f]);
const STATUS_CLASS: Record<DelegationView['status'], string> = { ok: 'ok', changed: 'bad', mismatch: 'warn', unreachable: 'warn', unknown: 'muted' };

export function DelegationsPage() {
  const { t } = useI18n();
  const live = useLive();
  const list = useApi<unknown>('/delegations', [live.findingsVersion]);
  const findings = useApi<unknown>('/findings?kind=delegation-change&state=all&limit=500', [live.findingsVersion]);
  const reload = () => { list.reload(); findings.reload(); };
  const byZone = new Map<string, FindingView>();
  if (findings.result?.ok) {
    for (const f of listOf<FindingView>(findings.result.data, 'findings')) {
      const had = byZone.get(String(f.subject));
      if (!had || (f.state === 'open' && had.state !== 'open')) byZone.set(String(f.subject), f);
    }
  }
  return (
    <div className="delegations-page">
      <p className="muted small">{t('delegationsHint')}</p>
      <Panel title={t('delegationsTitle')} result={list.result} testId="delegation-list">
        {(data) => <DelegationTable rows={listOf<DelegationView>(data, 'delegations')} findingOf={(z) => byZone.get(z)} onChanged={reload} />}
      </Panel>
    </div>
  );
}

function DelegationTable({ rows, findingOf, onChanged }: { rows: DelegationView[]; findingOf: (zone: string) => FindingView | undefined; onChanged: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Table rows={rows} rowKey={(d) => d.zone} columns={[
      {
        head: t('zone'), className: 'nowrap', cell: (d) => (
          <div data-delegation={d.zone} data-status={d.status}>
            <b>{d.zone}</b>
            <div className="muted small">{t('parentZone')} {d.parent} · <a {...linkProps(`/systems/${encodeURIComponent(d.system)}`)}>{d.system}</a> · {d.org}</div>
          </div>),
      },
      {
        head: t('delegationStatus'), cell: (d) => <>
          <span className={`status-tag ${STATUS_CLASS[d.status]}`} data-testid="delegation-status">{t(`status_${d.status}` as TextKey)}</span>
          {findingOf(d.zone)?.state === 'open' && <div><SeverityBadge severity={findingOf(d.zone)!.severity} /></div>}
        </>,
      },
      { head: `${t('baseline')} · ${t('seenNow')}`, cell: (d) => <Compare d={d} /> },
      {
        head: t('lastSeen'), className: 'nowrap', cell: (d) => <>
          {d.seenAt ? fmtTime(d.seenAt, lang, true) : '—'}
          <div className="muted small">{t('baseline')}: {t(d.baselineSource === 'approved' ? 'baselineApproved' : 'baselineFirstSeen')} {fmtTime(d.baselineAt, lang, true)}</div>
        </>,
      },
      { head: '', cell: (d) => <Actions d={d} finding={findingOf(d.zone)} onChanged={onChanged} /> },
    ]} />
  );
}

/** Baseline and seen side by side per field; what differs is marked. */
function Compare({ d }: { d: DelegationView }) {
  const { t } = useI18n();
  const seen = d.seen?.state ?? null;
  return (
    <table className="compare small" data-testid="delegation-compare">
      <thead><tr><th /><th>{t('baseline')}</th><th>{t('seenNow')}</th></tr></thead>
      <tbody>
        {FIELDS.map(([f, label]) => {
          const before = lines(d.baseline, f);
          const now = seen ? lines(seen, f) : [];
          const differs = seen !== null && d.differences.some((x) => x.field === f);
          return (
            <tr key={f} className={differs ? 'differs' : undefined} data-field={f}>
              <th>{t(label)}</th>
              <td>{before.length ? before.join(' ') : '—'}</td>
              <td>{seen === null ? '…' : differs ? <b className="bad">{now.join(' ') || '—'}</b> : now.join(' ') || '—'}</td>
            </tr>
          );
        })}
        {d.mismatch && <tr className="differs"><th>{t('status_mismatch')}</th><td colSpan={2}>
          {d.mismatch.parentOnly.map((n) => `${t('parentNs')} +${n}`).concat(d.mismatch.childOnly.map((n) => `${t('childNs')} +${n}`)).join(' · ')}</td></tr>}
        {d.deviatingNodes.length > 0 && <tr className="differs"><th>{t('deviating')}</th><td colSpan={2}>{d.deviatingNodes.map((n) => `${n.node} (${n.address})`).join(', ')}</td></tr>}
      </tbody>
    </table>
  );
}

function Actions({ d, finding, onChanged }: { d: DelegationView; finding: FindingView | undefined; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const { me } = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const office = me ? me.org?.role === 'emergency-office' : true;
  const mayApprove = can('delegation.approve') && (office || me?.org?.id === d.org) && (d.status === 'changed' || d.status === 'mismatch');
  const open = finding?.state === 'open' ? finding : undefined;
  const incidentId = finding?.incidentId !== null && finding?.incidentId !== undefined ? String(finding.incidentId) : null;
  const run = async (path: string, body: object) => {
    setBusy(true); setError(null);
    const r = await post<unknown>(path, body);
    setBusy(false);
    if (r.ok) { setAsking(false); onChanged(); } else setError(r.missing ? t('notAvailableHint') : r.error);
  };
  return (
    <div className="row-actions delegation-actions">
      {mayApprove && !asking && <button type="button" className="small-btn" data-testid="approve" onClick={() => setAsking(true)}>{t('approve')}</button>}
      {asking && (
        <form className="convert-form" data-testid="approve-form" onSubmit={(e) => { e.preventDefault(); void run(`/delegations/${encodeURIComponent(d.zone)}/approve`, reason.trim() ? { reason: reason.trim() } : {}); }}>
          <input name="reason" placeholder={t('reasonOptional')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" disabled={busy}>{t('approveConfirm')}</button>
          <button type="button" className="link" onClick={() => setAsking(false)}>{t('cancel')}</button>
        </form>)}
      {incidentId
        ? <a className="incident-link" data-testid="delegation-incident" {...linkProps(`/incidents/${encodeURIComponent(incidentId)}`)}>{t('convertedTo')} #{incidentId}</a>
        : open && office && can('finding.convert') && (
          <button type="button" className="small-btn convert" data-testid="escalate" disabled={busy}
            onClick={() => void run(`/findings/${encodeURIComponent(String(open.id))}/incident`, { reason: `${t('escalate')}: ${d.zone}` })}>{t('escalate')}</button>)}
      <button type="button" className="link" data-testid="history-toggle" onClick={() => setShowHistory(!showHistory)}>{t(showHistory ? 'hideHistory' : 'history')}</button>
      {error && <span className="error" role="status">{error}</span>}
      {showHistory && <History zone={d.zone} lang={lang} />}
    </div>
  );
}

function History({ zone, lang }: { zone: string; lang: 'zh' | 'en' }) {
  const { t } = useI18n();
  const live = useLive();
  const h = useApi<{ history: HistoryEntry[] }>(`/delegations/${encodeURIComponent(zone)}/history`, [live.findingsVersion]);
  if (!h.result) return <p className="muted">{t('loading')}</p>;
  if (!h.result.ok) return <p className="error">{h.result.error}</p>;
  return (
    <ol className="delegation-history small" data-testid="delegation-history">
      {h.result.data.history.map((e) => (
        <li key={e.id} data-kind={e.kind}>
          {fmtTime(e.at, lang, true)} · <b>{t(`history_${e.kind}` as TextKey)}</b>{e.actor ? ` · ${e.actor}` : ''}
          <div className="muted">{t('parentNs')}: {e.state.parentNs.join(' ') || '—'} · {t('childNs')}: {e.state.childNs.join(' ') || '—'}
            {e.state.ds.length > 0 ? ` · DS ${e.state.ds.length}` : ''}</div>
        </li>))}
    </ol>
  );
}
