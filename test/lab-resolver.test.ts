// The lab's resolver node: the real Unbound and the built-in forwarder both answer the key domain,
// and `lab fault resolver stop|start` takes it away and brings it back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { canBindUdp, labDown, labFault, labStatus, labUp } from '../src/lab/lab-runner.ts';
import { isAlive, readPid } from '../src/lab/lab-state.ts';
import { LAB_NODES, RESOLVER_ADDRESS } from '../src/lab/lab-topology.ts';
import { findUnbound } from '../src/lab/unbound.ts';
import { skipUnlessCi } from './support/peers.ts';

async function freeLabPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if ((await Promise.all(LAB_NODES.map((n) => canBindUdp(n.address, port)))).every(Boolean)) return port;
  }
  throw new Error('no free port for the lab');
}

async function resolveWwwGov(port: number): Promise<string[] | 'timeout'> {
  const client = createDnsClient();
  try {
    const a = await client.query({ address: RESOLVER_ADDRESS, port, name: 'www.gov.lab.', type: 'A', timeoutMs: 2500, recursionDesired: true });
    if (a.outcome === 'timeout') return 'timeout';
    return a.answer.filter((r) => r.type === 'A').map((r) => r.data);
  } finally {
    await client.close();
  }
}

for (const resolver of ['unbound', 'forwarder'] as const) {
  const skip = skipUnlessCi(resolver === 'unbound' && !findUnbound() ? 'peer missing: unbound not installed (Debian package "unbound")' : false);
  describe(`lab resolver: ${resolver}`, { skip, timeout: 120_000 }, () => {
    test('answers www.gov.lab, stops and starts on command', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'dw-labr-'));
      const port = await freeLabPort();
      try {
        const { state } = await labUp({ dir, port, resolver });
        assert.equal(state.resolver, resolver);
        assert.deepEqual(await resolveWwwGov(port), ['203.0.113.5']);

        const stopped = await labFault(dir, 'resolver', 'stop');
        assert.equal(stopped.node?.running, false);
        if (resolver === 'unbound') assert.equal(isAlive(readPid(path.join(dir, 'unbound.pid'))), false);
        assert.equal(await resolveWwwGov(port), 'timeout');
        const status = await labStatus(dir);
        assert.equal(status.nodes.find((n) => n.key === 'bj-resolver/r1')?.answers, false);

        const started = await labFault(dir, 'resolver', 'start');
        assert.equal(started.node?.running, true);
        assert.deepEqual(await resolveWwwGov(port), ['203.0.113.5']);
        await assert.rejects(labFault(dir, 'resolver', 'drop', '0.5'), /stop.*start/);
      } finally {
        await labDown(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
