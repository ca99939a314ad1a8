// Delegations at the parent (issue 10 item 4) on real servers: the built-in authoritative server on
// loopback serves the parent zone cn. (delegating bj.cn. and mm.cn.) and the child zones. Each cycle
// the delegation service looks (parent referral + DS, child apex NS), its findings go through the real
// findings pipeline into the store, and the real HTTP app lists, approves and escalates.
//  - a changed NS at the parent → a stored critical delegation-change finding with before and after;
//  - the owning organisation approves → the baseline moves, the finding closes, both audited;
//  - a parent/child mismatch → a finding; the office escalates it → an incident.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import type { ResolvedConfig } from '../src/config/config-types.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import { createDnsClient, type InstrumentedDnsClient } from '../src/dns/dns-client.ts';
import { DelegationService } from '../src/response/delegation-service.ts';
import { FindingService } from '../src/response/finding-service.ts';
import { delegationFindingsOnce } from '../src/probe/delegation/delegation-once.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { buildWorld, loginAll, type Who, type World } from './http-access-fixtures.ts';

const parentText = (bjNs: string) => `$TTL 300
@ SOA ns.cn. host.cn. 1 3600 600 86400 300
@ NS ns.cn.
ns A 127.0.0.1
${bjNs}
mm NS ns1.mm.cn.
ns1.mm A 127.0.0.1
`;
const ORIGINAL_BJ = 'bj NS ns1.bj.cn.\nbj NS ns2.bj.cn.\nns1.bj A 127.0.0.1\nns2.bj A 127.0.0.1\nbj DS 12345 13 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789';
const HIJACKED_BJ = 'bj NS ns9.evil.cn.\nbj NS ns2.bj.cn.\nns9.evil A 198.51.100.9\nns2.bj A 127.0.0.1\nbj DS 12345 13 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789';
const zone = (origin: string, text: string) => parseZoneFile(text, { origin });
const childBj = zone('bj.cn.', '$TTL 300\n@ SOA ns1 host 1 3600 600 86400 300\n@ NS ns1\n@ NS ns2\nns1 A 127.0.0.1\nns2 A 127.0.0.1\nwww A 192.0.2.1\n');
// the child of mm.cn. lists a second server the parent does not: a parent/child mismatch from the start
const childMm = zone('mm.cn.', '$TTL 300\n@ SOA ns1 host 1 3600 600 86400 300\n@ NS ns1\n@ NS ns2\nns1 A 127.0.0.1\nns2 A 127.0.0.1\n');

let w: World;
let tokens: Record<Who, string>;
let parent: AuthServer;
let child: AuthServer;
let client: InstrumentedDnsClient;
let delegations: DelegationService;
let findings: FindingService;
let config: ResolvedConfig;

before(async () => {
  let real: FindingService | null = null;
  const holder = { get deps() { return real!.deps; }, told: (...a: Parameters<FindingService['told']>) => real!.told(...a) } as unknown as FindingService;
  w = await buildWorld({ deps: { findings: holder } });
  findings = real = new FindingService({ store: w.store, config: w.config, now: w.clock.now, contactsOf: async () => [], tracker: { openAfterCycles: 1, closeAfterCycles: 2 } });
  tokens = await loginAll(w.app);
  parent = await startAuthServer({ zones: [zone('cn.', parentText(ORIGINAL_BJ))], address: '127.0.0.1', port: 0, nodeId: 'parent' });
  child = await startAuthServer({ zones: [childBj, childMm], address: '127.0.0.1', port: 0, nodeId: 'child' });
  client = createDnsClient();
  // cn-tld (registry) serves the parent; bj-auth (bj-dns) the children: the world's systems, on these servers
  config = {
    ...w.config,
    systems: w.config.systems.map((s) => (s.id === 'cn-tld' ? { ...s, nodes: [{ id: 'a', address: '127.0.0.1', port: parent.port }] }
      : s.id === 'bj-auth' ? { ...s, zones: ['bj.cn.', 'mm.cn.'], nodes: [{ id: 'ns1', address: '127.0.0.1', port: child.port }] } : s))
      .filter((s) => s.id === 'cn-tld' || s.id === 'bj-auth'),
    probing: { ...w.config.probing, timeoutMs: 2000, intervalMs: 4000 },
  } as ResolvedConfig;
  delegations = new DelegationService({ store: w.store, config, client, now: w.clock.now });
});

after(async () => {
  await client?.close();
  await parent?.close();
  await child?.close();
  await w?.close();
});

/** One cycle: the delegation findings with the snapshot into the findings pipeline. */
async function cycle(): Promise<void> {
  w.clock.advance(10_000);
  const at = w.clock.now().toISOString();
  const snapshot = { at, window: { from: at, to: at }, systems: [{ id: 'cn-tld' }, { id: 'bj-auth' }], findings: [] } as unknown as Snapshot;
  await delegations.applyWithFindings(snapshot, (s) => findings.onCycle(s, []));
}

const api = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
  w.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });
const openDelegationFindings = async (zoneName: string) =>
  (await w.store.listFindings({ state: 'open', kind: 'delegation-change' })).filter((f) => f.subject === zoneName);

test('the first sighting is the baseline: parent NS, glue, DS and the child NS, as served', async () => {
  assert.deepEqual(delegations.targets.map((t) => [t.zone, t.parent, t.system]), [['bj.cn.', 'cn.', 'bj-auth'], ['mm.cn.', 'cn.', 'bj-auth']]);
  await cycle();
  const list = await api('bj-dns', 'GET', '/delegations');
  assert.equal(list.statusCode, 200, list.body);
  const bj = list.json().delegations.find((d: { zone: string }) => d.zone === 'bj.cn.');
  assert.deepEqual(bj.baseline, {
    parentNs: ['ns1.bj.cn.', 'ns2.bj.cn.'], glue: { 'ns1.bj.cn.': ['127.0.0.1'], 'ns2.bj.cn.': ['127.0.0.1'] },
    ds: ['12345 13 2 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789'], childNs: ['ns1.bj.cn.', 'ns2.bj.cn.'],
  });
  assert.deepEqual([bj.status, bj.baselineSource, bj.seenAt !== null], ['ok', 'first-seen', true]);
  assert.equal((await openDelegationFindings('bj.cn.')).length, 0);
  assert.deepEqual((await api('sh-site', 'GET', '/delegations')).json().delegations, [], 'another organisation sees none');
  assert.equal((await api('sh-site', 'GET', '/delegations/bj.cn./history')).statusCode, 404);
});

test('a changed NS at the parent is a stored critical delegation-change finding with before and after', async () => {
  parent.setZones([zone('cn.', parentText(HIJACKED_BJ))]);
  await cycle();
  const [f] = await openDelegationFindings('bj.cn.');
  assert.ok(f, 'a finding is open');
  assert.deepEqual([f.system, f.org, f.severity, f.node], ['bj-auth', 'bj-dns', 'critical', null]);
  const ev = f.evidence as { before: { parentNs: string[] }; after: { parentNs: string[]; glue: Record<string, string[]> }; differences: Array<{ field: string }> };
  assert.deepEqual(ev.before.parentNs, ['ns1.bj.cn.', 'ns2.bj.cn.']);
  assert.deepEqual(ev.after.parentNs, ['ns2.bj.cn.', 'ns9.evil.cn.']);
  assert.deepEqual(ev.after.glue['ns9.evil.cn.'], ['198.51.100.9']);
  assert.deepEqual(ev.differences.map((d) => d.field), ['parentNs', 'glue']);
  const audit = await w.store.auditEntries(1, 1000);
  assert.ok(audit.some((e) => e.action === 'finding.open' && e.target === f.id));
  const history = (await api('bj-dns', 'GET', '/delegations/bj.cn./history')).json().history as Array<{ kind: string; state: { parentNs: string[] } }>;
  assert.deepEqual(history.map((h) => h.kind), ['changed', 'baseline']);
  assert.equal((await api('bj-dns', 'GET', '/delegations')).json().delegations.find((d: { zone: string }) => d.zone === 'bj.cn.').status, 'changed');
});

test('approval: the owning organisation moves the baseline to what is seen; the finding closes; audited', async () => {
  const [f] = await openDelegationFindings('bj.cn.');
  assert.equal((await api('sh-site', 'POST', '/delegations/bj.cn./approve', {})).statusCode, 404, 'outside the scope');
  assert.equal((await api('cert', 'POST', '/delegations/bj.cn./approve', {})).statusCode, 403, 'the CERT reads, never approves');
  assert.equal((await api('bj', 'POST', '/delegations/bj.cn./approve', {})).statusCode, 403, 'the provincial authority reads, never approves');
  const ok = await api('bj-dns', 'POST', '/delegations/bj.cn./approve', { reason: 'moved to a new DNS provider' });
  assert.equal(ok.statusCode, 200, ok.body);
  const body = ok.json();
  assert.deepEqual(body.closedFindings, [f.id]);
  assert.deepEqual([body.delegation.baselineSource, body.delegation.baseline.parentNs], ['approved', ['ns2.bj.cn.', 'ns9.evil.cn.']]);
  assert.equal((await w.store.getFinding(f.id))?.state, 'closed');
  const audit = await w.store.auditEntries(1, 1000);
  const approve = audit.find((e) => e.action === 'delegation.approve' && e.target === 'bj.cn.');
  assert.ok(approve, 'delegation.approve audited');
  assert.deepEqual((approve.detail as { closedFindings: string[]; reason: string }).reason, 'moved to a new DNS provider');
  assert.ok(audit.some((e) => e.action === 'finding.close' && e.target === f.id));
  // approved as seen (the parent lists ns9, the child does not): no finding in the following cycles
  await cycle();
  await cycle();
  assert.equal((await openDelegationFindings('bj.cn.')).length, 0);
  const history = (await api('bj-dns', 'GET', '/delegations/bj.cn./history')).json().history as Array<{ kind: string; actor: string | null }>;
  assert.deepEqual(history.map((h) => h.kind), ['approved', 'changed', 'baseline']);
  assert.equal(history[0].actor, w.userIds['bj-dns']);
});

test('a parent/child mismatch is a finding; the office escalates it into an incident', async () => {
  const [f] = await openDelegationFindings('mm.cn.');
  assert.ok(f, 'mismatch finding open');
  assert.equal(f.severity, 'warning');
  const ev = f.evidence as { status: string; mismatch: { parentOnly: string[]; childOnly: string[] } };
  assert.deepEqual([ev.status, ev.mismatch], ['mismatch', { parentOnly: [], childOnly: ['ns2.mm.cn.'] }]);
  assert.equal((await api('bj-dns', 'POST', `/findings/${f.id}/incident`, {})).statusCode, 403, 'only the office escalates');
  const esc = await api('office', 'POST', `/findings/${f.id}/incident`, { reason: 'delegation differs at the parent' });
  assert.equal(esc.statusCode, 201, esc.body);
  const inc = await w.store.getIncident(esc.json().incidentId);
  assert.equal(inc?.systemId, 'bj-auth');
  assert.equal((inc?.detail as { finding?: { id: string } }).finding?.id, f.id);
});

test('probe --once (no baseline): the parent/child mismatches only, judged on one look', async () => {
  const once = await delegationFindingsOnce(config, client, '2026-12-04T00:00:00.000Z');
  // bj.cn. is now referred to ns9.evil.cn. + ns2 while the child lists ns1 + ns2; mm.cn. lists ns2 at the child only
  assert.deepEqual(once.map((f) => [f.subject, String(f.evidence.status)]).sort(), [['bj.cn.', 'mismatch'], ['mm.cn.', 'mismatch']]);
});
