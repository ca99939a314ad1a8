// The registry connector contract (src/registry/connector.contract.ts) against real primaries: the
// dns-update connector with a Knot primary and with a BIND primary (RFC 2136 UPDATE signed with TSIG);
// plus what only dns-update has: a wrong TSIG key is refused and nothing changes; and the epp connector
// against the EPP test server of src/epp (TLS with a client certificate, xmllint on every request), which
// refuses an update of a name under serverUpdateProhibited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectorContract, contractZoneText, act } from '../src/registry/connector.contract.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { DnsUpdateConnector } from '../src/registry/dns-update/dns-update-connector.ts';
import { EppConnector } from '../src/registry/epp/epp-connector.ts';
import { startEppTestServer, type EppTestServer } from '../src/epp/epp-test-server.ts';
import { makeTestCertificates } from '../src/epp/test-certificates.ts';
import { freePort } from './support/dns-client-nsd.ts';
import { newKey, startBindPrimary, startKnotPrimary, type Primary } from './support/registry-primaries.ts';

const ZONE = 'lab.';

for (const [kind, address, start] of [['knot', '127.0.71.1', startKnotPrimary], ['named', '127.0.0.1', startBindPrimary]] as const) {
  describe(`dns-update connector, ${kind} primary`, { timeout: 120_000 }, () => {
    let dir = '';
    let primary: Primary | undefined;
    const open = () => new DnsUpdateConnector({ zones: [ZONE], primary: { address, port: primary!.port }, tsig: primary!.key, timeoutMs: 5000 });

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), `dw-reg-${kind}-`));
      primary = await start({ dir, address, port: await freePort(address), zone: ZONE, zoneText: contractZoneText(ZONE, address), key: newKey() });
    });
    after(async () => {
      await primary?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    connectorContract(`dns-update/${kind}`, ZONE, open, { zoneData: true, batch: 500 });

    test(`dns-update/${kind}: an UPDATE signed with a wrong key fails and changes nothing`, async () => {
      const wrong = new DnsUpdateConnector({ zones: [ZONE], primary: { address, port: primary!.port },
        tsig: { ...primary!.key, secret: newKey().secret }, timeoutMs: 5000 });
      await assert.rejects(act(wrong, 'hold', [`good.${ZONE}`]), /NOTAUTH|BADSIG|REFUSED/);
      assert.notEqual((await open().read([`good.${ZONE}`])).get(`good.${ZONE}`)!.delegation, null);
    });
  });
}

describe('epp connector, EPP test server', { timeout: 120_000 }, () => {
  let dir = '';
  let server: EppTestServer | undefined;
  let tls = { ca: '', cert: '', key: '' };
  const open = () => new EppConnector({ zones: [ZONE], server: { address: '127.0.0.1', port: server!.port }, tls, clientId: 'registry-a', password: 'secret-pw1', timeoutMs: 10_000 });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-reg-epp-'));
    const certs = makeTestCertificates(dir);
    tls = { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey };
    server = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca, requireClientCert: true }, clients: { 'registry-a': 'secret-pw1' },
      domains: [{ name: 'good.lab', ns: ['ns1.good.lab', 'ns2.good.lab'] }, { name: 'other.lab', ns: ['ns.elsewhere.example'] },
        { name: 'locked.lab', ns: ['ns1.locked.lab'], statuses: ['serverUpdateProhibited'] }] });
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  connectorContract('epp', ZONE, open, { zoneData: false, batch: 25 });

  test('epp: lock sets the three server*Prohibited statuses; the server then refuses a hold (2304) until unlock', async () => {
    const c = open();
    await act(c, 'lock', [`good.${ZONE}`]);
    const locked = (await c.read([`good.${ZONE}`])).get(`good.${ZONE}`)!;
    assert.deepEqual(locked.statuses, ['serverDeleteProhibited', 'serverTransferProhibited', 'serverUpdateProhibited']);
    const refused = await c.apply([{ name: `good.${ZONE}`, action: 'hold', observed: locked, next: { status: 'held', locked: true }, restore: null }], null);
    assert.match(refused.get(`good.${ZONE}`)!.error ?? '', /^EPP 2304 .*serverUpdateProhibited/);
    await act(c, 'unlock', [`good.${ZONE}`], { from: { status: 'active', locked: true } });
    assert.deepEqual((await c.read([`good.${ZONE}`])).get(`good.${ZONE}`)!.statuses, ['ok']);
    const other = (await c.read([`locked.${ZONE}`])).get(`locked.${ZONE}`)!;
    const r = await c.apply([{ name: `locked.${ZONE}`, action: 'sinkhole', observed: other, next: { status: 'sinkholed', locked: false }, restore: null }],
      { nameservers: ['ns1.sinkhole.lab.'], addresses: ['127.0.10.66'] });
    assert.match(r.get(`locked.${ZONE}`)!.error ?? '', /^EPP 2304/);
    assert.equal(server!.refused.length, 0, 'every request was valid against the RFC schemas');
  });

  test('epp: delete (after the two-person approval) is domain:delete; serverDeleteProhibited makes the server refuse it', async () => {
    const c = open();
    server!.registry.put({ name: 'gone.lab', ns: ['ns1.gone.lab'] });
    server!.registry.put({ name: 'kept.lab', ns: ['ns1.kept.lab'], statuses: ['serverDeleteProhibited'] });
    const seen = await c.read([`gone.${ZONE}`, `kept.${ZONE}`]);
    const del = (name: string) => ({ name, action: 'delete' as const, observed: seen.get(name)!, next: { status: 'absent' as const, locked: false }, restore: null });
    const r = await c.apply([del(`gone.${ZONE}`), del(`kept.${ZONE}`)], null);
    assert.equal(r.get(`gone.${ZONE}`)!.error, null);
    assert.match(r.get(`kept.${ZONE}`)!.error ?? '', /^EPP 2304 .*serverDeleteProhibited/);
    const after = await c.read([`gone.${ZONE}`, `kept.${ZONE}`]);
    assert.deepEqual([after.get(`gone.${ZONE}`)!.exists, after.get(`kept.${ZONE}`)!.exists], [false, true]);
  });
});

describe('dns-update: a message the primary refuses is retried name by name (BIND update-policy)', { timeout: 60_000 }, () => {
  test('the names the policy allows are applied, the denied one fails with the REFUSED answer', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-reg-policy-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const key = newKey();
    const port = await freePort('127.0.0.1');
    const primary = await startBindPrimary({ dir, address: '127.0.0.1', port, zone: ZONE, zoneText: contractZoneText(ZONE, '127.0.0.1'), key, denyNames: [`denied.${ZONE}`] });
    t.after(() => primary.stop());
    const c = new DnsUpdateConnector({ zones: [ZONE], primary: { address: '127.0.0.1', port }, tsig: key, timeoutMs: 5000 });
    const names = [`free-a.${ZONE}`, `denied.${ZONE}`, `free-b.${ZONE}`];
    const seen = await c.read(names);
    const results = await c.apply(names.map((name) => ({ name, action: 'block' as const, observed: seen.get(name)!, next: { status: 'reserved-sinkholed' as const, locked: false }, restore: null })),
      { nameservers: ['ns1.sinkhole.lab.'], addresses: ['127.0.10.66'] });
    assert.deepEqual(names.map((n) => results.get(n)!.error), [null, 'the primary answered REFUSED', null]);
    const after = await c.read(names);
    assert.deepEqual(names.map((n) => after.get(n)!.exists), [true, false, true]);
    const dns = createDnsClient({ udpSockets: 1 });
    t.after(() => dns.close());
    const glue = await dns.query({ address: '127.0.0.1', port, name: 'ns1.sinkhole.lab.', type: 'A', timeoutMs: 1000 });
    assert.deepEqual(glue.answer.map((r) => r.data), ['127.0.10.66'], "the sinkhole nameserver's address went in too");
  });
});
