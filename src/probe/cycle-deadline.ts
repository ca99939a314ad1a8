// A probe cycle's deadline: `serve` runs a cycle every probing.interval, so a cycle must end within
// it — a stopped node that never answers must not stretch the cycle to probing.timeout (with the
// lab's 10 s timeout and 10 s interval every such cycle skipped the next tick). The cycle gets a
// budget a little shorter than the interval (the rest is for storing and grading), and every query
// is given at most the time left until the cycle's deadline: a query still unanswered then counts as
// a timeout of this cycle. Queries sent after the deadline time out at once. Healthy nodes answer
// in milliseconds and never meet the deadline.
import type { DnsAnswer, DnsClient, DnsQuery } from '../dns/dns-client-types.ts';
import { hasQueryCallback, type AnswerCallback, type CallbackDnsClient } from '../dns/callback-client.ts';

/** Shortest time a query is given even at (or past) the deadline: it times out right away. */
export const MIN_QUERY_MS = 1;

/** The part of the interval a cycle may use: the interval less 10 % (at most 1 s) for the store and grading. */
export function cycleBudgetMs(intervalMs: number): number {
  return Math.max(MIN_QUERY_MS, intervalMs - Math.min(1000, Math.floor(intervalMs / 10)));
}

/** The timeout to give a query: its own, cut to the time left before `deadline` (epoch ms). */
export function timeoutBefore(deadline: number, timeoutMs: number, nowMs: number): number {
  return Math.max(MIN_QUERY_MS, Math.min(timeoutMs, deadline - nowMs));
}

/** `client` with every query's timeout cut at `deadline` (the callback form too, when it has one). */
export function clientWithDeadline(client: DnsClient, deadline: number, now: () => number = Date.now): DnsClient {
  const clamp = (q: DnsQuery): DnsQuery => {
    const timeoutMs = timeoutBefore(deadline, q.timeoutMs, now());
    return timeoutMs === q.timeoutMs ? q : { ...q, timeoutMs };
  };
  const wrapped: DnsClient = {
    query: (q: DnsQuery): Promise<DnsAnswer> => client.query(clamp(q)),
    close: () => client.close(),
  };
  if (!hasQueryCallback(client)) return wrapped;
  const withCallback: DnsClient & CallbackDnsClient = {
    ...wrapped,
    queryCallback: (q: DnsQuery, done: AnswerCallback) => client.queryCallback(clamp(q), done),
  };
  return withCallback;
}
