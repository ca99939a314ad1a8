// GET /api/v1/events — Server-Sent Events for the console: `event: cycle` with the figures of the
// systems the caller sees after each probe cycle (and once on connect), `incident` / `warning` when
// the services publish them, and a `: ping` comment every 15 s so proxies keep the stream open.
// Behind the same auth hook as the rest of /api/v1, and scoped like the REST routes (live-scope.ts):
// a client never receives another organisation's figures or incidents. The caller's credential is
// re-checked every 30 s: a revoked or expired session, a disabled user, ends the stream; a changed
// user (roles, organisation) gets the new scope. The number of concurrent streams is bounded; a
// stream's subscription is dropped as soon as its client goes away, and all streams end when the server closes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Snapshot } from '../../core/snapshot.ts';
import type { AppDeps } from '../app.ts';
import { allSystemFigures } from '../system-figures.ts';
import { NoQuery, type SystemFiguresT } from '../api-schemas.ts';
import { scopedFrame, visibleSystems, type CycleFrame } from '../live-scope.ts';
import { authOf, resolveAuth } from '../request-auth.ts';

/** What the daemon and the services publish to the live stream. */
export type LiveEvent =
  | { kind: 'cycle'; snapshot: Snapshot }
  | { kind: 'incident' | 'warning'; data: unknown }
  /** A finding opened, raised, closed or converted (src/response/finding-service.ts FindingView). */
  | { kind: 'finding'; finding: { org: string; [k: string]: unknown }; change?: string };

export type Subscribe = (listener: (event: LiveEvent) => void) => () => void;

export interface EventsOptions {
  deps: AppDeps;
  /** Concurrent streams at most (default 64); more answer 503. */
  maxStreams?: number;
  /** Concurrent streams per user (or machine token) at most (default http.limits.streamsPerUser, 4); more answer 429. */
  maxStreamsPerUser?: number;
  /** Keep-alive comment period (default 15 s). */
  pingMs?: number;
  /** How often a stream's credential is checked again (default 30 s): one store read per stream. */
  authRecheckMs?: number;
}

const DEFAULT_MAX_STREAMS = 64;
const DEFAULT_STREAMS_PER_USER = 4;
const PING_MS = 15_000;
const AUTH_RECHECK_MS = 30_000;
/** A client whose socket buffer holds more than this is not reading: it is dropped. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/** One SSE frame. Data lines never contain raw newlines: JSON.stringify escapes them. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function eventsRoutes(api: FastifyInstance, opts: EventsOptions): Promise<void> {
  const { deps } = opts;
  const maxStreams = opts.maxStreams ?? DEFAULT_MAX_STREAMS;
  const pingMs = opts.pingMs ?? PING_MS;
  const recheckMs = opts.authRecheckMs ?? AUTH_RECHECK_MS;
  const open = new Set<() => void>();
  const perUser = opts.maxStreamsPerUser ?? deps.config.http.limits?.streamsPerUser ?? DEFAULT_STREAMS_PER_USER;
  const openByUser = new Map<string, number>();

  // Every stream gets a slice of the same figures: computed once per snapshot, not once per stream.
  const figuresOf = new WeakMap<Snapshot, CycleFrame<SystemFiguresT>>();
  const cycleData = (snapshot: Snapshot | null): CycleFrame<SystemFiguresT> => {
    if (!snapshot) return { at: null, systems: allSystemFigures(deps.config, null) };
    let figures = figuresOf.get(snapshot);
    if (!figures) figuresOf.set(snapshot, figures = { at: snapshot.at, systems: allSystemFigures(deps.config, snapshot) });
    return figures;
  };

  // An SSE stream never becomes idle, so the server's close would wait for it forever.
  api.addHook('preClose', async () => { for (const end of [...open]) end(); });

  api.get('/events', {
    schema: {
      summary: 'Live stream (Server-Sent Events): cycle, incident, warning; a ping comment every 15 s',
      tags: ['events'],
      security: [{ bearer: [] }],
      querystring: NoQuery,
      produces: ['text/event-stream'],
    },
  }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (open.size >= maxStreams) {
      return reply.code(503).header('retry-after', '30').send({ error: `too many live streams (at most ${maxStreams})`, statusCode: 503 });
    }
    // Resolved once at connect (the auth hook did it); replaced only by the periodic re-check below.
    const auth = authOf(request);
    // One user cannot take every stream: at most `perUser` each.
    // (The shared machine token of wall displays counts per client address.)
    const who = auth.user?.id ?? `token:http@${request.ip}`;
    const mine = openByUser.get(who) ?? 0;
    if (mine >= perUser) {
      return reply.code(429).header('retry-after', '30').send({ error: `too many live streams for this user (at most ${perUser})`, statusCode: 429 });
    }
    openByUser.set(who, mine + 1);
    let principal = auth.principal;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });

    let ended = false;
    const write = (text: string) => {
      if (ended) return;
      if (res.writableLength > MAX_BUFFERED) { end(); return; }
      res.write(text);
    };
    const unsubscribe = deps.subscribe?.((event) => {
      const frame = scopedFrame(principal, event, cycleData);
      if (frame) write(sseFrame(frame.event, frame.data));
    }) ?? (() => undefined);
    const ping = setInterval(() => write(': ping\n\n'), pingMs);
    ping.unref();
    // A credential revoked after connect stops the stream within recheckMs. A store error keeps the
    // stream (the credential was valid at the last check; the figures matter most during an outage).
    let checking = false;
    const recheck = setInterval(() => {
      if (checking || ended) return;
      checking = true;
      resolveAuth(deps, auth.token)
        .then((fresh) => { if (!fresh) end(); else principal = fresh.principal; })
        .catch((err: unknown) => deps.logError?.(`events: re-checking a stream's credential failed: ${(err as Error).message}`))
        .finally(() => { checking = false; });
    }, recheckMs);
    recheck.unref();
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(ping);
      clearInterval(recheck);
      unsubscribe();
      open.delete(end);
      const left = (openByUser.get(who) ?? 1) - 1;
      if (left > 0) openByUser.set(who, left); else openByUser.delete(who);
      // A finished stream's connection is not reused: closing it lets the server shut down at once.
      if (!res.writableEnded) res.end(() => res.destroy());
      else res.destroy();
    }
    open.add(end);
    // The response's 'close' fires when the client goes away (the request's fires once its body is read).
    res.on('close', end);
    res.on('error', end);

    // The client reconnects after 5 s if the stream breaks; it gets the latest figures at once.
    write('retry: 5000\n\n');
    const first = cycleData(deps.latest());
    write(sseFrame('cycle', { at: first.at, systems: visibleSystems(principal, first.systems) }));
    if (!deps.subscribe) write(': no live source on this server; figures will not update\n\n');
  });
}
