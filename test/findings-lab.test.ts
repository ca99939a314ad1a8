// Findings end to end on the real lab (issue 8, "must show"): the lab resolver (real Unbound) hijacks the key
// domain www.gov.lab → `dnswarden serve` stores an open `key-domain-mismatch` finding with its
// evidence (resolver, expected vs seen, time), shown by GET /api/v1/findings; the owner (bj-telecom),
// the emergency office and the CERT get it by email through a real SMTP server on loopback; after a
// restart of serve on the same data directory it is still the same open finding (not opened again);
// the office turns it into an incident with one POST, linked both ways and audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labConfigOptions, labConfigText, LAB_CONTACTS, type LabContact } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { freeLabPort, startServe, startSmtp, stopServe, waitFor, type Serve, type TestSmtp } from './platform-harness.ts';

const FORGED = '198.51.100.66';
const CONTACTS: Record<string, LabContact[]> = { ...LAB_CONTACTS, cert: [{ name: 'CERT duty', role: 'primary' as const, email: 'duty@cert.lab.invalid' }] };

interface View { id: string; kind: string; system: string; node: string | null; org: string; severity: string; subject: string | null;
  evidence: { expected?: unknown; seen?: unknown; via?: string; at?: string }; state: string; firstSeen: string; lastSeen: string; incidentId: string | null }

describe('findings on the lab: a hijacked key domain → stored finding → email → restart → incident', { timeout: 300_000 }, () => {
  let dir = '';
  let data = '';
  let config = '';
  let smtp: TestSmtp | undefined;
  let serve: Serve | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-findings-lab-'));
    data = path.join(dir, 'data');
    const port = await freeLabPort();
    await labUp({ dir, port, resolver: 'unbound', readyTimeoutMs: 30_000 }); // the real resolver
    smtp = await startSmtp();
    config = path.join(dir, 'platform.yaml');
    writeFileSync(config, labConfigText(labConfigOptions(port, {
      httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, sampleBySystem: { 'bj-resolver': 20 }, inFlight: 64,
      smtp: smtp.url, contacts: CONTACTS,
    })));
    serve = await startServe(config, data, { DNSWARDEN_OUTBOX_TICK_MS: '500' });
  });

  after(async () => {
    if (serve) await stopServe(serve);
    await smtp?.close();
    if (dir) {
      await labDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hijack → finding with evidence, emails to owner, office and CERT; kept over a restart; converted by the office', async () => {
    await waitFor('the console line', () => (serve!.stderr().includes('console: ') ? true : undefined), 10_000);
    const printed = /password (\S+) /.exec(serve!.stderr().split('\n').find((l) => l.startsWith('console: '))!)![1];
    let password = printed;
    const signIn = async (s: Serve) => {
      const r = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      assert.equal(r.status, 200);
      const body = (await r.json()) as { token: string; user: { id: string } };
      const me = (await (await fetch(`${s.url}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })).json()) as { mustChangePassword?: boolean };
      if (!me.mustChangePassword) return { authorization: `Bearer ${body.token}` };
      // the printed first password must be changed before anything else
      const next = 'findings-lab-Pa55word-0123';
      const c = await fetch(`${s.url}/api/v1/users/${encodeURIComponent(body.user.id)}/password`, {
        method: 'POST', headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ current: password, password: next }) });
      assert.equal(c.status, 200, await c.clone().text());
      password = next;
      return { authorization: `Bearer ${((await c.json()) as { token: string }).token}` };
    };
    let auth = await signIn(serve!);
    const get = async <T>(p: string): Promise<{ status: number; body: T }> => {
      const r = await fetch(`${serve!.url}/api/v1${p}`, { headers: auth });
      return { status: r.status, body: (await r.json()) as T };
    };

    // healthy first: the key domain resolves right through the resolver, no finding
    await waitFor('three cycles', () => (serve!.cycles().length >= 3 ? true : undefined), 60_000);
    const none = await get<{ findings: View[] }>('/findings?kind=key-domain-mismatch&state=all');
    assert.deepEqual([none.status, none.body.findings], [200, []], JSON.stringify(none.body));

    const fault = await labFault(dir, 'resolver', 'hijack', 'www.gov.lab', undefined, FORGED);
    assert.deepEqual(fault.node?.faults.hijack, { 'www.gov.lab.': FORGED });

    const finding = await waitFor('the key-domain-mismatch finding on the API', async () => {
      const list = (await get<{ findings: View[] }>('/findings?kind=key-domain-mismatch')).body.findings;
      return list.find((f) => f.subject?.includes('www.gov.lab') && f.subject.includes('A') && JSON.stringify(f.evidence.seen).includes(FORGED));
    }, 90_000);
    assert.equal(finding.state, 'open');
    assert.equal(finding.system, 'bj-resolver');
    assert.equal(finding.node, 'r1');
    assert.equal(finding.org, 'bj-telecom');
    assert.equal(finding.severity, 'critical');
    assert.match(String(finding.evidence.via), /^bj-resolver\/r1/);
    assert.ok(JSON.stringify(finding.evidence.expected).length > 2 && !JSON.stringify(finding.evidence.expected).includes(FORGED), JSON.stringify(finding.evidence));
    assert.ok(finding.evidence.at && finding.firstSeen <= finding.lastSeen);
    assert.equal((await get<View>(`/findings/${finding.id}`)).body.id, finding.id);

    // the emails: bj-telecom (owner), the emergency office and the CERT
    const wanted = [...CONTACTS['bj-telecom'], ...CONTACTS.office, ...CONTACTS.cert].map((c) => c.email!).sort();
    const mails = await waitFor('the finding emails', () => {
      const got = smtp!.received.filter((m) => m.event === 'finding-opened' && m.raw.includes(finding.id));
      return new Set(got.flatMap((m) => m.rcptTo)).size >= wanted.length ? got : undefined;
    }, 60_000);
    assert.deepEqual([...new Set(mails.flatMap((m) => m.rcptTo))].sort(), wanted);
    for (const m of mails) {
      assert.match(m.subject, /发现异常/, m.subject);
      assert.match(m.subject, /Finding: bj-resolver\/r1/, m.subject);
    }

    // restart on the same data directory: the same open finding, not opened again
    const openedBefore = (await get<{ entries: Array<{ action: string; target: string }> }>('/audit?limit=1000')).body.entries
      .filter((e) => e.action === 'finding.open' && e.target === finding.id).length;
    assert.equal(openedBefore, 1, 'the opening is audited once');
    await stopServe(serve!);
    serve = await startServe(config, data, { DNSWARDEN_OUTBOX_TICK_MS: '500' });
    auth = await signIn(serve);
    const after = (await get<View>(`/findings/${finding.id}`)).body;
    assert.deepEqual([after.id, after.state, after.firstSeen, after.kind], [finding.id, 'open', finding.firstSeen, 'key-domain-mismatch']);
    const cyclesAfter = serve.cycles().length;
    await waitFor('three cycles after the restart', () => (serve!.cycles().length >= cyclesAfter + 3 ? true : undefined), 60_000);
    const still = (await get<{ findings: View[] }>('/findings?kind=key-domain-mismatch&state=all')).body.findings.filter((f) => f.subject === finding.subject);
    assert.deepEqual(still.map((f) => [f.id, f.state]), [[finding.id, 'open']], 'the restart neither closed nor reopened it');
    assert.ok(still[0].lastSeen > finding.lastSeen, 'sightings after the restart update it');

    // the office turns it into an incident with one action
    const post = (body: unknown) => fetch(`${serve!.url}/api/v1/findings/${finding.id}/incident`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const conv = await post({ reason: 'key domain hijacked at a provincial resolver / 省级递归重点域名被劫持' });
    assert.equal(conv.status, 201);
    const { incidentId } = (await conv.json()) as { incidentId: string };
    const inc = await get<{ incident: { systemId: string; org: string }; detail: { finding?: { id: string }; description?: string }; timeline: Array<{ kind: string }> }>(`/incidents/${incidentId}`);
    assert.equal(inc.status, 200);
    assert.deepEqual([inc.body.incident.systemId, inc.body.incident.org], ['bj-resolver', 'bj-telecom']);
    assert.equal(inc.body.detail.finding?.id, finding.id);
    assert.match(String(inc.body.detail.description), new RegExp(finding.id));
    assert.ok(inc.body.timeline.some((e) => e.kind === 'finding-converted'), inc.body.timeline.map((e) => e.kind).join(','));
    assert.equal((await get<View>(`/findings/${finding.id}`)).body.incidentId, incidentId);
    const again = await post({});
    assert.equal(again.status, 200, 'converting again names the same incident');
    assert.equal(((await again.json()) as { incidentId: string }).incidentId, incidentId);
    const audit = (await get<{ entries: Array<{ action: string; target: string }> }>('/audit?limit=1000')).body.entries;
    assert.ok(audit.some((e) => e.action === 'finding.convert' && e.target === finding.id), 'the conversion is audited');
  });
});
