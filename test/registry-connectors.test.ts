// The registry connector contract (src/registry/connector.contract.ts) against real primaries: the
// dns-update connector with a Knot primary and with a BIND primary (RFC 2136 UPDATE signed with TSIG);
// plus what only dns-update has: a wrong TSIG key is refused and nothing changes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectorContract, contractZoneText, act } from '../src/registry/connector.contract.ts';
import { DnsUpdateConnector } from '../src/registry/dns-update/dns-update-connector.ts';
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

    connectorContract(`dns-update/${kind}`, ZONE, open);

    test(`dns-update/${kind}: an UPDATE signed with a wrong key fails and changes nothing`, async () => {
      const wrong = new DnsUpdateConnector({ zones: [ZONE], primary: { address, port: primary!.port },
        tsig: { ...primary!.key, secret: newKey().secret }, timeoutMs: 5000 });
      await assert.rejects(act(wrong, 'hold', [`good.${ZONE}`]), /NOTAUTH|BADSIG|REFUSED/);
      assert.notEqual((await open().read([`good.${ZONE}`])).get(`good.${ZONE}`)!.delegation, null);
    });
  });
}
