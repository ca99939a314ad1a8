// Delegations at the parent on the real lab through `dnswarden serve` (issue 10 items 4 and 6): the lab
// TLD's four nodes (built-in servers) refer example.lab. to big-dns-auth; serve takes that as the
// baseline; `lab fault lab-tld delegate example.lab ns9.evil.lab=…` makes the TLD refer it elsewhere (a
// registry hijack) → a stored critical delegation-change finding with the baseline as before and the
// hijacked referral as after, on GET /api/v1/findings; GET /api/v1/delegations says changed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labConfigOptions, labConfigText } from '../src/lab/lab-config.ts';
import { labDown, labFault, labUp } from '../src/lab/lab-runner.ts';
import { freeLabPort, startServe, stopServe, waitFor, type Serve } from './platform-harness.ts';

const EVIL = '198.51.100.9';

interface Delegation { zone: string; status: string; baseline: { parentNs: string[] }; seenAt: string | null }
interface View { id: string; kind: string; system: string; subject: string | null; severity: string; state: string;
  evidence: { before?: { parentNs: string[] }; after?: { parentNs: string[]; glue: Record<string, string[]> } } }

describe('delegations on the lab: the TLD refers example.lab. elsewhere → delegation-change finding', { timeout: 240_000 }, () => {
  let dir = '';
  let serve: Serve | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-delegations-lab-'));
    const port = await freeLabPort();
    await labUp({ dir, port, resolver: 'forwarder', readyTimeoutMs: 30_000 });
    const config = path.join(dir, 'platform.yaml');
    writeFileSync(config, labConfigText(labConfigOptions(port, { httpListen: '127.0.0.1:0', interval: '1s', timeout: '5.5s', sample: 20, inFlight: 64 })));
    serve = await startServe(config, path.join(dir, 'data'));
  });

  after(async () => {
    if (serve) await stopServe(serve);
    if (dir) {
      await labDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('baseline from the first sighting; the lab fault gives a stored finding with before and after', async () => {
    await waitFor('the console line', () => (serve!.stderr().includes('console: ') ? true : undefined), 10_000);
    let password = /password (\S+) /.exec(serve!.stderr().split('\n').find((l) => l.startsWith('console: '))!)![1];
    const login = await (await fetch(`${serve!.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }) })).json() as { token: string; user: { id: string } };
    const next = 'delegations-lab-Pa55word-0123';
    const changed = await fetch(`${serve!.url}/api/v1/users/${encodeURIComponent(login.user.id)}/password`, {
      method: 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ current: password, password: next }) });
    assert.equal(changed.status, 200, await changed.clone().text());
    password = next;
    const auth = { authorization: `Bearer ${((await changed.json()) as { token: string }).token}` };
    const get = async <T>(p: string): Promise<T> => (await (await fetch(`${serve!.url}/api/v1${p}`, { headers: auth })).json()) as T;

    const baseline = await waitFor('the baselines', async () => {
      const list = (await get<{ delegations: Delegation[] }>('/delegations')).delegations;
      return list.length >= 3 && list.every((d) => d.seenAt) ? list : undefined;
    }, 60_000);
    assert.deepEqual(baseline.map((d) => d.zone), ['example.lab.', 'gov.lab.', 'news.lab.']);
    assert.deepEqual(baseline.find((d) => d.zone === 'example.lab.')?.baseline.parentNs, ['ns1.example.lab.', 'ns2.example.lab.']);
    assert.ok(baseline.every((d) => d.status === 'ok'), JSON.stringify(baseline.map((d) => [d.zone, d.status])));
    assert.deepEqual((await get<{ findings: View[] }>('/findings?kind=delegation-change&state=all')).findings, []);

    const fault = await labFault(dir, 'lab-tld', 'delegate', 'example.lab', undefined, `ns9.evil.lab=${EVIL}`);
    assert.deepEqual(fault.node?.faults.delegate, { 'example.lab.': [`ns9.evil.lab.=${EVIL}`] });

    const f = await waitFor('the delegation-change finding', async () =>
      (await get<{ findings: View[] }>('/findings?kind=delegation-change')).findings.find((x) => x.subject === 'example.lab.'), 60_000);
    assert.deepEqual([f.system, f.severity, f.state], ['big-dns-auth', 'critical', 'open']);
    assert.deepEqual(f.evidence.before?.parentNs, ['ns1.example.lab.', 'ns2.example.lab.']);
    assert.deepEqual(f.evidence.after?.parentNs, ['ns9.evil.lab.']);
    assert.deepEqual(f.evidence.after?.glue, { 'ns9.evil.lab.': [EVIL] });
    const now = (await get<{ delegations: Delegation[] }>('/delegations')).delegations.find((d) => d.zone === 'example.lab.');
    assert.equal(now?.status, 'changed');
  });
});
