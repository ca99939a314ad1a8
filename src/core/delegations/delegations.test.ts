import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareStates, parentChildMismatch } from './compare-delegations.ts';
import { delegationFinding, judgeDelegation, majorityView, type DelegationRecordLike, type DelegationSeen } from './delegation-findings.ts';
import { normaliseState, sameState, type DelegationState } from './delegation-state.ts';
import { delegationTargets } from './delegation-targets.ts';

const base: DelegationState = {
  parentNs: ['ns1.example.lab.', 'ns2.example.lab.'],
  glue: { 'ns1.example.lab.': ['127.0.20.1'], 'ns2.example.lab.': ['127.0.20.2'] },
  ds: ['12345 13 2 ABCDEF0123'],
  childNs: ['ns1.example.lab.', 'ns2.example.lab.'],
};

test('comparison ignores order and case of names, addresses and DS digests', () => {
  const shuffled = {
    parentNs: ['NS2.Example.LAB', 'ns1.example.lab.'],
    glue: { 'NS2.EXAMPLE.LAB.': ['127.0.20.2'], 'ns1.example.lab': ['127.0.20.1', '127.0.20.1'] },
    ds: ['12345 13 2 abcdef 0123'],
    childNs: ['ns2.example.lab.', 'NS1.example.lab'],
  };
  assert.deepEqual(compareStates(base, shuffled), []);
  assert.ok(sameState(base, shuffled));
  assert.deepEqual(normaliseState(shuffled).ds, ['12345 13 2 abcdef0123']);
});

test('a changed NS, glue address and DS are each named with what was added and removed', () => {
  const after = { ...base, parentNs: ['ns1.example.lab.', 'ns9.evil.lab.'], glue: { 'ns1.example.lab.': ['127.0.20.9'] }, ds: [] };
  const d = compareStates(base, after);
  assert.deepEqual(d.find((x) => x.field === 'parentNs'), { field: 'parentNs', added: ['ns9.evil.lab.'], removed: ['ns2.example.lab.'] });
  assert.deepEqual(d.find((x) => x.field === 'glue'), {
    field: 'glue', added: ['ns1.example.lab. 127.0.20.9'], removed: ['ns1.example.lab. 127.0.20.1', 'ns2.example.lab. 127.0.20.2'],
  });
  assert.deepEqual(d.find((x) => x.field === 'ds'), { field: 'ds', added: [], removed: ['12345 13 2 abcdef0123'] });
  assert.equal(d.find((x) => x.field === 'childNs'), undefined);
});

test('parent/child mismatch both ways; unknown (empty) sides are not a mismatch', () => {
  assert.equal(parentChildMismatch(base), null);
  assert.deepEqual(parentChildMismatch({ ...base, childNs: ['ns1.example.lab.', 'ns3.example.lab.'] }),
    { parentOnly: ['ns2.example.lab.'], childOnly: ['ns3.example.lab.'] });
  assert.equal(parentChildMismatch({ ...base, childNs: [] }), null);
});

const seenOf = (state: DelegationState, nodes: Array<DelegationState | undefined> = [state]): DelegationSeen => ({
  state,
  parentNodes: nodes.map((s, i) => (s ? { node: `p${i}`, address: `127.0.0.${i + 1}`, state: s } : { node: `p${i}`, address: `127.0.0.${i + 1}`, error: 'timeout' })),
  childNodes: [{ node: 'c', address: '127.0.0.9', ns: state.childNs }],
});
const record = (seen: DelegationSeen | null, source: 'first-seen' | 'approved' = 'first-seen'): DelegationRecordLike => ({
  zone: 'example.lab.', parent: 'lab.', system: 'big-dns-auth', org: 'big-dns', baseline: base, baselineSource: source,
  baselineAt: '2026-12-01T00:00:00.000Z', seen, seenAt: '2026-12-02T00:00:00.000Z',
});

test('verdicts: ok, changed at the parent (critical, before/after), mismatch (warning), approved mismatch, unreachable', () => {
  assert.equal(judgeDelegation(record(seenOf(base))).status, 'ok');
  assert.equal(delegationFinding(record(seenOf(base)), 'now'), null);
  const hijacked = { ...base, parentNs: ['ns1.evil.lab.'], glue: { 'ns1.evil.lab.': ['198.51.100.9'] } };
  const f = delegationFinding(record(seenOf(hijacked)), '2026-12-02T00:00:00Z');
  assert.ok(f);
  assert.equal(f.kind, 'delegation-change');
  assert.equal(f.severity, 'critical');
  assert.equal(f.subject, 'example.lab.');
  assert.deepEqual((f.evidence.before as DelegationState).parentNs, base.parentNs);
  assert.deepEqual((f.evidence.after as DelegationState).parentNs, ['ns1.evil.lab.']);
  const split = { ...base, childNs: ['ns1.example.lab.'] };
  const m = delegationFinding(record(seenOf(split)), 'now');
  assert.equal(m?.severity, 'warning'); // child NS changed: not at the parent
  const mismatchBase = { ...base, childNs: ['ns1.example.lab.'] };
  const r = { ...record(seenOf(mismatchBase)), baseline: mismatchBase };
  assert.equal(judgeDelegation(r).status, 'mismatch');
  assert.equal(judgeDelegation({ ...r, baselineSource: 'approved' }).status, 'ok');
  const down = seenOf(base, [undefined]);
  assert.equal(judgeDelegation(record(down)).status, 'unreachable');
  assert.equal(judgeDelegation(record(null)).status, 'unknown');
});

test('one parent server serving another referral is a change; the majority view is what most serve', () => {
  const other = { ...base, parentNs: ['ns9.evil.lab.'] };
  const seen = seenOf(base, [base, other, base]);
  const v = judgeDelegation(record(seen));
  assert.equal(v.status, 'changed');
  assert.deepEqual(v.deviatingNodes.map((n) => n.node), ['p1']);
  assert.deepEqual(majorityView(seen.parentNodes)?.parentNs, base.parentNs);
  const childDown: DelegationSeen = { ...seenOf(base), childNodes: [{ node: 'c', address: '127.0.0.9', error: 'timeout' }] };
  assert.equal(judgeDelegation(record({ ...childDown, state: { ...base, childNs: [] } })).status, 'ok');
});

test('targets: zones under a watched parent, key domains one label below the parent, configured parents', () => {
  const systems = [
    { id: 'lab-tld', org: 'reg', kind: 'tld', zones: ['lab.'], nodes: [{ id: 'a', address: '127.0.10.1', port: 53 }] },
    { id: 'auth', org: 'dns', kind: 'authoritative', zones: ['example.lab.'], nodes: [{ id: 'ns1', address: '127.0.20.1', port: 53 }] },
    { id: 'res', org: 'tel', kind: 'recursive', zones: [], nodes: [{ id: 'r1', address: '127.0.30.1', port: 53 }] },
  ];
  const t = delegationTargets(systems, ['www.gov.lab', 'www.example.lab.'], [{ zone: '.', servers: [{ node: 'root', address: '127.0.9.1', port: 53 }] }]);
  assert.deepEqual(t.map((x) => [x.zone, x.parent, x.system]), [['example.lab.', 'lab.', 'auth'], ['gov.lab.', 'lab.', 'lab-tld'], ['lab.', '.', 'lab-tld']]);
  assert.deepEqual(t[0].parentServers, [{ node: 'lab-tld/a', address: '127.0.10.1', port: 53 }]);
  assert.deepEqual(t[1].childServers, []);
});
