// Who the platform notifies: the organisations' emergency contacts in the store. `serve` seeds an
// organisation's list from the configuration (organizations[].contacts) when the store has none,
// as a logged contact change by 'config'; afterwards the stored list (edited through the API) wins.
// An organisation with nobody reachable on a configured channel gets a 'nobody-to-notify' timeline
// entry on the incident, once per notification key and organisation.
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Recipient } from '../notify/incident-notifications.ts';
import type { RecipientsFor } from '../response/outbox-notify.ts';
import type { ContactEntry, Store } from '../store/store.ts';

const CONFIG_ACTOR = 'config';

/** Seeds every organisation that has contacts in the configuration and none stored; returns the orgs seeded. */
export async function seedContactsFromConfig(store: Pick<Store, 'getContacts' | 'putContacts'>, config: Pick<ResolvedConfig, 'organizations'>, at: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const seeded: string[] = [];
  for (const org of config.organizations) {
    const wanted = org.contacts ?? [];
    if (wanted.length === 0) continue;
    const current = await store.getContacts(org.id);
    if (current.version > 0) continue;
    const contacts: ContactEntry[] = wanted.map((c) => ({
      name: c.name, role: c.role,
      ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}),
      ...(c.webhook ? { webhook: c.webhook } : {}), ...(c.lang ? { lang: c.lang } : {}),
    }));
    try {
      await store.putContacts(org.id, 0, contacts, { at, by: CONFIG_ACTOR });
      seeded.push(org.id);
    } catch (err) {
      // another process seeded it first (version conflict): the stored list stands
      log(`contacts: ${org.id} not seeded from the configuration: ${(err as Error).message}`);
    }
  }
  return seeded;
}

/** The recipients of one contact on the channels that have a notifier (phone has none yet). */
export function contactRecipients(org: string, c: ContactEntry, channels: ReadonlySet<string>): Recipient[] {
  const lang = c.lang === 'en' ? 'en' : c.lang === 'zh' ? 'zh' : undefined;
  const out: Recipient[] = [];
  if (c.email && channels.has('email')) out.push({ channel: 'email', address: c.email, org, ...(lang ? { lang } : {}) });
  if (c.webhook && channels.has('webhook')) out.push({ channel: 'webhook', address: c.webhook, org, ...(lang ? { lang } : {}) });
  return out;
}

/** An organisation's stored contacts as recipients on the channels that have a notifier (findings, threat reports). */
export function createContactsOf(store: Pick<Store, 'getContacts'>, channels: ReadonlySet<string>): (org: string) => Promise<Recipient[]> {
  return async (org) => (await store.getContacts(org)).contacts.flatMap((c) => contactRecipients(org, c, channels));
}

export function createRecipientsFor(store: Pick<Store, 'getContacts' | 'timeline' | 'appendTimeline'>, channels: ReadonlySet<string>, log: (line: string) => void): RecipientsFor {
  return async (target, n) => {
    const list = await store.getContacts(target.org);
    const out = list.contacts.flatMap((c) => contactRecipients(target.org, c, channels));
    if (out.length > 0) return out;
    const reason = list.contacts.length === 0 ? 'no contacts stored' : `no contact reachable by ${[...channels].join('/') || 'any configured channel'}`;
    log(`notify: nobody to notify at ${target.org} (${target.as}) for ${n.event} of ${n.incident.id}: ${reason}`);
    const already = (await store.timeline(n.incident.id))
      .some((e) => e.kind === 'nobody-to-notify' && (e.payload as { key?: string; org?: string } | null)?.key === n.key
        && (e.payload as { org?: string }).org === target.org);
    if (!already) {
      await store.appendTimeline(n.incident.id, { at: n.at, kind: 'nobody-to-notify', actor: null, payload: { org: target.org, as: target.as, event: n.event, key: n.key, reason } });
    }
    return [];
  };
}
