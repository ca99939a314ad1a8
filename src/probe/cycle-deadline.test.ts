// The cycle deadline: budgets from the interval, timeouts cut at the deadline (fake clock), and a
// real node that never answers no longer holds the cycle for the whole probing.timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { clientWithDeadline, cycleBudgetMs, cycleClient, MIN_QUERY_MS, timeoutBefore, wasNotSent } from './cycle-deadline.ts';
import { createDnsClient } from '../dns/dns-client.ts';
import { hasQueryCallback } from '../dns/callback-client.ts';
import type { DnsAnswer, DnsClient, DnsQuery } from '../dns/dns-client-types.ts';
import { runProbeCycle } from './probe-engine.ts';
import { authSystem, probeConfig } from './testing/config-fixture.ts';
import { StaticTruthProvider } from './truth/truth-provider.ts';
import { FakeDnsClient, records } from './testing/fake-dns-client.ts';
import { seededRng } from './random-sample.ts';

test('the budget is the interval less 10 % (at most 1 s)', () => {
  assert.equal(cycleBudgetMs(10_000), 9_000);
  assert.equal(cycleBudgetMs(60_000), 59_000);
  assert.equal(cycleBudgetMs(1_000), 900);
  assert.equal(cycleBudgetMs(300), 270);
  assert.equal(cycleBudgetMs(0), MIN_QUERY_MS);
});

test('a query gets its own timeout or the time left, whichever is shorter; past the deadline almost none', () => {
  assert.equal(timeoutBefore(10_000, 6_000, 0), 6_000);
  assert.equal(timeoutBefore(10_000, 6_000, 7_000), 3_000);
  assert.equal(timeoutBefore(10_000, 6_000, 10_000), MIN_QUERY_MS);
  assert.equal(timeoutBefore(10_000, 6_000, 12_000), MIN_QUERY_MS);
});

test('the wrapped client cuts every query at the deadline, in both the promise and the callback form', async () => {
  const seen: number[] = [];
  const answer = (q: DnsQuery): DnsAnswer => ({ outcome: 'timeout', transport: q.transport ?? 'udp', latencyMs: null, answer: [], authority: [], additional: [] });
  const inner = {
    query: async (q: DnsQuery) => { seen.push(q.timeoutMs); return answer(q); },
    queryCallback: (q: DnsQuery, done: (a: DnsAnswer) => void) => { seen.push(q.timeoutMs); done(answer(q)); },
    close: async () => undefined,
  };
  let clock = 1_000;
  const client = clientWithDeadline(inner, 10_000, { now: () => clock });
  const q = { address: '127.0.0.1', port: 53, name: 'lab.', type: 'SOA', timeoutMs: 6_000 };
  await client.query(q);
  clock = 8_500;
  await client.query(q);
  assert.ok(hasQueryCallback(client));
  clock = 9_999;
  await new Promise<void>((r) => client.queryCallback(q, () => r()));
  clock = 20_000;
  await client.query(q);
  assert.deepEqual(seen, [6_000, 1_500, 1, MIN_QUERY_MS]);
  const plain: DnsClient = { query: inner.query, close: inner.close };
  assert.equal(hasQueryCallback(clientWithDeadline(plain, 0)), false, 'no callback form is invented');
});

test('a node that never answers ends its cycle at the deadline, not after probing.timeout', async () => {
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
  const port = (silent.address() as AddressInfo).port;
  const zone = { origin: 'lab.', records: records('lab. SOA ns1.lab. admin.lab. 1 3600 600 86400 300\nlab. NS ns1.lab.\nns1.lab. A 127.0.10.1') };
  const config = probeConfig([authSystem('lab-tld', ['lab.'], [{ id: 'a', address: '127.0.0.1', port }], { kind: 'tld' })],
    { intervalMs: 500, timeoutMs: 6_000 });
  const real = createDnsClient({ maxInFlight: 16 });
  try {
    const snap = await runProbeCycle(config, {
      client: cycleClient(real, config.probing.intervalMs),
      truth: new StaticTruthProvider({ 'lab-tld': [zone] }), rng: seededRng(3),
    });
    const node = snap.systems[0].nodes[0];
    assert.equal(node.succeeded, 0);
    assert.ok(node.queries > 0);
    assert.ok((node.failures?.timeout ?? 0) > 0, JSON.stringify(node.failures));
    const took = Date.parse(snap.window.to) - Date.parse(snap.window.from);
    assert.ok(took < config.probing.timeoutMs, `the cycle took ${took} ms: it waited for the ${config.probing.timeoutMs} ms timeout`);
  } finally {
    await real.close();
    silent.close();
  }
});

test('a query that could not wait a fair time is not sent, and the probes do not count it', async () => {
  let clock = 0;
  const q = { address: '127.0.0.1', port: 53, name: 'lab.', type: 'SOA', timeoutMs: 6_000 };
  const fake = new FakeDnsClient([]);
  const client = clientWithDeadline(fake, 10_000, { now: () => clock, fairMs: 4_000 });
  assert.equal(wasNotSent(await client.query(q)), false, '10 s left: sent');
  clock = 6_500;
  assert.equal(wasNotSent(await client.query(q)), true, '3.5 s left, less than the fair 4 s: not sent');
  assert.equal(fake.queries.length, 1);
  const quick = { ...q, timeoutMs: 2_000 };
  assert.equal(wasNotSent(await client.query(quick)), false, 'its own timeout fits: sent with it');

  // Through the engine: a clock that runs out mid-cycle leaves the rest unsampled, not failed.
  const zone = { origin: 'lab.', records: records(`lab. SOA ns1.lab. admin.lab. 1 3600 600 86400 300
lab. NS ns1.lab.
ns1.lab. A 127.0.10.1
${Array.from({ length: 60 }, (_, i) => `n${i}.lab. A 192.0.2.${i + 1}`).join('\n')}`) };
  const config = probeConfig([authSystem('lab-tld', ['lab.'], [{ id: 'a', address: '127.0.0.1', port: 53 }], { kind: 'tld' })], { intervalMs: 10_000, timeoutMs: 6_000, inFlight: 1 });
  let t = 0;
  const ticking = clientWithDeadline(new FakeDnsClient([zone]), 9_000, { now: () => (t += 200), fairMs: 4_500 });
  const snap = await runProbeCycle(config, { client: ticking, truth: new StaticTruthProvider({ 'lab-tld': [zone] }), rng: seededRng(5) });
  const node = snap.systems[0].nodes[0];
  assert.ok(node.queries > 0 && node.queries < 60, `some sampled, the rest not (${node.queries})`);
  assert.equal(node.succeeded, node.queries, 'nothing unsent counts as failed');
  assert.equal(snap.systems[0].successRate, 1);
});
