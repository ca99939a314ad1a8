// A password or token the server shows once: read-only, selected on focus, with a copy button.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n.ts';

async function copyText(value: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    // No clipboard API (plain http off localhost): select the text and use the old command.
    input?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

export function SecretBox({ label, value, onClose, testId }: { label: string; value: string; onClose?: () => void; testId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="secret-box" role="status" data-testid={testId}>
      <div className="secret-label">{label}</div>
      <div className="secret-row">
        <input readOnly value={value} ref={input} onFocus={(e) => e.target.select()} spellCheck={false} data-secret aria-label={label} />
        <button type="button" onClick={() => { void copyText(value, input.current).then(setCopied); }}>{copied ? t('copied') : t('copy')}</button>
        {onClose && <button type="button" className="link" onClick={onClose}>{t('close')}</button>}
      </div>
      <p className="muted small">{t('shownOnce')}</p>
    </div>
  );
}
