// The usual `notify` of the incident service: each organisation addressed is resolved to its
// emergency contacts (injected) and the message goes into the store's outbox, keyed by the
// notification's stable key, so a replay after a crash enqueues nothing new.
import type { Store } from '../store/store.ts';
import { enqueueIncidentNotifications, type Recipient } from '../notify/incident-notifications.ts';
import type { NotifyTarget, ResponseNotification } from './response-types.ts';

/** The contacts of an organisation for one notification (empty: nobody to tell; logged by the caller). */
export type RecipientsFor = (target: NotifyTarget, n: ResponseNotification) => Recipient[] | Promise<Recipient[]>;

export function createOutboxNotify(store: Store, recipientsFor: RecipientsFor, onNobody?: (n: ResponseNotification, org: string) => void) {
  return async (n: ResponseNotification): Promise<void> => {
    const recipients: Recipient[] = [];
    for (const t of n.to) {
      const rs = await recipientsFor(t, n);
      if (rs.length === 0) onNobody?.(n, t.org);
      for (const r of rs) if (!recipients.some((x) => x.channel === r.channel && x.address === r.address)) recipients.push(r);
    }
    if (recipients.length === 0) return;
    await enqueueIncidentNotifications(store, { incident: n.incident, event: n.event, recipients, at: n.at, eventKey: n.key, context: n.context });
  };
}
