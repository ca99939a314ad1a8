// Emergency contacts (plan §6.2): every organisation keeps a contact reachable 24 hours a day, with a
// backup; a change must be reported to the national office within 3 days. Pure checks.

export interface Contact {
  name: string;
  role: 'primary' | 'backup';
  phone?: string;
  email?: string;
  webhook?: string;
}

export interface ContactChange {
  org: string;
  changedAt: string;
  /** When the change was reported to the national emergency office; null while not reported. */
  reportedAt: string | null;
}

export const REPORT_WITHIN_DAYS = 3;

/** Problems with an organisation's contact list: no primary, no backup, a contact with no channel. */
export function contactListProblems(contacts: Contact[]): string[] {
  const out: string[] = [];
  if (!contacts.some((c) => c.role === 'primary')) out.push('no primary 24-hour contact');
  if (!contacts.some((c) => c.role === 'backup')) out.push('no backup contact');
  contacts.forEach((c, i) => {
    if (!c.phone && !c.email && !c.webhook) out.push(`contacts[${i}] (${c.name}): no phone, email or webhook`);
    if (c.phone && !/^\+?[0-9 ()-]{5,20}$/.test(c.phone)) out.push(`contacts[${i}] (${c.name}): phone is not a phone number`);
  });
  return out;
}

/**
 * A change reported more than 3 days after it happened (or not reported, and 3 days have passed).
 * "Within 3 days" is read as at most 72 hours.
 */
export function lateChangeReport(change: ContactChange, now: string): { late: boolean; days: number } {
  const changed = Date.parse(change.changedAt);
  const until = change.reportedAt ? Date.parse(change.reportedAt) : Date.parse(now);
  const days = (until - changed) / 86_400_000;
  return { late: days > REPORT_WITHIN_DAYS, days: Math.round(days * 10) / 10 };
}
