// Emergency contacts per organisation (reachable 24 h; a change reported within 3 days), the
// change log, and contact drills.
import { useState } from 'react';
import { useApi, useCan } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtTime, localName } from '../format.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { Panel, Table, listOf } from '../components/ui.tsx';

interface Org { id: string; role?: string; name?: string | { zh?: string; en?: string }; province?: string }
interface Contact { name?: string; role?: string; phone?: string; email?: string; mobile?: string; available24h?: boolean }
interface Change { id?: string | number; org?: string; at?: string; changedAt?: string; reportedAt?: string; by?: string; late?: boolean; summary?: string }

export function ContactsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const orgs = useApi<unknown>('/orgs');
  const [org, setOrg] = useState<string | null>(null);
  const contacts = useApi<unknown>(org ? `/orgs/${encodeURIComponent(org)}/contacts` : null);
  const changes = useApi<unknown>('/contact-changes');
  return (
    <div className="two-col list-page">
      <div>
        <Panel title={t('org')} result={orgs.result} testId="orgs">
          {(data) => <Table rows={listOf<Org>(data, 'orgs', 'organizations')} rowKey={(o) => o.id} onRow={(o) => setOrg(o.id)} columns={[
            { head: 'id', cell: (o) => <b className={o.id === org ? 'selected' : ''}>{o.id}</b> },
            { head: t('name'), cell: (o) => localName(o.name, lang, '') },
            { head: t('province'), cell: (o) => o.province ?? '' },
            { head: '', cell: (o) => o.role ?? '' },
          ]} />}
        </Panel>
        {org && (
          <Panel title={`${t('contacts')} — ${org}`} result={contacts.result}>
            {(data) => <Table rows={listOf<Contact>(data, 'contacts')} rowKey={(c) => `${c.name}-${c.phone}-${c.email}`} columns={[
              { head: t('name'), cell: (c) => c.name ?? '' },
              { head: '', cell: (c) => c.role ?? '' },
              { head: t('phone'), cell: (c) => c.phone ?? c.mobile ?? '' },
              { head: t('email'), cell: (c) => c.email ?? '' },
            ]} />}
          </Panel>)}
        {org && can('contacts.drill') && (
          <ActionForm title={t('contactDrill')} path="/contact-drills" fields={[{ name: 'org', label: t('org'), initial: org, required: true }]} />)}
      </div>
      <Panel title={t('changes')} result={changes.result}>
        {(data) => <Table rows={listOf<Change>(data, 'changes')} rowKey={(c) => String(c.id ?? `${c.org}-${c.at ?? c.changedAt}`)} columns={[
          { head: t('time'), cell: (c) => fmtTime(c.at ?? c.changedAt, lang) },
          { head: t('org'), cell: (c) => c.org ?? '' },
          { head: t('actor'), cell: (c) => c.by ?? '' },
          { head: '', cell: (c) => (c.late ? <span className="bad-text">&gt; 3 d</span> : c.summary ?? '') },
        ]} />}
      </Panel>
    </div>
  );
}
