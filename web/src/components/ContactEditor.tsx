// Edits an organisation's emergency contacts (plan §6.2: a primary 24-hour contact and a backup,
// each reachable by phone, email or webhook). Saves with If-Match on the version read; the server's
// `problems` are shown next to the form, a stale version asks for a reload.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n.ts';
import { sendJson } from './send-json.ts';

export interface ContactEntry { name: string; role: 'primary' | 'backup'; phone?: string; email?: string; webhook?: string; lang?: string }
export interface ContactChangeView { id: number; org: string; version: number; changedAt: string; reportedAt: string | null; by: string; byName?: string | null; reportDue: string; late: boolean; days: number }
export interface SavedChange { change: ContactChangeView; reminder: string }

type Row = { role: 'primary' | 'backup'; name: string; phone: string; email: string; webhook: string; lang?: string };
const FIELDS = ['name', 'phone', 'email', 'webhook'] as const;

function rowsOf(contacts: ContactEntry[]): Row[] {
  const rows: Row[] = contacts.map((c) => ({ role: c.role, name: c.name, phone: c.phone ?? '', email: c.email ?? '', webhook: c.webhook ?? '', lang: c.lang }));
  // An empty list starts with the two contacts the plan asks for.
  for (const role of ['primary', 'backup'] as const) if (!rows.some((r) => r.role === role)) rows.push({ role, name: '', phone: '', email: '', webhook: '' });
  return rows;
}

/** The rows the user filled in, as the API takes them (blank rows and blank fields left out). */
export function contactsOf(rows: Row[]): ContactEntry[] {
  return rows.filter((r) => FIELDS.some((f) => r[f].trim() !== '')).map((r) => ({
    name: r.name.trim(), role: r.role,
    ...(r.phone.trim() ? { phone: r.phone.trim() } : {}), ...(r.email.trim() ? { email: r.email.trim() } : {}),
    ...(r.webhook.trim() ? { webhook: r.webhook.trim() } : {}), ...(r.lang ? { lang: r.lang } : {}),
  }));
}

export function ContactEditor({ org, version, contacts, onSaved, onReload }: {
  org: string; version: number; contacts: ContactEntry[]; onSaved: (saved: SavedChange) => void; onReload: () => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(contacts));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; problems: string[]; stale: boolean } | null>(null);
  const set = (i: number, patch: Partial<Row>) => setRows((old) => old.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await sendJson<SavedChange>('PUT', `/orgs/${encodeURIComponent(org)}/contacts`, { contacts: contactsOf(rows) }, { 'if-match': `"${version}"` });
    setBusy(false);
    if (r.ok) { setError(null); onSaved(r.data); return; }
    setError({ text: r.status === 409 ? t('staleContacts') : r.error, problems: r.problems, stale: r.status === 409 });
  };

  return (
    <form className="action-form contact-editor" onSubmit={submit} data-testid="contact-editor">
      <h3>{t('editContacts')} <small className="muted">{t('version')} {version}</small></h3>
      {rows.map((row, i) => (
        <fieldset key={i} className="contact-row" data-row={i}>
          <label className="field"><span>{t('contactRole')}</span>
            <select name="role" value={row.role} onChange={(e) => set(i, { role: e.target.value as Row['role'] })}>
              <option value="primary">{t('primaryContact')}</option>
              <option value="backup">{t('backupContact')}</option>
            </select>
          </label>
          {FIELDS.map((f) => (
            <label key={f} className="field"><span>{t(f)}</span>
              <input name={f} value={row[f]} type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : f === 'webhook' ? 'url' : 'text'}
                onChange={(e) => set(i, { [f]: e.target.value })} />
            </label>
          ))}
          <button type="button" className="link" onClick={() => setRows((old) => old.filter((_, j) => j !== i))}>{t('remove')}</button>
        </fieldset>
      ))}
      <div className="form-foot">
        <button type="button" className="link" onClick={() => setRows((old) => [...old, { role: 'backup', name: '', phone: '', email: '', webhook: '' }])}>{t('addContact')}</button>
        <button type="submit" disabled={busy}>{t('save')}</button>
        {error && <span className="error" role="alert">{error.text}</span>}
        {error?.stale && <button type="button" onClick={onReload}>{t('reload')}</button>}
      </div>
      {error && error.problems.length > 0 && (
        <ul className="problems" data-testid="contact-problems">{error.problems.map((p) => <li key={p}>{p}</li>)}</ul>)}
    </form>
  );
}
