// A change made through the dns-update connector reaches a secondary by NOTIFY and IXFR, with a Knot
// primary and with a BIND primary (the secondary is Knot; the zone's SOA refresh is 1 h, so only the
// primary's NOTIFY can bring the change within the bounded wait), and the primary serves the step as an
// incremental transfer (RFC 1995) from the serial before.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { act, contractZoneText } from '../src/registry/connector.contract.ts';
import { DnsUpdateConnector } from '../src/registry/dns-update/dns-update-connector.ts';
import { fetchZoneChangesByIxfr } from '../src/zone/ixfr-fetch.ts';
import { freePort } from './support/dns-client-nsd.ts';
import { newKey, servedSerial, startBindPrimary, startKnotPrimary, startKnotSecondary } from './support/registry-primaries.ts';

const client = createDnsClient({ udpSockets: 2 });
after(() => client.close());

const rcodeOf = async (address: string, port: number, name: string) =>
  (await client.query({ address, port, name, type: 'NS', timeoutMs: 1000 })).rcode ?? 'none';
async function waitFor(f: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) { if (await f()) return true; await new Promise((r) => setTimeout(r, 100)); }
  return false;
}

for (const [kind, address, secondaryAddress, start] of [['knot', '127.0.76.1', '127.0.76.2', startKnotPrimary], ['named', '127.0.0.1', '127.0.76.4', startBindPrimary]] as const) {
  describe(`${kind} primary → Knot secondary`, { timeout: 120_000 }, () => {
    test('hold and unhold through UPDATE reach the secondary by NOTIFY/IXFR', async (t) => {
      const dir = mkdtempSync(path.join(tmpdir(), `dw-sec-${kind}-`));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const key = newKey();
      const [port, secondaryPort] = [await freePort(address), await freePort(secondaryAddress)];
      const primary = await start({ dir: path.join(dir, 'p'), address, port, zone: 'lab.', zoneText: contractZoneText('lab.', address), key,
        notify: { address: secondaryAddress, port: secondaryPort } });
      t.after(() => primary.stop());
      const secondary = await startKnotSecondary({ dir: path.join(dir, 's'), address: secondaryAddress, port: secondaryPort, zone: 'lab.', primary: { address, port } });
      t.after(() => secondary.stop());
      const c = new DnsUpdateConnector({ zones: ['lab.'], primary: { address, port }, tsig: key, timeoutMs: 5000 });
      assert.equal(await rcodeOf(secondaryAddress, secondaryPort, 'good.lab.'), 'NOERROR');
      const before = (await servedSerial(secondaryAddress, secondaryPort, 'lab.'))!;

      const { before: seen } = await act(c, 'hold', ['good.lab.']);
      assert.ok(await waitFor(async () => await rcodeOf(secondaryAddress, secondaryPort, 'good.lab.') === 'NXDOMAIN'), 'the secondary dropped the delegation');
      const held = (await servedSerial(secondaryAddress, secondaryPort, 'lab.'))!;
      assert.ok(held > before);
      const step = await fetchZoneChangesByIxfr({ address, port, zone: 'lab.', haveSoa: { name: 'lab.', type: 'SOA', ttl: 300, data: `ns1.lab. hostmaster.lab. ${before} 3600 600 86400 300` }, timeoutMs: 5000 });
      assert.equal(step.kind, 'incremental', 'the primary serves the change as IXFR');

      await act(c, 'unhold', ['good.lab.'], { restore: new Map([['good.lab.', seen.get('good.lab.')!.delegation!]]), from: { status: 'held', locked: false } });
      assert.ok(await waitFor(async () => await rcodeOf(secondaryAddress, secondaryPort, 'good.lab.') === 'NOERROR'), 'the secondary has it back');
      assert.ok((await servedSerial(secondaryAddress, secondaryPort, 'lab.'))! > held);
    });
  });
}
