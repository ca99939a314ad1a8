// What every scoped route does: decide the caller's right on a resource (404 outside the scope,
// 403 inside it but not allowed), map service and store errors to statuses, write audit entries.
import type { FastifyReply } from 'fastify';
import type { Action, Principal, Resource } from '../core/access/access-types.ts';
import { decide } from '../core/access/permissions.ts';
import type { Commander } from '../core/rules/commander.ts';
import { ResponseError } from '../response/response-types.ts';
import type { Actor } from '../response/response-types.ts';
import type { Incident, Store } from '../store/store.ts';
import { AlreadyExistsError, NotFoundError, StoreUnavailableError, VersionConflictError } from '../store/store-errors.ts';
import { actorId, type RequestAuth } from './request-auth.ts';

/** Thrown by routes to answer a 4xx with a JSON body; the error handler of routes turns it into the reply. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly problems: string[];
  constructor(statusCode: number, message: string, problems: string[] = []) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.problems = problems;
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, `${what} not found`);

/**
 * Throws 404 when the resource is outside the caller's scope (the same answer as a resource that
 * does not exist), 403 when the caller sees it but may not do this.
 */
export function check(p: Principal, action: Action, resource: Resource, what: string): void {
  const verdict = decide(p, action, resource);
  if (verdict === 'allow') return;
  if (verdict === 'not-found') throw notFound(what);
  throw new HttpError(403, `${p.username ?? p.org} (${p.org}) may not ${action.replace('.', ' ')} here`);
}

export function incidentResource(inc: Pick<Incident, 'org' | 'detail'>): Resource {
  const commander = ((inc.detail as { commander?: Commander | null }).commander ?? null);
  return { kind: 'incident', org: inc.org, commander };
}

/** The actor the incident service sees; carrying the roles makes its authorize use this fresh read. */
export function actorOf(auth: RequestAuth): Actor {
  const p = auth.principal;
  return { id: actorId(auth), org: p.org, roles: p.roles, username: p.username ?? undefined } as Actor;
}

const RESPONSE_STATUS: Record<ResponseError['code'], number> = { NOT_FOUND: 404, FORBIDDEN: 403, INVALID: 400, CONFLICT: 409, REFUSED: 409 };

/** Known errors of the service and the store as an HttpError; anything else is rethrown (→ 500). */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ResponseError) return new HttpError(RESPONSE_STATUS[err.code], err.message, err.problems);
  if (err instanceof VersionConflictError) return new HttpError(409, 'changed by someone else meanwhile; reload and try again');
  if (err instanceof AlreadyExistsError) return new HttpError(409, err.message);
  if (err instanceof NotFoundError) return new HttpError(404, err.message);
  if (err instanceof StoreUnavailableError) return new HttpError(503, 'the database is unavailable; try again shortly');
  throw err;
}

export function sendHttpError(reply: FastifyReply, err: HttpError): FastifyReply {
  const body: { error: string; statusCode: number; problems?: string[] } = { error: err.message, statusCode: err.statusCode };
  if (err.problems.length > 0) body.problems = err.problems;
  if (err.statusCode === 503) reply.header('retry-after', '5');
  return reply.code(err.statusCode).send(body);
}

/** An audit entry by the caller, for a state-changing route. */
export async function audit(store: Pick<Store, 'appendAudit'>, auth: RequestAuth, at: string, action: string, target: string | null, detail?: unknown): Promise<void> {
  await store.appendAudit({ at, actor: actorId(auth), action, org: auth.principal.org, target, detail: detail ?? null });
}

/** Clock of the routes. */
export function clock(now: (() => Date) | undefined): () => string {
  return () => (now ?? (() => new Date()))().toISOString();
}
