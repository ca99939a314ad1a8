// A probe cycle's deadline: `serve` runs a cycle every probing.interval, so a cycle must end within
// it — a stopped node that never answers must not stretch the cycle to probing.timeout (with the
// lab's 10 s timeout and 10 s interval every such cycle skipped the next tick). The cycle gets a
// budget a little shorter than the interval (the rest is for storing and grading), and every query
// is given at most the time left until the cycle's deadline: a query still unanswered then counts as
// a timeout of this cycle. A query that could no longer wait a fair time (half the budget, or its own
// timeout) is not sent and not counted: the node is not blamed for the cycle running out. Healthy
// nodes answer in milliseconds and never meet the deadline.
import type { DnsAnswer, DnsClient, DnsQuery } from '../dns/dns-client-types.ts';
import { hasQueryCallback, type AnswerCallback, type CallbackDnsClient } from '../dns/callback-client.ts';

/** Shortest time a query is given even at (or past) the deadline: it times out right away. */
export const MIN_QUERY_MS = 1;

/**
 * The `error` of a query the wrapped client did not send because too little of the cycle was left
 * for a fair wait (less than its timeout and less than half the budget): the probes count it
 * nowhere — not a failure of the node, just not sampled this cycle.
 */
const NOT_SENT_DEADLINE = 'not sent: cycle deadline';

function notSentAnswer(q: DnsQuery): DnsAnswer {
  return { outcome: 'timeout', transport: q.transport ?? 'udp', latencyMs: null, answer: [], authority: [], additional: [], error: NOT_SENT_DEADLINE };
}

export const wasNotSent = (a: DnsAnswer): boolean => a.error === NOT_SENT_DEADLINE;

/** The part of the interval a cycle may use: the interval less 10 % (at most 1 s) for the store and grading. */
export function cycleBudgetMs(intervalMs: number): number {
  return Math.max(MIN_QUERY_MS, intervalMs - Math.min(1000, Math.floor(intervalMs / 10)));
}

/** The timeout to give a query: its own, cut to the time left before `deadline` (epoch ms). */
export function timeoutBefore(deadline: number, timeoutMs: number, nowMs: number): number {
  return Math.max(MIN_QUERY_MS, Math.min(timeoutMs, deadline - nowMs));
}

/**
 * `client` with every query's timeout cut at `deadline` (the callback form too, when it has one).
 * A query that could wait less than `fairMs` (and less than its own timeout) is not sent: it is
 * answered at once with NOT_SENT_DEADLINE. Default fairMs: half of `budgetMs`.
 */
export function clientWithDeadline(client: DnsClient, deadline: number, opts: { now?: () => number; fairMs?: number } = {}): DnsClient {
  const now = opts.now ?? Date.now;
  const fairMs = opts.fairMs ?? 0;
  /** The query to send, or null when it is not sent. */
  const clamp = (q: DnsQuery): DnsQuery | null => {
    const timeoutMs = timeoutBefore(deadline, q.timeoutMs, now());
    if (timeoutMs < q.timeoutMs && timeoutMs < fairMs) return null;
    return timeoutMs === q.timeoutMs ? q : { ...q, timeoutMs };
  };
  const wrapped: DnsClient = {
    query: async (q: DnsQuery): Promise<DnsAnswer> => {
      const sent = clamp(q);
      return sent ? client.query(sent) : notSentAnswer(q);
    },
    close: () => client.close(),
  };
  if (!hasQueryCallback(client)) return wrapped;
  const withCallback: DnsClient & CallbackDnsClient = {
    ...wrapped,
    queryCallback: (q: DnsQuery, done: AnswerCallback) => {
      const sent = clamp(q);
      if (sent) client.queryCallback(sent, done); else done(notSentAnswer(q));
    },
  };
  return withCallback;
}

/** The daemon's client for one cycle starting now: deadline at cycleBudgetMs(interval), a fair wait of half of it. */
export function cycleClient(client: DnsClient, intervalMs: number, startMs: number = Date.now()): DnsClient {
  const budget = cycleBudgetMs(intervalMs);
  return clientWithDeadline(client, startMs + budget, { fairMs: Math.floor(budget / 2) });
}
