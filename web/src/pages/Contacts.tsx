// Emergency contacts per organisation (plan §6.2: reachable 24 h, with a backup; a change reported to
// the national office within 3 days). The organisation's own actors edit the list, record a change as
// reported and run reachability drills; the late change reports in the caller's scope are listed aside.
import { useEffect, useState } from 'react';
import { useApi, useCan, useSession } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime, localName } from '../format.ts';
import { Panel, Table, listOf } from '../components/ui.tsx';
import { ContactEditor, type ContactChangeView, type ContactEntry, type SavedChange } from '../components/ContactEditor.tsx';
import { ContactDrills } from '../components/ContactDrills.tsx';
import { sendJson } from '../components/send-json.ts';

interface Org { id: string; role?: string; name?: string | { zh?: string; en?: string }; province?: string }
interface ContactsView {
  org: string; version: number; contacts: ContactEntry[]; updatedAt: string | null; updatedBy: string | null; redacted: boolean;
  problems: string[]; changes: ContactChangeView[]; lateChangeReports: number;
}

function ReportButton({ change, onDone }: { change: ContactChangeView; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const report = async () => {
    const r = await sendJson('POST', `/contact-changes/${change.id}/report`, {});
    setError(r.ok ? null : r.error);
    if (r.ok) onDone();
  };
  return <>
    <button type="button" data-action="report-change" onClick={() => void report()}>{t('markReported')}</button>
    {error && <span className="error">{error}</span>}
  </>;
}

function ChangeState({ change, canReport, onDone }: { change: ContactChangeView; canReport: boolean; onDone: () => void }) {
  const { t, lang } = useI18n();
  return (
    <span className="change-state" data-reported={change.reportedAt ? 'yes' : 'no'}>
      {change.reportedAt ? `${t('reportedAt')} ${fmtTime(change.reportedAt, lang)}` : t('notReported')}
      {change.late && <span className="bad-text"> ({t('late')}, {change.days} d)</span>}
      {!change.reportedAt && canReport && <> <ReportButton change={change} onDone={onDone} /></>}
    </span>
  );
}

export function ContactsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const { me } = useSession();
  const orgs = useApi<unknown>('/orgs');
  const [org, setOrg] = useState<string | null>(null);
  const contacts = useApi<ContactsView>(org ? `/orgs/${encodeURIComponent(org)}/contacts` : null);
  const changes = useApi<unknown>('/contact-changes');
  const [saved, setSaved] = useState<SavedChange | null>(null);
  // Start on the caller's own organisation when it is listed.
  useEffect(() => {
    if (org === null && orgs.result?.ok && me && listOf<Org>(orgs.result.data, 'orgs').some((o) => o.id === me.user.org)) setOrg(me.user.org);
  }, [orgs.result, me, org]);
  useEffect(() => setSaved(null), [org]);
  const own = org !== null && me?.user.org === org;
  const mayWrite = own && can('contacts.write');
  const reload = () => { contacts.reload(); changes.reload(); };
  const late = listOf<ContactChangeView>(changes.result?.ok ? changes.result.data : null, 'changes').filter((c) => c.late);

  return (
    <div className="two-col list-page contacts-page">
      <div>
        <Panel title={t('org')} result={orgs.result} testId="orgs">
          {(data) => <Table rows={listOf<Org>(data, 'orgs')} rowKey={(o) => o.id} onRow={(o) => setOrg(o.id)} columns={[
            { head: 'id', cell: (o) => <b className={o.id === org ? 'selected' : ''}>{o.id}</b> },
            { head: t('name'), cell: (o) => localName(o.name, lang, '') },
            { head: t('province'), cell: (o) => o.province ?? '' },
            { head: t('orgKind'), cell: (o) => o.role ?? '' },
          ]} />}
        </Panel>
        {org && (
          <Panel title={`${t('contacts')} — ${org}`} result={contacts.result} testId="contacts">
            {(view) => (
              <>
                {view.redacted && <p className="muted small">{t('personalDataHidden')}</p>}
                <Table rows={view.contacts} rowKey={(c) => `${c.role}-${c.name}-${c.phone}-${c.email}`} columns={[
                  { head: t('contactRole'), cell: (c) => (c.role === 'primary' ? t('primaryContact') : t('backupContact')) },
                  { head: t('name'), cell: (c) => c.name },
                  { head: t('phone'), cell: (c) => c.phone ?? '' },
                  { head: t('email'), cell: (c) => c.email ?? '' },
                  { head: t('webhook'), cell: (c) => c.webhook ?? '' },
                ]} />
                {view.problems.length > 0 && (
                  <div className="problems-box"><b>{t('listProblems')}</b><ul className="problems">{view.problems.map((p) => <li key={p}>{p}</li>)}</ul></div>)}
                {saved && saved.change.org === org && (
                  <div className="change-box" data-testid="contact-change" role="status">
                    <b>{t('changeSaved')}{saved.change.version})</b>
                    <div>{t('reportBy')}<b data-testid="report-due">{fmtTime(saved.change.reportDue, lang)}</b></div>
                    <ChangeState change={view.changes.find((c) => c.id === saved.change.id) ?? saved.change} canReport={mayWrite} onDone={reload} />
                  </div>)}
                {mayWrite && (
                  <ContactEditor key={`${org}-${view.version}`} org={org} version={view.version} contacts={view.contacts}
                    onSaved={(s) => { setSaved(s); reload(); }} onReload={reload} />)}
                <h3>{t('changes')}</h3>
                <Table rows={[...view.changes].reverse()} rowKey={(c) => String(c.id)} columns={[
                  { head: t('time'), cell: (c) => fmtTime(c.changedAt, lang) },
                  { head: t('version'), cell: (c) => c.version },
                  { head: t('actor'), cell: (c) => c.byName ?? c.by.slice(0, 8) },
                  { head: t('due'), cell: (c) => fmtTime(c.reportDue, lang) },
                  { head: t('state'), cell: (c) => <ChangeState change={c} canReport={mayWrite} onDone={reload} /> },
                ]} />
              </>
            )}
          </Panel>)}
        {org && <ContactDrills org={org} mayStart={can('contacts.drill')} />}
      </div>
      <Panel title={`${t('lateReports')} (${late.length})`} result={changes.result} testId="late-reports">
        {() => <Table rows={late} rowKey={(c) => String(c.id)} columns={[
          { head: t('org'), cell: (c) => c.org },
          { head: t('time'), cell: (c) => fmtTime(c.changedAt, lang) },
          { head: t('due'), cell: (c) => fmtTime(c.reportDue, lang) },
          { head: t('state'), cell: (c) => (c.reportedAt ? `${t('reportedAt')} ${fmtTime(c.reportedAt, lang)} (${c.days} d)` : `${t('notReported')} (${c.days} d)`) },
        ]} />}
      </Panel>
    </div>
  );
}
