// GET /api/v1/events — Server-Sent Events for the console: `event: cycle` with every system's
// figures after each probe cycle (and once on connect), `incident` / `warning` when the services
// publish them, and a `: ping` comment every 15 s so proxies keep the stream open. Behind the same
// auth hook as the rest of /api/v1. The number of concurrent streams is bounded; a stream's
// subscription is dropped as soon as its client goes away, and all streams end when the server closes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Snapshot } from '../../core/snapshot.ts';
import type { AppDeps } from '../app.ts';
import { allSystemFigures } from '../system-figures.ts';
import { NoQuery } from '../api-schemas.ts';

/** What the daemon and the services publish to the live stream. */
export type LiveEvent =
  | { kind: 'cycle'; snapshot: Snapshot }
  | { kind: 'incident' | 'warning'; data: unknown };

export type Subscribe = (listener: (event: LiveEvent) => void) => () => void;

export interface EventsOptions {
  deps: AppDeps;
  /** Concurrent streams at most (default 64); more answer 503. */
  maxStreams?: number;
  /** Keep-alive comment period (default 15 s). */
  pingMs?: number;
}

export const DEFAULT_MAX_STREAMS = 64;
export const PING_MS = 15_000;
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
  const open = new Set<() => void>();

  const cycleData = (snapshot: Snapshot | null) => ({ at: snapshot?.at ?? null, systems: allSystemFigures(deps.config, snapshot) });

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
  }, async (_request: FastifyRequest, reply: FastifyReply) => {
    if (open.size >= maxStreams) {
      return reply.code(503).header('retry-after', '30').send({ error: `too many live streams (at most ${maxStreams})`, statusCode: 503 });
    }
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
      if (event.kind === 'cycle') write(sseFrame('cycle', cycleData(event.snapshot)));
      else write(sseFrame(event.kind, event.data));
    }) ?? (() => undefined);
    const ping = setInterval(() => write(': ping\n\n'), pingMs);
    ping.unref();
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(ping);
      unsubscribe();
      open.delete(end);
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
    write(sseFrame('cycle', cycleData(deps.latest())));
    if (!deps.subscribe) write(': no live source on this server; figures will not update\n\n');
  });
}
