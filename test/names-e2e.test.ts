// Issue 11 "Must show", end to end with real servers on loopback port 53: a Knot primary that takes
// TSIG-signed UPDATE and NOTIFYs a Knot secondary (IXFR), the lab's Unbound resolving through the
// secondary, the child names served by the built-in authoritative server, and the built-in sinkhole.
// `dnswarden names hold` → the name stops resolving through Unbound → `names unhold` restores it; both on
// the name's history, in the audit log and on the threat case's timeline. `names sinkhole` → Unbound
// answers the sinkhole's address, and the query appears in the case's sinkhole log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { SinkholeLog, startSinkholeServer, type SinkholeServer } from '../src/authserver/sinkhole-server.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { startUnbound, type UnboundProcess } from '../src/lab/unbound.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { ThreatService } from '../src/threats/threat-service.ts';
import { contractZoneText } from '../src/registry/connector.contract.ts';
import { newKey, servedSerial, startKnotPrimary, startKnotSecondary, type Primary } from './support/registry-primaries.ts';

const A = { primary: '127.0.213.1', secondary: '127.0.213.2', child: '127.0.213.3', unbound: '127.0.213.53', sinkhole: '127.0.213.66' };
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'dnswarden.mjs');
const soa = (origin: string) => ({ name: origin, type: 'SOA', ttl: 60, data: `ns1.${origin} hostmaster.${origin} 1 3600 600 86400 60` });
const childZone = (origin: string) => ({ origin, records: [soa(origin), { name: origin, type: 'NS', ttl: 60, data: `ns1.${origin}` },
  { name: `ns1.${origin}`, type: 'A', ttl: 60, data: A.child }, { name: `www.${origin}`, type: 'A', ttl: 60, data: '192.0.2.80' }] });

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('names hold / unhold / sinkhole end to end (Knot primary → NOTIFY/IXFR → secondary → Unbound)', { timeout: 180_000 }, () => {
  let dir = '', conf = '', data = '';
  let primary: Primary | undefined;
  let secondary: { stop(): Promise<void> } | undefined;
  let child: AuthServer | undefined;
  let unbound: UnboundProcess | undefined;
  let sink: SinkholeServer | undefined;
  let caseId = '';
  let sinkNames = new Map<string, string | null>();
  const client = createDnsClient({ udpSockets: 2 });
  const key = newKey();

  const resolveA = async (name: string): Promise<string> => {
    const a = await client.query({ address: A.unbound, port: 53, name, type: 'A', timeoutMs: 3000, recursionDesired: true });
    return a.outcome !== 'answer' ? a.outcome : a.rcode !== 'NOERROR' ? a.rcode! : a.answer.filter((r) => r.type === 'A').map((r) => r.data).join(',') || 'NODATA';
  };
  /** Polls (bounded: 150 × 200 ms, Unbound's cache keeps answers ≤ 5 s) until `want` matches. */
  const until = async (name: string, want: (v: string) => boolean): Promise<string> => {
    let v = '';
    for (let i = 0; i < 150; i++) { v = await resolveA(name); if (want(v)) return v; await new Promise((r) => setTimeout(r, 200)); }
    return v;
  };
  const withStore = async <T>(fn: (s: Store) => Promise<T>): Promise<T> => {
    const s = await openStore({ url: null, dataDir: data });
    try { return await fn(s); } finally { await s.close(); }
  };

  before(async () => {
    // Unbound follows the delegation to the child's nameserver on port 53 (a glue address has no port).
    assert.equal(process.getuid?.(), 0, 'this test needs root: loopback servers on port 53');
    dir = mkdtempSync(path.join(tmpdir(), 'dw-names-e2e-'));
    data = path.join(dir, 'data');
    const zoneText = contractZoneText('lab.', A.secondary, ['phish IN NS ns1.phish', `ns1.phish IN A ${A.child}`]).replace(/ns1\.good IN A 192\.0\.2\.1/, `ns1.good IN A ${A.child}`)
      .replace('good IN NS ns2.good\n', '').replace(/ns2\.good IN A.*\n/, '').replace(/ns2\.good IN AAAA.*\n/, '');
    primary = await startKnotPrimary({ dir: path.join(dir, 'primary'), address: A.primary, port: 53, zone: 'lab.', zoneText, key, notify: { address: A.secondary, port: 53 } });
    secondary = await startKnotSecondary({ dir: path.join(dir, 'secondary'), address: A.secondary, port: 53, zone: 'lab.', primary: { address: A.primary, port: 53 } });
    child = await startAuthServer({ zones: [childZone('good.lab.'), childZone('phish.lab.')], address: A.child, port: 53 });
    const log = new SinkholeLog({ dir: path.join(data, 'sinkhole-log'), maxBytes: 1 << 20, files: 2, flushMs: 20 });
    sink = await startSinkholeServer({ address: A.sinkhole, port: 53, addresses: [A.sinkhole], nameservers: ['ns1.sinkhole.lab.'], names: () => sinkNames, log });
    unbound = await startUnbound({ dir, address: A.unbound, port: 53, stubs: { 'lab.': [`${A.secondary}@53`] } });
    conf = path.join(dir, 'dnswarden.yaml');
    writeFileSync(conf, `organizations:\n  - { id: reg, role: registry }\nsystems:\n  - { id: lab-tld, org: reg, kind: tld, zone: lab., nodes: [{ id: a, address: ${A.secondary} }] }
registry:\n  zones: [lab.]\n  connector:\n    kind: dns-update\n    primary: { address: ${A.primary}, port: 53 }\n    tsig: { name: ${key.name}, algorithm: ${key.algorithm}, secret: "${key.secret}" }
  sinkhole: { nameservers: [ns1.sinkhole.lab.], addresses: [${A.sinkhole}] }\n`);
    const config = await loadConfig(conf);
    caseId = await withStore(async (store) => (await new ThreatService({ store, config }).intake(
      { names: ['phish.lab'], threatType: 'phishing', description: 'login page imitating a bank', evidence: [{ kind: 'url', value: 'http://www.phish.lab/login' }], reporter: null, lang: 'en' },
      { sourceClass: 'anonymous', reporterOrg: null, actor: 'anonymous', format: 'json' })).caseId);
  });

  after(async () => {
    await Promise.allSettled([client.close(), unbound?.stop(), sink?.close(), child?.close(), primary?.stop(), secondary?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('hold removes the name from the zone (the secondary follows by IXFR, Unbound stops resolving); unhold restores it; all recorded', async () => {
    assert.equal(await until('www.phish.lab.', (v) => v === '192.0.2.80'), '192.0.2.80');
    const serial = await servedSerial(A.secondary, 53, 'lab.');
    const hold = await cli(['names', 'hold', '--config', conf, '--data', data, '--reason', 'phishing (case)', '--case', caseId, 'phish.lab', '--json']);
    assert.equal(hold.code, 0, hold.err);
    assert.deepEqual(JSON.parse(hold.out).results.map((r: { name: string; outcome: string }) => [r.name, r.outcome]), [['phish.lab.', 'applied']]);
    assert.equal(await until('www.phish.lab.', (v) => v === 'NXDOMAIN'), 'NXDOMAIN');
    assert.ok((await servedSerial(A.secondary, 53, 'lab.'))! > serial!, 'the secondary serves a newer serial (NOTIFY + IXFR)');
    assert.equal(await resolveA('www.good.lab.'), '192.0.2.80', 'other names are untouched');

    const again = await cli(['names', 'hold', '--config', conf, '--data', data, '--reason', 'again', 'phish.lab', 'nothere.lab', '--json']);
    assert.equal(again.code, 1);
    assert.deepEqual(JSON.parse(again.out).results.map((r: { outcome: string }) => r.outcome), ['already', 'refused']);

    const unhold = await cli(['names', 'unhold', '--config', conf, '--data', data, '--reason', 'site cleaned', '--case', caseId, 'phish.lab']);
    assert.equal(unhold.code, 0, unhold.err);
    assert.match(unhold.out, /phish\.lab\.\tapplied\tactive/);
    assert.equal(await until('www.phish.lab.', (v) => v === '192.0.2.80'), '192.0.2.80');

    const history = JSON.parse((await cli(['names', 'history', '--config', conf, '--data', data, 'phish.lab', '--json'])).out).history;
    assert.deepEqual(history.map((h: { action: string; outcome: string; caseId: string | null }) => [h.action, h.outcome, h.caseId]),
      [['hold', 'applied', caseId], ['hold', 'already', null], ['unhold', 'applied', caseId]]);
    assert.deepEqual(history[0].detail.to, { status: 'held', locked: false });
    await withStore(async (store) => {
      const audit = (await store.auditEntries(1, 1000)).filter((e) => e.action.startsWith('names.'));
      assert.deepEqual(audit.map((e) => e.action), ['names.hold', 'names.hold', 'names.unhold']);
      const timeline = (await store.threatTimeline(caseId)).filter((e) => e.kind === 'action');
      assert.deepEqual(timeline.map((e) => e.detail.action), ['hold', 'unhold']);
    });
  });

  test('sinkhole: Unbound answers the sinkhole address, and the query is in the case sinkhole log', async () => {
    const r = await cli(['names', 'sinkhole', '--config', conf, '--data', data, '--reason', 'find the victims', '--case', caseId, 'phish.lab']);
    assert.equal(r.code, 0, r.err);
    sinkNames = await withStore(async (s) => new Map((await s.listNameStates({ statuses: ['sinkholed'] })).map((x) => [x.name, x.caseId])));
    assert.deepEqual([...sinkNames], [['phish.lab.', caseId]]);
    assert.equal(await until('www.phish.lab.', (v) => v === A.sinkhole), A.sinkhole);
    await new Promise((res) => setTimeout(res, 100));
    const log = JSON.parse((await cli(['names', 'sinkhole-log', '--config', conf, '--data', data, '--case', caseId, '--json'])).out);
    assert.ok(log.queries.some((q: { name: string; type: string; client: string }) => q.name === 'www.phish.lab.' && q.type === 'A' && q.client.startsWith('127.')), JSON.stringify(log));
    const un = await cli(['names', 'unsinkhole', '--config', conf, '--data', data, '--reason', 'done', '--case', caseId, 'phish.lab']);
    assert.equal(un.code, 0, un.err);
    assert.equal(await until('www.phish.lab.', (v) => v === '192.0.2.80'), '192.0.2.80');
  });
});
