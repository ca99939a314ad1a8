// The callback form of DnsClient.query, for hot loops (the probe engine): no Promise per query.
// createDnsClient implements it; other DnsClient implementations (fakes in tests) need not.
import type { DnsAnswer, DnsClient, DnsQuery } from './dns-client-types.ts';

/** Called exactly once per query with its answer; must not throw. */
export type AnswerCallback = (answer: DnsAnswer) => void;

export interface CallbackDnsClient {
  /** Same semantics as DnsClient.query, but reports through `done` (possibly synchronously, for early failures). */
  queryCallback(q: DnsQuery, done: AnswerCallback): void;
}

export function hasQueryCallback(client: DnsClient): client is DnsClient & CallbackDnsClient {
  return typeof (client as Partial<CallbackDnsClient>).queryCallback === 'function';
}
