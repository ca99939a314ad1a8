// DGA lists through the dns-update connector against a real Knot primary (issue 11 "Must show"):
// `names block` of N unregistered names (the reserved list; each name read from the primary first) and
// `names block --sinkhole` of N more (created at the primary, delegated to the sinkhole, batched UPDATE
// with TSIG), through the same NameService as the CLI, with the embedded SQLite store (history + audit).
// Prints `key value` lines: seconds and peak RSS per run, UPDATE messages, names checked at the end.
//   node bench/names-dga.ts [--names 10000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { contractZoneText, SINKHOLE } from '../src/registry/connector.contract.ts';
import { DnsUpdateConnector } from '../src/registry/dns-update/dns-update-connector.ts';
import { NameService } from '../src/registry/name-service.ts';
import { openStore } from '../src/store/open-store.ts';
import { freePort } from '../test/support/dns-client-nsd.ts';
import { newKey, startKnotPrimary } from '../test/support/registry-primaries.ts';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N = arg('names', 10_000);
const ADDRESS = '127.0.72.1';
const dga = (prefix: string, i: number) => `${prefix}${(i * 2654435761 % 4294967296).toString(36)}${i.toString(36)}.lab.`;

const dir = mkdtempSync(path.join(tmpdir(), 'dw-bench-dga-'));
const key = newKey();
const port = await freePort(ADDRESS);
const primary = await startKnotPrimary({ dir: path.join(dir, 'knot'), address: ADDRESS, port, zone: 'lab.', zoneText: contractZoneText('lab.', ADDRESS), key });
const store = await openStore({ url: null, dataDir: path.join(dir, 'data') });
try {
  const connector = new DnsUpdateConnector({ zones: ['lab.'], primary: { address: ADDRESS, port }, tsig: key, timeoutMs: 30_000 });
  const service = new NameService({ store, connector, sinkhole: SINKHOLE });
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const run = async (label: string, names: string[], withSinkhole: boolean) => {
    peak = process.memoryUsage().rss;
    const t0 = performance.now();
    const results = await service.run({ action: 'block', names, withSinkhole, reason: 'DGA list (bench)', actor: 'bench', until: new Date(Date.now() + 90 * 86_400_000).toISOString() });
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const applied = results.filter((r) => r.outcome === 'applied').length;
    console.log(`${label}_names ${names.length}`);
    console.log(`${label}_applied ${applied}`);
    console.log(`${label}_seconds ${seconds.toFixed(2)}`);
    console.log(`${label}_names_per_second ${Math.round(names.length / seconds)}`);
    console.log(`${label}_peak_rss_mib ${(peak / 1048576).toFixed(1)}`);
  };
  await run('block', Array.from({ length: N }, (_, i) => dga('b', i)), false);
  const sinkNames = Array.from({ length: N }, (_, i) => dga('s', i));
  await run('block_sinkhole', sinkNames, true);
  clearInterval(sampler);
  const seen = await connector.read(sinkNames);
  const atSinkhole = sinkNames.filter((n) => seen.get(n)?.delegation?.ns.join(',') === SINKHOLE.nameservers.join(',')).length;
  console.log(`block_sinkhole_delegated_at_primary ${atSinkhole}`);
  console.log(`history_rows ${(await store.listNameStates({})).length}`);
} finally {
  await store.close();
  await primary.stop();
  rmSync(dir, { recursive: true, force: true });
}
