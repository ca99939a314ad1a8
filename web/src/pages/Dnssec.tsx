// DNSSEC (issue 10 item 3): every watched zone and key domain from the latest cycle — signed or not,
// algorithms, the DS at the parent, the chain status, the earliest signature expiry (GET /api/v1/dnssec).
// Reloads on every cycle and finding event; the problems themselves are findings (Findings page).
import { useApi } from '../hooks.ts';
import { useI18n, type TextKey } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime } from '../format.ts';
import { linkProps } from '../router.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';

export interface DnssecRow {
  zone: string; keyDomain: string | null; system: string; org: string; checked: boolean; signed: boolean | null;
  chain: 'secure' | 'insecure' | 'bogus' | 'indeterminate'; reason: string | null; algorithms: number[]; keyTags: number[];
  dsAtParent: string[] | null; parent: string | null; earliestExpiry: string | null;
}

const CHAIN_CLASS: Record<DnssecRow['chain'], string> = { secure: 'ok', insecure: 'muted', bogus: 'bad', indeterminate: 'warn' };
/** DNSSEC algorithm numbers (IANA) and their names. */
const ALGORITHMS: Record<number, string> = { 5: 'RSASHA1', 7: 'RSASHA1-NSEC3', 8: 'RSASHA256', 10: 'RSASHA512', 13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519', 16: 'ED448' };

export function DnssecPage() {
  const { t } = useI18n();
  const live = useLive();
  const list = useApi<unknown>('/dnssec', [live.findingsVersion, live.systems?.at]);
  return (
    <div className="dnssec-page">
      <p className="muted small">{t('dnssecHint')}</p>
      <Panel title={t('dnssecTitle')} result={list.result} testId="dnssec-list">
        {(data) => <DnssecTable rows={listOf<DnssecRow>(data, 'zones')} />}
      </Panel>
    </div>
  );
}

function DnssecTable({ rows }: { rows: DnssecRow[] }) {
  const { t, lang } = useI18n();
  return (
    <Table rows={rows} rowKey={(r) => `${r.zone}|${r.keyDomain ?? ''}`} columns={[
      {
        head: t('dnssecZone'), className: 'nowrap', cell: (r) => (
          <div data-dnssec-zone={r.keyDomain ?? r.zone} data-chain={r.chain}>
            <b>{r.keyDomain ?? r.zone}</b>
            <div className="muted small">{r.keyDomain ? `${r.zone} · ` : ''}<a {...linkProps(`/systems/${encodeURIComponent(r.system)}`)}>{r.system}</a> · {r.org}</div>
          </div>),
      },
      {
        head: t('dnssecChain'), cell: (r) => r.checked
          ? <><span className={`status-tag ${CHAIN_CLASS[r.chain]}`} data-testid="dnssec-chain">{t(`chain_${r.chain}` as TextKey)}</span>
            {r.reason && <div className="muted small">{r.reason}</div>}</>
          : <span className="muted">{t('dnssecNotChecked')}</span>,
      },
      { head: t('dnssecSigned'), cell: (r) => (r.signed === null ? t('dnssecUnknown') : t(r.signed ? 'yes' : 'no')) },
      {
        head: t('dnssecAlgorithms'), cell: (r) => r.algorithms.length
          ? r.algorithms.map((a) => `${a} ${ALGORITHMS[a] ?? ''}`.trim()).join(', ') + (r.keyTags.length ? ` · ${r.keyTags.join(', ')}` : '')
          : '—',
      },
      {
        head: t('dnssecDsAtParent'), cell: (r) => r.dsAtParent === null ? '—'
          : <>{r.dsAtParent.length ? r.dsAtParent.map((d) => <div key={d} className="mono small">{d.length > 40 ? `${d.slice(0, 40)}…` : d}</div>) : t('none')}
            {r.parent && <div className="muted small">{r.parent}</div>}</>,
      },
      { head: t('dnssecExpiry'), className: 'nowrap', cell: (r) => (r.earliestExpiry ? fmtTime(r.earliestExpiry, lang, true) : '—') },
    ]} />
  );
}
