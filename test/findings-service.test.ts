// The findings service on a real SQLite store with a fake clock: findings open after two cycles and
// close after three without them, severity rises (notified again), openings/raises/closes are
// audited, key-domain findings go to the owner, the office and the CERT (others to the owner only),
// the tracker is rebuilt from the store after a restart, and the office (only) turns one into a
// manual incident linked both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../src/core/snapshot.ts';
import { FindingService } from '../src/response/finding-service.ts';
import { convertFinding } from '../src/response/finding-convert.ts';
import type { Recipient } from '../src/notify/incident-notifications.ts';
import { ACTORS, harness, type Harness } from './response-fixtures.ts';

const hijack = (over: Partial<Finding> = {}): Finding => ({
  kind: 'key-domain-mismatch', system: 'gd-resolver', node: 'r1', org: 'gd-telecom', severity: 'warning', subject: 'www.gov.cn./A',
  summary: 'Key domain www.gov.cn. A answered with different data through gd-resolver/r1', evidence: { expected: ['192.0.2.1'], seen: ['203.0.113.66'], via: 'gd-resolver/r1', at: '' }, ...over,
});
const ALL = ['cn-tld', 'big-auth', 'gd-resolver'];
const lag = (): Finding => ({ kind: 'serial-lag', system: 'cn-tld', node: 'b', org: 'cn-registry', severity: 'warning', summary: 'b lags', evidence: { expected: 5, seen: 4, at: '' } });

function findingsOf(h: Harness, told: Array<[string, string]> = []) {
  const contactsOf = async (org: string): Promise<Recipient[]> => (org === 'big-dns' ? [] : [{ channel: 'email', address: `duty@${org}.test`, org }]);
  return new FindingService({ store: h.store, config: h.config, now: h.clock.now, contactsOf, onChange: (f, c) => told.push([f.id, c]) });
}

async function cycle(h: Harness, svc: FindingService, findings: Finding[]) {
  h.clock.advance(10_000);
  const snapshot = { ...h.snapshot([], ALL), findings: findings.map((f) => ({ ...f, evidence: { ...f.evidence, at: h.clock.iso() } })) };
  return svc.onCycle(snapshot, []);
}

test('open after two cycles, raise, close after three; audit, outbox recipients, live changes', async () => {
  const h = await harness();
  try {
    const told: Array<[string, string]> = [];
    const svc = findingsOf(h, told);
    await cycle(h, svc, [hijack(), lag()]);
    assert.deepEqual(await h.store.listFindings({}), [], 'seen once: not yet a finding');
    await cycle(h, svc, [hijack(), lag()]);
    const open = await h.store.listFindings({ state: 'open' });
    assert.deepEqual(open.map((f) => f.kind).sort(), ['key-domain-mismatch', 'serial-lag']);
    const kd = open.find((f) => f.kind === 'key-domain-mismatch')!;
    assert.equal(kd.firstSeen, new Date(Date.parse('2026-11-23T08:00:10Z')).toISOString());
    const outbox = await h.store.notifications();
    const to = (id: string) => outbox.filter((n) => n.dedupeKey?.startsWith(`finding:${id}:`)).map((n) => n.recipient).sort();
    assert.deepEqual(to(kd.id), ['duty@cert.test', 'duty@gd-telecom.test', 'duty@office.test'], 'key domain: owner, office, CERT');
    assert.deepEqual(to(open.find((f) => f.kind === 'serial-lag')!.id), ['duty@cn-registry.test'], 'others: the owner');
    const payload = outbox[0].payload as { subject: string; text: string; event: string };
    assert.equal(payload.event, 'finding-opened');
    assert.match(payload.text, /首次发现/);
    assert.match(payload.text, /First seen/);

    await cycle(h, svc, [hijack({ severity: 'critical' })]);
    assert.equal((await h.store.getFinding(kd.id))?.severity, 'critical');
    assert.equal((await h.store.notifications()).filter((n) => n.dedupeKey?.includes(':finding-raised:critical:')).length, 3);
    await cycle(h, svc, [hijack()]);
    await cycle(h, svc, []);
    await cycle(h, svc, []);
    assert.equal((await h.store.getFinding(kd.id))?.state, 'open');
    await cycle(h, svc, []);
    const closed = await h.store.getFinding(kd.id);
    assert.deepEqual([closed?.state, closed?.closedAt, closed?.severity], ['closed', h.clock.iso(), 'critical']);
    const actions = (await h.store.auditEntries()).filter((e) => e.target === kd.id).map((e) => e.action);
    assert.deepEqual(actions, ['finding.open', 'finding.raise', 'finding.close']);
    assert.deepEqual(told.filter(([id]) => id === kd.id).map(([, c]) => c), ['opened', 'raised', 'closed']);
  } finally {
    await h.close();
  }
});

test('a restart keeps the open finding (no second opening); ungraded conditions become findings too', async () => {
  const h = await harness();
  try {
    let svc = findingsOf(h);
    await cycle(h, svc, [hijack()]);
    await cycle(h, svc, [hijack()]);
    const [f] = await h.store.listFindings({ state: 'open' });
    await h.restart();
    svc = findingsOf(h);
    await cycle(h, svc, [hijack()]);
    await cycle(h, svc, [hijack()]);
    const open = await h.store.listFindings({ state: 'open' });
    assert.deepEqual(open.map((x) => [x.id, x.firstSeen]), [[f.id, f.firstSeen]]);
    assert.equal((await h.store.auditEntries()).filter((e) => e.action === 'finding.open').length, 1);
    // the grading's ungraded rule (a grade-2 provider degraded) is a finding of the owner
    const graded = [{ system: 'big-auth', org: 'big-dns', matched: [{ rule: 'provider-grade2-degraded', grade: null, detail: 'success rate 70%' }] }];
    for (let i = 0; i < 2; i++) { h.clock.advance(10_000); await svc.onCycle({ ...h.snapshot([], ALL), findings: [] }, graded); }
    const ungraded = (await h.store.listFindings({ kind: 'ungraded-condition' }))[0];
    assert.deepEqual([ungraded?.org, ungraded?.subject, ungraded?.severity], ['big-dns', 'provider-grade2-degraded', 'warning']);
  } finally {
    await h.close();
  }
});

test('convert: the office opens a manual incident linked both ways; others are refused; a second conversion names the same incident', async () => {
  const h = await harness();
  try {
    const svc = findingsOf(h);
    await cycle(h, svc, [hijack()]);
    await cycle(h, svc, [hijack()]);
    const [f] = await h.store.listFindings({ state: 'open' });
    const deps = { findings: svc, openManualIncident: h.service.openManualIncident.bind(h.service) };
    await assert.rejects(convertFinding(deps, f.id, ACTORS.telecom), (e: Error & { code?: string }) => e.code === 'FORBIDDEN');
    await assert.rejects(convertFinding(deps, 'nope', ACTORS.office), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
    const out = await convertFinding(deps, f.id, ACTORS.office, 'hijack at a provincial resolver');
    assert.equal(out.created, true);
    const inc = await h.store.getIncident(out.incidentId);
    assert.deepEqual([inc?.systemId, inc?.org, (inc?.detail as { finding?: { id: string } }).finding?.id], ['gd-resolver', 'gd-telecom', f.id]);
    assert.ok((await h.store.timeline(out.incidentId)).some((e) => e.kind === 'finding-converted'));
    assert.equal((await h.store.getFinding(f.id))?.incidentId, out.incidentId);
    assert.deepEqual(await convertFinding(deps, f.id, ACTORS.office), { incidentId: out.incidentId, created: false });
    assert.equal((await h.store.auditEntries()).filter((e) => e.action === 'finding.convert').length, 1);
  } finally {
    await h.close();
  }
});
