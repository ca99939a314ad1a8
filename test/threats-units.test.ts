// The adapters of threat intake, without HTTP: names normalised and refused, X-ARF v4 mapped, the
// intake limiter (per address, overall, refill, bounded memory), and a reporter's address kept out
// of the outbox worker's log (personal data) while staff addresses stay visible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeLimiter } from '../src/http/intake-limiter.ts';
import { OutboxWorker } from '../src/notify/outbox-worker.ts';
import { enqueueThreatMessages } from '../src/notify/threat-notifications.ts';
import { openStore } from '../src/store/open-store.ts';
import { normaliseName, parseReport } from '../src/threats/intake-parse.ts';
import { fromXarf, hostOf, isXarf, xarfThreatType } from '../src/threats/xarf.ts';

test('names: lower-case A-labels without the trailing dot; one-label, over-long and malformed names refused', () => {
  assert.equal(normaliseName(' Bank-Login.LAB. '), 'bank-login.lab');
  assert.equal(normaliseName('例子.lab'), normaliseName('例子.LAB'));
  assert.match(normaliseName('例子.lab')!, /^xn--/);
  for (const bad of ['lab', '-a.lab', 'a-.lab', 'a..lab', 'a b.lab', `${'a'.repeat(64)}.lab`, '']) assert.equal(normaliseName(bad), null, bad);
  const out = parseReport({ names: ['a.lab', 'A.lab.'], threatType: 'spam', description: ' x ', evidence: [{ kind: 'url', value: ' http://a.lab ' }], reporter: { name: ' ', lang: 'en' } });
  assert.ok('report' in out);
  assert.deepEqual(out.report, { names: ['a.lab'], threatType: 'spam', description: 'x', evidence: [{ kind: 'url', value: 'http://a.lab' }], reporter: null, lang: 'en' });
  const bad = parseReport({ names: ['ok.lab', 'no'], threatType: 'spam', description: 'x' });
  assert.deepEqual(bad, { problems: ['names.1: not a domain name'] });
});

test('X-ARF v4: detected by xarf_version; names from the identifiers (never an IP address); type from category and type', () => {
  assert.equal(isXarf({ xarf_version: '4.0.0' }), true);
  assert.equal(isXarf({ names: [] }), false);
  assert.equal(hostOf('https://user@evil.lab:8443/x?y'), 'evil.lab');
  assert.equal(hostOf('192.0.2.1'), undefined);
  assert.equal(hostOf('[2001:db8::1]'), undefined);
  assert.equal(xarfThreatType('fraud', 'phishing'), 'phishing');
  assert.equal(xarfThreatType('abuse', 'botnet'), 'botnet-cc');
  assert.equal(xarfThreatType('messaging', 'spam'), 'spam');
  assert.equal(xarfThreatType('vulnerability', 'open'), 'other');
  const r = fromXarf({ xarf_version: '4.0.0', report_id: 'r1', category: 'abuse', type: 'malware', source_identifier: '198.51.100.7', domain: 'drop.lab',
    evidence: [{ content_type: 'application/octet-stream', payload: Buffer.from('MZ').toString('base64') }, { hashes: ['sha256:abc'] }] });
  assert.deepEqual(r.names, ['drop.lab']);
  assert.equal(r.threatType, 'malware');
  assert.deepEqual(r.evidence?.map((e) => e.kind), ['hash', 'text', 'hash']);
  assert.match(r.evidence![0].value, /^sha256:[0-9a-f]{64}$/, 'payloads are kept as their hash only');
  assert.equal(r.reporter, undefined, 'no reporter: anonymous');
});

test('intake limiter: a burst, then one per refill; another address unaffected; the overall cap; memory bounded', () => {
  const l = new IntakeLimiter({ perAddressPerMinute: 6, burst: 3, perMinute: 1000, maxKeys: 100 }, 0);
  assert.deepEqual([1, 2, 3, 4].map(() => l.take('a', 0)), [0, 0, 0, 10]);
  assert.equal(l.take('b', 0), 0);
  assert.equal(l.take('a', 9_999), 1, 'not yet a whole token');
  assert.equal(l.take('a', 10_000), 0, 'one token per 10 s');
  const all = new IntakeLimiter({ perAddressPerMinute: 100, burst: 2, perMinute: 5 }, 0);
  assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => all.take(k, 0)), [0, 0, 0, 0, 0, 12]);
  for (let i = 0; i < 1000; i++) l.take(`10.0.${i >> 8}.${i & 255}`, 20_000 + i);
  assert.ok(l.size <= 100, `at most maxKeys addresses held (${l.size})`);
});

test("the outbox worker's log names staff recipients but never a reporter's address", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-threat-log-'));
  const store = await openStore({ url: null, dataDir: dir });
  try {
    const at = '2026-11-23T08:00:00.000Z';
    await enqueueThreatMessages(store, { event: 'threat-acknowledged', key: 'ack:TR-1', at, facts: { caseId: 'TC-1', trackingId: 'TR-1', names: ['a.lab'] },
      recipients: [{ channel: 'email', address: 'secret.person@example.test', org: 'reporter', lang: 'en' }, { channel: 'email', address: 'abuse@registry.test', org: 'registry' }] });
    const lines: string[] = [];
    const sent: string[] = [];
    const worker = new OutboxWorker({ store, notifiers: { email: { channel: 'email', send: async (m) => { sent.push(m.recipient); } } }, log: (l) => lines.push(l), now: () => Date.parse(at) });
    assert.equal((await worker.tick()).sent, 2);
    assert.deepEqual(sent.sort(), ['abuse@registry.test', 'secret.person@example.test']);
    assert.equal(lines.join('\n').includes('secret.person'), false, lines.join('\n'));
    assert.match(lines.join('\n'), /to the reporter \[redacted\]/);
    assert.match(lines.join('\n'), /abuse@registry\.test/);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
