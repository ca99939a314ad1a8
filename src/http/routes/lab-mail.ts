// The bundled lab's mailbox, for the emergency office's console: GET /lab/mail lists what the lab's
// SMTP sink received (newest first), GET /lab/mail/:n shows one message decoded. Registered only
// when the configuration names `lab.mailbox` (configurations written by `dnswarden lab up`);
// everywhere else the routes do not exist. Office members only: the lab's mail goes to every
// organisation's contacts.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../app.ts';
import { readMail, readMailbox } from '../../lab/lab-mailbox.ts';
import { authOf } from '../request-auth.ts';
import { HttpError, notFound } from '../route-helpers.ts';
import { SCOPED_ERRORS, strict } from '../schemas/common-schemas.ts';

const tags = ['lab'];
const security = [{ bearer: [] }];

const MailEntry = Type.Object({
  id: Type.Integer(), at: Type.String(), from: Type.String(), to: Type.Array(Type.String()), subject: Type.String(),
  messageId: Type.String(), event: Type.String({ description: 'X-Dnswarden-Event, or empty' }),
  incident: Type.String({ description: 'X-Dnswarden-Incident, or empty' }), file: Type.String(), size: Type.Integer(),
}, strict);
const MailList = Type.Object({ mailbox: Type.String(), messages: Type.Array(MailEntry) }, strict);
const MailMessage = Type.Object({
  ...MailEntry.properties,
  headers: Type.Array(Type.Tuple([Type.String(), Type.String()])),
  text: Type.String({ description: 'the text/plain body, decoded' }),
}, strict);
const MailParam = Type.Object({ n: Type.String({ pattern: '^[0-9]{1,9}$' }) }, strict);
const MailQuery = Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: 'at most 1000 (default 200), newest first' })) }, strict);

export async function labMailRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const mailbox = opts.deps.config.lab?.mailbox;
  if (!mailbox) return;
  const officeOnly = (request: Parameters<typeof authOf>[0]) => {
    const p = authOf(request).principal;
    if (p.orgRole !== 'emergency-office') throw new HttpError(403, `${p.username ?? p.org} (${p.org}) may not read the lab mailbox: the emergency office only`);
  };

  api.get<{ Querystring: typeof MailQuery.static }>('/lab/mail', {
    schema: { summary: "The lab mail sink's messages, newest first (lab configurations only)", tags, security, querystring: MailQuery, response: { 200: MailList, ...SCOPED_ERRORS } },
  }, async (request) => {
    officeOnly(request);
    const limit = Math.min(1000, Math.max(1, Number(request.query.limit ?? 200)));
    return { mailbox, messages: readMailbox(mailbox).reverse().slice(0, limit) };
  });

  api.get<{ Params: typeof MailParam.static }>('/lab/mail/:n', {
    schema: { summary: 'One message of the lab mailbox, decoded', tags, security, params: MailParam, response: { 200: MailMessage, ...SCOPED_ERRORS } },
  }, async (request) => {
    officeOnly(request);
    const mail = readMail(mailbox, Number(request.params.n));
    if (!mail) throw notFound(`message ${request.params.n}`);
    return mail;
  });
}
