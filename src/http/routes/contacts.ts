// Organisations and their emergency contacts (plan §6.2: a 24-hour contact and a backup; a change is
// reported to the national office within 3 days). GET /orgs, GET|PUT /orgs/:id/contacts,
// GET /contact-changes, POST /contact-changes/:id/report.
// Contacts are personal data (ICANN framework: least access): phone, email and webhook are shown only
// to the organisation itself and the emergency office, and every such read is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userNames } from '../user-names.ts';
import type { AppDeps } from '../app.ts';
import type { Principal } from '../../core/access/access-types.ts';
import { decide } from '../../core/access/permissions.ts';
import { isVisible } from '../../core/access/visibility.ts';
import { contactListProblems, lateChangeReport, REPORT_WITHIN_DAYS } from '../../core/contacts/contact-rules.ts';
import type { ContactChange, ContactEntry, ContactList } from '../../store/store.ts';
import { authOf, actorId, type RequestAuth } from '../request-auth.ts';
import { HttpError, audit, check, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, OrgParam, Problem, SCOPED_ERRORS, Ok, strict } from '../schemas/common-schemas.ts';
import { ChangeList, ChangeParam, ChangeQuery, ContactsView, OrgList, PutContactsBody, PutContactsResult } from '../schemas/contact-schemas.ts';
import { orgView } from '../views.ts';
import { Type } from '@sinclair/typebox';

const tags = ['contacts'];
const security = [{ bearer: [] }];
const REDACTED = '[redacted]';
const DAY_MS = 86_400_000;

export const mayReadPersonalData = (p: Principal, org: string): boolean => decide(p, 'personal-data.read', { kind: 'org', org }) === 'allow';

function redactContact(c: ContactEntry): ContactEntry {
  return { name: c.name, role: c.role, ...(c.phone ? { phone: REDACTED } : {}), ...(c.email ? { email: REDACTED } : {}),
    ...(c.webhook ? { webhook: REDACTED } : {}), ...(c.lang ? { lang: c.lang } : {}) };
}

function changeView(c: ContactChange, now: string, full: boolean) {
  const { late, days } = lateChangeReport(c, now);
  return { ...c, diff: full ? c.diff ?? null : REDACTED, reportDue: new Date(Date.parse(c.changedAt) + REPORT_WITHIN_DAYS * DAY_MS).toISOString(), late, days };
}

/** If-Match: "3", W/"3" or 3. */
function versionFromIfMatch(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^\s*(?:W\/)?"?([0-9]{1,9})"?\s*$/.exec(header);
  return m ? Number(m[1]) : Number.NaN;
}

export async function contactsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const now = clock(deps.now);
  const orgOf = (id: string) => deps.config.organizations.find((o) => o.id === id);

  async function view(auth: RequestAuth, list: ContactList, at: string) {
    const full = mayReadPersonalData(auth.principal, list.org);
    const changes = await deps.store.contactChanges(list.org);
    const names = await userNames(deps.store, changes.slice(-50).map((c) => c.by));
    // The changer's name is about a person: shown with the personal-data right, like the contacts.
    const shown = changes.map((c) => ({ ...changeView(c, at, full), byName: full ? names.get(c.by) ?? null : null }));
    return {
      org: list.org, version: list.version, contacts: full ? list.contacts : list.contacts.map(redactContact),
      updatedAt: list.updatedAt, updatedBy: list.updatedBy, redacted: !full,
      problems: contactListProblems(list.contacts), changes: shown.slice(-50), lateChangeReports: shown.filter((c) => c.late).length,
    };
  }

  api.get('/orgs', {
    schema: { summary: 'The organisations the caller sees', tags, security, querystring: Type.Object({}, strict), response: { 200: OrgList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    return { orgs: deps.config.organizations.filter((o) => isVisible(p.visible, o.id)).map(orgView) };
  });

  api.get<{ Params: { id: string } }>('/orgs/:id/contacts', {
    schema: { summary: "An organisation's emergency contacts, their problems and the 3-day reporting of changes", tags, security,
      params: OrgParam, response: { 200: ContactsView, ...SCOPED_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const org = request.params.id;
    if (!orgOf(org)) throw notFound(`organisation ${org}`);
    check(auth.principal, 'contacts.read', { kind: 'org', org }, `organisation ${org}`);
    const at = now();
    const list = await deps.store.getContacts(org);
    const body = await view(auth, list, at);
    if (!body.redacted && list.contacts.length > 0) {
      await audit(deps.store, auth, at, 'personal-data.read', `contacts:${org}`, { org, version: list.version, contacts: list.contacts.length });
    }
    reply.header('etag', `"${list.version}"`).header('cache-control', 'no-store');
    return body;
  });

  api.put<{ Params: { id: string }; Body: typeof PutContactsBody.static }>('/orgs/:id/contacts', {
    schema: { summary: 'Replace the contact list (If-Match or body version; 409 when it changed meanwhile)', tags, security,
      params: OrgParam, body: PutContactsBody, response: { 200: PutContactsResult, ...COMMAND_ERRORS, 428: Problem } },
  }, async (request: FastifyRequest<{ Params: { id: string }; Body: typeof PutContactsBody.static }>, reply) => {
    const auth = authOf(request);
    const org = request.params.id;
    if (!orgOf(org)) throw notFound(`organisation ${org}`);
    check(auth.principal, 'contacts.write', { kind: 'org', org }, `organisation ${org}`);
    const fromHeader = versionFromIfMatch(request.headers['if-match']);
    if (Number.isNaN(fromHeader)) throw new HttpError(400, 'If-Match: expected the list version, e.g. "3"');
    const version = fromHeader ?? request.body.version;
    if (version === undefined) throw new HttpError(428, 'send the version you read (If-Match header or body version; 0 for the first list)');
    if (fromHeader !== undefined && request.body.version !== undefined && fromHeader !== request.body.version) {
      throw new HttpError(400, 'If-Match and body version differ');
    }
    const contacts = request.body.contacts.map((c) => ({ ...c, name: c.name.trim() }));
    const problems = contactListProblems(contacts);
    if (problems.length > 0) throw new HttpError(400, `the contact list is incomplete: ${problems.join('; ')}`, problems);
    const at = now();
    const current = await deps.store.getContacts(org);
    if (current.version !== version) throw new HttpError(409, `the contacts changed meanwhile (version ${current.version}); reload and try again`);
    const { list, change } = await deps.store.putContacts(org, version, contacts, { at, by: actorId(auth) });
    await audit(deps.store, auth, at, 'contacts.update', `contacts:${org}`, { org, version: list.version, contacts: contacts.length, change: change.id });
    const shown = changeView(change, at, true);
    reply.header('etag', `"${list.version}"`);
    return {
      list: await view(auth, list, at), change: shown,
      reminder: `report this change to the national emergency office within ${REPORT_WITHIN_DAYS} days, by ${shown.reportDue} `
        + `(联系人变更须在 ${REPORT_WITHIN_DAYS} 日内报互联网应急办)`,
    };
  });

  api.get<{ Querystring: typeof ChangeQuery.static }>('/contact-changes', {
    schema: { summary: 'Contact changes in the caller\'s scope, with their 3-day reporting status', tags, security,
      querystring: ChangeQuery, response: { 200: ChangeList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const p = auth.principal;
    const q = request.query;
    if (q.org !== undefined && !isVisible(p.visible, q.org)) return { changes: [] };
    const at = now();
    const rows = (await deps.store.contactChanges(q.org, { unreported: q.unreported === 'true' }))
      .filter((c) => isVisible(p.visible, c.org) && decide(p, 'contacts.read', { kind: 'org', org: c.org }) === 'allow');
    const names = await userNames(deps.store, rows.slice(-500).map((c) => c.by));
    // Unredacted diffs hold phone numbers and addresses: such a read is audited (one entry per request).
    const fullOrgs = [...new Set(rows.slice(-500).filter((c) => mayReadPersonalData(p, c.org)).map((c) => c.org))].sort();
    if (fullOrgs.length > 0) {
      await audit(deps.store, auth, at, 'personal-data.read', 'contact-changes', { what: 'contact change diffs', orgs: fullOrgs, changes: rows.slice(-500).length });
    }
    return { changes: rows.slice(-500).map((c) => {
      const full = mayReadPersonalData(p, c.org);
      return { ...changeView(c, at, full), byName: full ? names.get(c.by) ?? null : null };
    }) };
  });

  api.post<{ Params: { id: string } }>('/contact-changes/:id/report', {
    schema: { summary: 'Record that a contact change was reported to the national emergency office', tags, security,
      params: ChangeParam, response: { 200: Ok, ...COMMAND_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const change = (await deps.store.contactChanges()).find((c) => c.id === Number(request.params.id));
    if (!change) throw notFound(`contact change ${request.params.id}`);
    check(auth.principal, 'contacts.write', { kind: 'org', org: change.org }, `contact change ${change.id}`);
    const at = now();
    await deps.store.markContactChangeReported(change.id, at);
    await audit(deps.store, auth, at, 'contacts.change-reported', `contacts:${change.org}`, { change: change.id, version: change.version });
    return { ok: true as const };
  });
}
