// DGA 域名列表 / DGA lists: thousands of names pasted or uploaded, blocked from registration
// (optionally delegated to the sinkhole, until an agreed date). POST /names/actions is synchronous per
// request, so the console sends the list in batches of 500 names and counts progress batch by batch
// (done / total, applied / already / refused / failed); a failed request stops the run and says where.
import { useState } from 'react';
import { post } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { nameWord } from '../i18n-names.ts';

export const DGA_BATCH = 500;

interface Answer { results: Array<{ name: string; outcome: string; reason?: string }>; counts: Record<'applied' | 'already' | 'refused' | 'failed', number> }

export function parseNameList(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    const n = raw.trim().toLowerCase().replace(/\.$/, '');
    if (n && !n.startsWith('#')) seen.add(n);
  }
  return [...seen];
}

export function DgaBlock() {
  const { t, lang } = useI18n();
  const [f, setF] = useState({ text: '', reason: '', sinkhole: false, until: '', caseId: '' });
  const [progress, setProgress] = useState<{ done: number; total: number; counts: Answer['counts']; problems: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const names = parseNameList(f.text);
    if (!names.length) return;
    setError(null); setBusy(true);
    const counts = { applied: 0, already: 0, refused: 0, failed: 0 };
    const problems: string[] = [];
    setProgress({ done: 0, total: names.length, counts, problems });
    for (let i = 0; i < names.length; i += DGA_BATCH) {
      const batch = names.slice(i, i + DGA_BATCH);
      const r = await post<Answer>('/names/actions', { action: 'block', names: batch, reason: f.reason.trim(), ...(f.sinkhole ? { sinkhole: true } : {}),
        ...(f.until.trim() ? { until: f.until.trim() } : {}), ...(f.caseId.trim() ? { case: f.caseId.trim() } : {}) });
      if (!r.ok) { setError(`${i}/${names.length}: ${r.error}`); break; }
      for (const k of Object.keys(counts) as Array<keyof typeof counts>) counts[k] += r.data.counts[k];
      for (const x of r.data.results) if ((x.outcome === 'refused' || x.outcome === 'failed') && problems.length < 50) problems.push(`${x.name}: ${x.reason ?? x.outcome}`);
      setProgress({ done: i + batch.length, total: names.length, counts: { ...counts }, problems: [...problems] });
    }
    setBusy(false);
  };
  const onFile = (file: File | undefined) => { if (file) void file.text().then((text) => setF((x) => ({ ...x, text }))); };

  return (
    <form className="case-actions dga" data-testid="dga-form" onSubmit={(e) => { e.preventDefault(); if (!busy) void run(); }}>
      <div>
        <h3>{t('dgaTitle')}</h3>
        <p className="muted">{t('dgaIntro')}</p>
        <label>{t('dgaFile')}<input type="file" name="file" accept=".txt,.csv,text/plain" onChange={(e) => onFile(e.target.files?.[0])} /></label>
        <label>{t('dgaNames')} ({parseNameList(f.text).length})<textarea name="names" rows={8} value={f.text} onChange={(e) => setF({ ...f, text: e.target.value })} /></label>
        <label>{t('actionReason')}<textarea name="reason" value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} /></label>
        <label className="inline"><input type="checkbox" name="sinkhole" checked={f.sinkhole} onChange={(e) => setF({ ...f, sinkhole: e.target.checked })} /> {t('withSinkhole')}</label>
        <label>{t('untilField')}<input name="until" value={f.until} onChange={(e) => setF({ ...f, until: e.target.value })} /></label>
        <label>{t('caseOptional')}<input name="case" value={f.caseId} onChange={(e) => setF({ ...f, caseId: e.target.value })} /></label>
        <button type="submit" disabled={busy}>{t('blockNames')}</button>
        {progress && (
          <div data-testid="dga-progress" data-done={progress.done} data-total={progress.total}>
            <progress max={progress.total} value={progress.done} /> {t('progressDone')} {progress.done} / {progress.total} {t('namesCounted')}
            <p data-testid="dga-counts">{(["applied", "already", "refused", "failed"] as const).map((k) => `${nameWord(k, lang)} ${progress.counts[k]}`).join(' · ')}</p>
            {progress.problems.length > 0 && <ul>{progress.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          </div>)}
        {error && <p className="error" data-testid="dga-error">{error}</p>}
      </div>
    </form>
  );
}
