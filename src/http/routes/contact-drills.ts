// Contact drills (通讯测试): POST /contact-drills sends each emergency contact of an organisation a
// test message with its own acknowledgement code; POST /contact-drills/:id/ack { token } (public: the
// code is the credential) records who acknowledged and when. GET /contact-drills[/:id] shows them.
// Only the SHA-256 of each code is stored (as the contact's key), so the store cannot replay them; in
// the outbox the code is sealed with a key kept outside the database (notify/ack-seal.ts).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { Principal } from '../../core/access/access-types.ts';
import { isVisible } from '../../core/access/visibility.ts';
import { newToken, tokenHash } from '../../auth/tokens.ts';
import { contactRecipients } from '../../daemon/platform-contacts.ts';
import { enqueueContactDrill } from '../../notify/incident-notifications.ts';
import { sealAck } from '../../notify/ack-seal.ts';
import type { ContactDrill } from '../../store/store.ts';
import { NotFoundError } from '../../store/store-errors.ts';
import { authOf, actorId, type RequestAuth } from '../request-auth.ts';
import { HttpError, audit, check, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, Problem, SCOPED_ERRORS, strict } from '../schemas/common-schemas.ts';
import { AckBody, AckResult, ContactDrillList, ContactDrillView, StartContactDrillBody } from '../schemas/contact-schemas.ts';
import { mayReadPersonalData } from './contacts.ts';
import { Type } from '@sinclair/typebox';

const tags = ['contacts'];
const security = [{ bearer: [] }];

function drillView(d: ContactDrill, p: Principal | null, now: string) {
  const due = d.dueAt ? Date.parse(d.dueAt) : null;
  return {
    ...d,
    contacts: d.contacts.map((c) => {
      const full = p !== null && mayReadPersonalData(p, c.org);
      const late = due !== null && (c.ackedAt ? Date.parse(c.ackedAt) > due : Date.parse(now) > due);
      return { key: c.key.slice(0, 12), org: c.org, name: c.name, ...(c.channel ? { channel: c.channel } : {}),
        ...(c.address && full ? { address: c.address } : {}), ackedAt: c.ackedAt, late };
    }),
  };
}

export async function contactDrillsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const now = clock(deps.now);
  const channels = new Set<string>([
    ...(deps.config.notifications.email ? ['email'] : []), ...((deps.config.notifications.webhooks ?? []).length > 0 ? ['webhook'] : []),
  ]);
  const visibleDrill = (p: Principal, d: ContactDrill) => (d.org === null ? p.visible === 'all' : isVisible(p.visible, d.org));
  // Addresses are personal data: a read that shows any is audited (one entry per request), like GET /orgs/:id/contacts.
  const auditAddressReads = async (auth: RequestAuth, at: string, drills: ContactDrill[], target: string): Promise<void> => {
    const shown = drills.flatMap((d) => d.contacts.filter((c) => c.address && mayReadPersonalData(auth.principal, c.org)));
    if (shown.length === 0) return;
    await audit(deps.store, auth, at, 'personal-data.read', target,
      { what: 'contact-drill addresses', orgs: [...new Set(shown.map((c) => c.org))].sort(), contacts: shown.length, drills: drills.length });
  };

  api.post<{ Body: typeof StartContactDrillBody.static }>('/contact-drills', {
    schema: { summary: "Test an organisation's emergency contacts: each gets a message with its own acknowledgement code", tags, security,
      body: StartContactDrillBody, response: { 201: ContactDrillView, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const org = request.body.org;
    if (!deps.config.organizations.some((o) => o.id === org)) throw notFound(`organisation ${org}`);
    check(auth.principal, 'drill.run', { kind: 'org', org }, `organisation ${org}`);
    const list = await deps.store.getContacts(org);
    if (list.contacts.length === 0) throw new HttpError(409, `${org} has no emergency contacts stored`);
    const at = now();
    const within = request.body.withinMinutes ?? 30;
    const issued = list.contacts.map((c) => ({ contact: c, token: newToken() }));
    const drill = await deps.store.createContactDrill({
      org, startedAt: at, dueAt: new Date(Date.parse(at) + within * 60_000).toISOString(), createdBy: actorId(auth),
      contacts: issued.map(({ contact, token }) => ({
        key: tokenHash(token), org, name: contact.name,
        ...(contact.email ? { channel: 'email', address: contact.email } : contact.webhook ? { channel: 'webhook', address: contact.webhook }
          : contact.phone ? { channel: 'phone', address: contact.phone } : {}),
      })),
    });
    const recipients = issued.flatMap(({ contact, token }) => contactRecipients(org, contact, channels)
      .map((r) => ({ ...r, ack: { token: deps.ackKey ? sealAck(token, deps.ackKey) : token, within: `${within}m` } })));
    const queued = await enqueueContactDrill(deps.store, { drillId: drill.id, at, recipients });
    await audit(deps.store, auth, at, 'contact-drill.start', drill.id, { org, contacts: drill.contacts.length, messages: queued.length, withinMinutes: within });
    return reply.code(201).send({ ...drillView(drill, auth.principal, at), messages: queued.length });
  });

  api.get<{ Querystring: { org?: string } }>('/contact-drills', {
    schema: { summary: 'Contact drills in the caller\'s scope, newest first', tags, security,
      querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 64 })) }, strict), response: { 200: ContactDrillList, ...SCOPED_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const p = auth.principal;
    const at = now();
    const rows = (await deps.store.listContactDrills({ ...(request.query.org ? { org: request.query.org } : {}), limit: 200 })).filter((d) => visibleDrill(p, d));
    await auditAddressReads(auth, at, rows, 'contact-drills');
    return { drills: rows.map((d) => drillView(d, p, at)) };
  });

  api.get<{ Params: { id: string } }>('/contact-drills/:id', {
    schema: { summary: 'One contact drill: who acknowledged and when', tags, security, params: IdParam, response: { 200: ContactDrillView, ...SCOPED_ERRORS } },
  }, async (request) => {
    const auth = authOf(request);
    const d = await deps.store.getContactDrill(request.params.id);
    if (!d || !visibleDrill(auth.principal, d)) throw notFound(`contact drill ${request.params.id}`);
    const at = now();
    await auditAddressReads(auth, at, [d], `contact-drill:${d.id}`);
    return drillView(d, auth.principal, at);
  });

  api.post<{ Params: { id: string }; Body: typeof AckBody.static }>('/contact-drills/:id/ack', {
    config: { public: true },
    bodyLimit: 4 * 1024,
    schema: { summary: 'Acknowledge a contact drill with the code from the message (no sign-in: the code is the credential)', tags,
      params: IdParam, body: AckBody, response: { 200: AckResult, 400: Problem, 404: Problem, 413: Problem } },
  }, async (request) => {
    const key = tokenHash(request.body.token);
    const at = now();
    let drill: ContactDrill;
    try {
      drill = await deps.store.recordContactAck(request.params.id, key, at);
    } catch (err) {
      // An unknown drill and a wrong code answer alike.
      if (err instanceof NotFoundError) throw notFound('contact drill or code');
      throw err;
    }
    const contact = drill.contacts.find((c) => c.key === key);
    if (!contact) throw notFound('contact drill or code');
    const ackedAt = contact.ackedAt ?? at;
    const late = drill.dueAt !== null && Date.parse(ackedAt) > Date.parse(drill.dueAt);
    await deps.store.appendAudit({ at, actor: `contact:${contact.org}:${key.slice(0, 12)}`, action: 'contact-drill.ack', org: contact.org,
      target: drill.id, detail: { name: contact.name, ackedAt, late, ip: request.ip } });
    return { ok: true as const, drillId: drill.id, org: contact.org, contact: contact.name, ackedAt, late };
  });
}
