// `dnswarden lab fault resolver hijack <name> [<address>|off]` on both lab resolvers — the real
// Unbound (local-data, restarted) and the built-in forwarder (forged answers): the key domain's A
// record comes back forged through the resolver, the authoritative server still has the truth, other
// types and names are untouched, `off` and `clear` give the real answer back, status shows the fault.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { labDown, labFault, labStatus, labUp } from '../src/lab/lab-runner.ts';
import { LAB_NODES, RESOLVER_ADDRESS } from '../src/lab/lab-topology.ts';
import { freeLabPort } from './platform-harness.ts';

async function ask(address: string, port: number, name: string, type: 'A' | 'AAAA', rd = true): Promise<string[]> {
  const client = createDnsClient();
  try {
    const a = await client.query({ address, port, name, type, timeoutMs: 3000, recursionDesired: rd });
    assert.equal(a.outcome, 'answer', `${name} ${type} at ${address}:${port}`);
    return a.answer.filter((r) => r.type === type).map((r) => r.data).sort();
  } finally {
    await client.close();
  }
}

for (const resolver of ['unbound', 'forwarder'] as const) {
  describe(`lab resolver hijack: ${resolver}`, { timeout: 120_000 }, () => {
    test('forged A through the resolver, truth unchanged, off and clear restore it', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'dw-labh-'));
      const port = await freeLabPort();
      const gov = LAB_NODES.find((n) => n.system === 'gov-dns')!;
      try {
        await labUp({ dir, port, resolver });
        const real = await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'A');
        assert.ok(real.length > 0);
        const realAaaa = await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'AAAA');

        const r = await labFault(dir, 'resolver', 'hijack', 'www.gov.lab', undefined, '198.51.100.66');
        assert.deepEqual(r.node?.faults.hijack, { 'www.gov.lab.': '198.51.100.66' });
        assert.deepEqual(await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'A'), ['198.51.100.66']);
        assert.deepEqual(await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'AAAA'), realAaaa, 'other types resolve normally');
        assert.deepEqual(await ask(gov.address, port, 'www.gov.lab.', 'A', false), real, 'the authoritative server keeps the truth');
        const status = await labStatus(dir);
        assert.deepEqual(status.nodes.find((n) => n.key === 'bj-resolver/r1')?.faults.hijack, { 'www.gov.lab.': '198.51.100.66' });
        assert.equal(status.nodes.find((n) => n.key === 'bj-resolver/r1')?.answers, true);

        await labFault(dir, 'resolver', 'hijack', 'www.gov.lab', undefined, 'off');
        assert.deepEqual(await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'A'), real);
        await labFault(dir, 'resolver', 'hijack', 'www.gov.lab');
        assert.deepEqual(await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'A'), ['203.0.113.66'], 'default forged address');
        await labFault(dir, 'resolver', 'clear');
        assert.deepEqual(await ask(RESOLVER_ADDRESS, port, 'www.gov.lab.', 'A'), real);
        await assert.rejects(labFault(dir, 'gov-dns/ns1', 'hijack', 'www.gov.lab'), /fault of the resolver/);
      } finally {
        await labDown(dir).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
