// A form that POSTs (or PUTs) JSON and shows what the API answered, including refusals (409) with
// their reason. Fields are described as data so that each page only lists what it sends.
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';

export interface FieldDef {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'checkbox' | 'datetime';
  options?: Array<{ value: string; label: string }>;
  required?: boolean;
  initial?: string | boolean;
}

function toBody(fields: FieldDef[], values: Record<string, string | boolean>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox') body[f.name] = v === true;
    else if (f.kind === 'datetime' && typeof v === 'string' && v) body[f.name] = new Date(v).toISOString();
    else if (typeof v === 'string' && v.trim() !== '') body[f.name] = v.trim();
  }
  return body;
}

/** An ISO time as the value of a datetime-local input, in the browser's zone. */
export function localInput(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return '';
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function ActionForm({ title, method = 'POST', path, fields, submitLabel, onDone, testId, shape }: {
  title?: string; method?: 'POST' | 'PUT'; path: string; fields: FieldDef[]; submitLabel?: string; onDone?: () => void; testId?: string;
  /** Reshapes the flat field values into the body the route expects (nested objects, lists). */
  shape?: (flat: Record<string, unknown>) => unknown;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === 'checkbox' ? false : f.options?.[0]?.value ?? '')])));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const flat = toBody(fields, values);
    const r = await api(method, path, shape ? shape(flat) : flat);
    setBusy(false);
    if (r.ok) { setOutcome({ ok: true, text: t('saved') }); onDone?.(); }
    else setOutcome({ ok: false, text: r.missing ? t('notAvailableHint') : `${r.status === 409 ? `${t('refused')}: ` : ''}${r.error}` });
  };
  const set = (name: string, v: string | boolean) => setValues((old) => ({ ...old, [name]: v }));

  return (
    <form className="action-form" onSubmit={submit} data-testid={testId}>
      {title && <h3>{title}</h3>}
      {fields.map((f) => (
        <label key={f.name} className={`field field-${f.kind ?? 'text'}`}>
          <span>{f.label}</span>
          {f.kind === 'textarea' ? <textarea name={f.name} value={String(values[f.name])} required={f.required} rows={3} onChange={(e) => set(f.name, e.target.value)} />
            : f.kind === 'select' ? (
              <select name={f.name} value={String(values[f.name])} required={f.required} onChange={(e) => set(f.name, e.target.value)}>
                {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>)
              : f.kind === 'checkbox' ? <input type="checkbox" name={f.name} checked={values[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} />
                : <input name={f.name} type={f.kind === 'datetime' ? 'datetime-local' : 'text'} value={String(values[f.name])} required={f.required} onChange={(e) => set(f.name, e.target.value)} />}
        </label>
      ))}
      <div className="form-foot">
        <button type="submit" disabled={busy}>{submitLabel ?? t('submit')}</button>
        {outcome && <span className={outcome.ok ? 'ok-text' : 'error'} role="status">{outcome.text}</span>}
      </div>
    </form>
  );
}
