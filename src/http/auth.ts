// Bearer-token check for the API. Constant-time: both sides are hashed to equal-length digests
// before timingSafeEqual, so neither the token's length nor its prefix leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The token from an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i.exec(header);
  return match ? match[1] : null;
}

export function tokenMatches(given: string | null, expected: string | undefined): boolean {
  // No configured token: the API stays closed rather than open.
  if (given === null || expected === undefined || expected === '') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** A Fastify onRequest hook answering 401 (JSON) unless the request carries the token. */
export function requireBearer(expected: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (tokenMatches(bearerToken(request.headers.authorization), expected)) return;
    reply.header('www-authenticate', 'Bearer realm="dnswarden"');
    await reply.code(401).send({ error: 'missing or invalid bearer token', statusCode: 401 });
  };
}
