// 案件域名处置 / Acting on a case's names, on the case page: hold / unhold, lock / unlock, sinkhole /
// unsinkhole, refer to a registrar, no action — with reason, evidence and approver — through
// POST /names/actions with the case, so each run is on the case timeline; the result of each name is
// shown. Deletion: the due-diligence checklist and a request, then two approvals by two other people
// (POST /names/:name/delete-request, /delete-approve). Each name links to its state and history.
import { useState } from 'react';
import { post } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { CASE_NAME_ACTIONS, DELETE_CHECKS, nameWord } from '../i18n-names.ts';
import { linkProps } from '../router.ts';

interface Result { name: string; outcome: string; reason?: string; note?: string; approvals?: string[] }
interface Answer { action: string; results: Result[]; counts: Record<string, number> }

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

export function ResultList({ results, testId }: { results: Result[]; testId: string }) {
  const { lang } = useI18n();
  return (
    <ul className="name-results" data-testid={testId}>
      {results.map((r) => (
        <li key={r.name} data-name={r.name.replace(/\.$/, '')} data-outcome={r.outcome}>
          <code>{r.name.replace(/\.$/, '')}</code> — {nameWord(r.outcome, lang)}{r.reason ? ` · ${r.reason}` : ''}{r.note ? ` · ${r.note}` : ''}
          {r.approvals ? ` · ${r.approvals.length}/2` : ''}
        </li>))}
    </ul>
  );
}

export function CaseNameActions({ caseId, names, onDone }: { caseId: string; names: string[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [f, setF] = useState({ action: 'hold', reason: '', evidence: '', approver: '', registrar: '' });
  const [chosen, setChosen] = useState<string[]>(names);
  const [results, setResults] = useState<Result[] | null>(null);
  const [del, setDel] = useState({ name: names[0] ?? '', reason: '', checks: {} as Record<string, boolean> });
  const [delResult, setDelResult] = useState<Result[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setError(null); setBusy(true);
    const body = { action: f.action, names: chosen, reason: f.reason.trim(), case: caseId,
      ...(lines(f.evidence).length ? { evidence: lines(f.evidence) } : {}), ...(f.approver.trim() ? { approver: f.approver.trim() } : {}),
      ...(f.action === 'refer' ? { registrar: f.registrar.trim() } : {}) };
    const r = await post<Answer>('/names/actions', body);
    setBusy(false);
    if (!r.ok) { setError(r.error); return; }
    setResults(r.data.results);
    onDone();
  };
  const deleteStep = async (step: 'delete-request' | 'delete-approve') => {
    setError(null);
    const body = step === 'delete-request' ? { reason: del.reason.trim(), case: caseId, checklist: Object.fromEntries(DELETE_CHECKS.map((c) => [c, !!del.checks[c]])) } : {};
    const r = await post<Result>(`/names/${encodeURIComponent(del.name)}/${step}`, body);
    if (!r.ok) { setError(r.error); return; }
    setDelResult([r.data]);
    onDone();
  };

  return (
    <div className="case-actions name-actions" data-testid="name-actions">
      <form data-testid="name-action-form" onSubmit={(e) => { e.preventDefault(); if (chosen.length) void run(); }}>
        <h3>{t('nameActions')}</h3>
        {names.map((n) => (
          <label key={n} className="inline"><input type="checkbox" name="name" value={n} checked={chosen.includes(n)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, n] : chosen.filter((x) => x !== n))} /> <a {...linkProps(`/names/${encodeURIComponent(n)}`)}>{n}</a></label>))}
        <label>{t('nameAction')}<select name="action" value={f.action} onChange={(e) => setF({ ...f, action: e.target.value })}>
          {CASE_NAME_ACTIONS.map((a) => <option key={a} value={a}>{nameWord(a, lang)}</option>)}</select></label>
        {f.action === 'refer' && <label>{t('registrar')}<input name="registrar" value={f.registrar} onChange={(e) => setF({ ...f, registrar: e.target.value })} /></label>}
        <label>{t('actionReason')}<textarea name="reason" value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} /></label>
        <label>{t('evidenceLines')}<textarea name="evidence" value={f.evidence} onChange={(e) => setF({ ...f, evidence: e.target.value })} /></label>
        <label>{t('approver')}<input name="approver" value={f.approver} onChange={(e) => setF({ ...f, approver: e.target.value })} /></label>
        <button type="submit" disabled={busy}>{t('apply')}</button>
        {results && <><h4>{t('resultsPerName')}</h4><ResultList results={results} testId="name-action-results" /></>}
      </form>
      <form data-testid="delete-form" onSubmit={(e) => { e.preventDefault(); void deleteStep('delete-request'); }}>
        <h3>{t('deleteName')}</h3>
        <label>{t('domainName')}<select name="deleteName" value={del.name} onChange={(e) => setDel({ ...del, name: e.target.value })}>
          {names.map((n) => <option key={n} value={n}>{n}</option>)}</select></label>
        <fieldset><legend>{t('deleteChecklist')}</legend>
          {DELETE_CHECKS.map((c) => <label key={c} className="inline"><input type="checkbox" name={c} checked={!!del.checks[c]}
            onChange={(e) => setDel({ ...del, checks: { ...del.checks, [c]: e.target.checked } })} /> {nameWord(c, lang)}</label>)}</fieldset>
        <label>{t('actionReason')}<textarea name="deleteReason" value={del.reason} onChange={(e) => setDel({ ...del, reason: e.target.value })} /></label>
        <button type="submit">{t('requestDelete')}</button>{' '}
        <button type="button" data-testid="approve-delete" onClick={() => void deleteStep('delete-approve')}>{t('approveDelete')}</button>
        {delResult && <ResultList results={delResult} testId="delete-results" />}
      </form>
      {error && <p className="error" data-testid="name-action-error">{error}</p>}
    </div>
  );
}
