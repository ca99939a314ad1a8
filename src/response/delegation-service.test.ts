// DelegationService on an SQLite store with a scripted DNS client: it looks every `every` cycles only,
// the first sighting is the baseline, a change shows in the findings of every cycle until the next look
// (so the findings' hysteresis does not see it come and go), and nothing is asked beside the targets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { DnsAnswer, DnsClient, DnsQuery } from '../dns/dns-client-types.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { DelegationService } from './delegation-service.ts';

class ScriptedClient implements DnsClient {
  readonly queries: DnsQuery[] = [];
  parentNs = ['ns1.x.lab.'];
  async query(q: DnsQuery): Promise<DnsAnswer> {
    this.queries.push(q);
    const base = { outcome: 'answer' as const, transport: 'udp' as const, latencyMs: 1, rcode: 'NOERROR', tc: false, ra: false, additional: [] };
    const ns = (list: string[]) => list.map((data) => ({ name: 'x.lab.', type: 'NS', ttl: 300, data }));
    if (q.address === '127.0.0.1') return q.type === 'NS' ? { ...base, aa: false, answer: [], authority: ns(this.parentNs) } : { ...base, aa: false, answer: [], authority: [] };
    return { ...base, aa: true, answer: ns(['ns1.x.lab.']), authority: [] };
  }
  async close(): Promise<void> {}
}

const config = {
  systems: [
    { id: 'tld', org: 'reg', kind: 'tld', zones: ['lab.'], nodes: [{ id: 'a', address: '127.0.0.1', port: 53 }] },
    { id: 'auth', org: 'dns', kind: 'authoritative', zones: ['x.lab.'], nodes: [{ id: 'ns1', address: '127.0.0.2', port: 53 }] },
  ],
  keyDomains: [],
  probing: { intervalMs: 1000, timeoutMs: 1000 },
} as unknown as ResolvedConfig;

test('looks every 3 cycles; findings of the latest sighting in every cycle; the first sighting is the baseline', async () => {
  const store = new SqliteStore({ path: ':memory:' });
  await store.migrate();
  const client = new ScriptedClient();
  let t = Date.parse('2026-12-01T00:00:00Z');
  const svc = new DelegationService({ store, config, client, now: () => new Date(t), every: 3 });
  const cycle = async () => { t += 1000; return svc.onCycle({ at: new Date(t).toISOString() }); };
  try {
    assert.deepEqual(await cycle(), []);
    assert.equal(client.queries.length, 3, 'NS and DS at the parent, NS at the child');
    assert.deepEqual((await store.getDelegation('x.lab.'))?.baseline.parentNs, ['ns1.x.lab.']);
    client.parentNs = ['ns9.evil.lab.'];
    assert.deepEqual(await cycle(), []);
    assert.deepEqual(await cycle(), []);
    assert.equal(client.queries.length, 3, 'no look in cycles 2 and 3');
    const seen = await cycle();
    assert.equal(client.queries.length, 6, 'cycle 4 looks');
    assert.deepEqual(seen.map((f) => [f.kind, f.subject, f.severity, f.system]), [['delegation-change', 'x.lab.', 'critical', 'auth']]);
    for (let i = 0; i < 2; i++) assert.equal((await cycle()).length, 1, 'kept until the next look');
    assert.equal(client.queries.length, 6);
    assert.deepEqual(new Set(client.queries.map((q) => `${q.address} ${q.name} ${q.type} ${q.recursionDesired}`)),
      new Set(['127.0.0.1 x.lab. NS false', '127.0.0.1 x.lab. DS false', '127.0.0.2 x.lab. NS false']));
  } finally {
    await store.close();
  }
});
