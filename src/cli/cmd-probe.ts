// `dnswarden probe --config <config.yaml> --once [--duration <s>] [--json]`: probes every node of
// every system and prints the measurement snapshot (contracts/README.md).
import { loadConfig } from '../config/load-config.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { ProbeSnapshot } from '../probe/probe-engine.ts';
import { probeFor } from '../probe/probe-engine.ts';
import { delegationFindingsOnce } from '../probe/delegation/delegation-once.ts';
import { CachedTruthProvider } from '../probe/truth/truth-provider.ts';
import { createDnsClient } from '../dns/dns-client.ts';
import { expectPositionals, numberOption, parseArgs, UsageError } from './args.ts';

export const help = `usage: dnswarden probe --config <config.yaml> --once [--duration <seconds>] [--json]

Probes every node of every system of the configuration and prints a measurement snapshot:
per node the success rate, latency percentiles (answered queries only), records compared with the
authoritative truth and how many were wrong; per system the merged figures, the minutes it has been
stopped (as observed by this run) and its EPP/WHOIS/RDAP services; key-domain findings per resolver;
delegation-change findings where a parent's NS set is not the child's (no baseline: serve keeps those).

  -c, --config <file>        the configuration
      --once                 one cycle (the default when --duration is not given)
      --duration <seconds>   repeat cycles every probing.interval for this long, merged into one window
      --json                 print the snapshot JSON on stdout (and nothing else)

Without --json, prints a table per node. Exit status: 0 probed (whatever the results);
2 bad usage or invalid configuration; 1 anything else.
`;

export interface ProbeIo {
  out: (text: string) => void;
  err: (text: string) => void;
  loadConfig: (file: string) => Promise<ResolvedConfig>;
}

const defaultIo: ProbeIo = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
  loadConfig: (file) => loadConfig(file),
};

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const ms = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(1)}ms`);

/** A readable table: one line per node, then the system totals and services. */
export function formatTable(snapshot: ProbeSnapshot): string {
  const lines = [`window ${snapshot.window.from} … ${snapshot.window.to}`];
  const row = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(16) : c.padStart(12))).join(' ');
  lines.push(row(['system', 'node', 'queries', 'success', 'p50', 'p95', 'checked', 'data errors']));
  for (const s of snapshot.systems) {
    for (const n of s.nodes) {
      lines.push(row([s.id, n.id, String(n.queries), pct(n.successRate), ms(n.latencyMs?.p50), ms(n.latencyMs?.p95),
        String(n.dataChecked), `${n.dataErrors} (${pct(n.dataErrorRate)})`]));
      const causes = Object.entries(n.failures ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
      if (causes) lines.push(`${''.padEnd(34)}failures: ${causes}`);
    }
    const services = Object.entries(s.services ?? {})
      .map(([k, v]) => `${k} ${v.up ? (v.degraded ? 'degraded' : 'up') : `DOWN ${v.downMinutes}min`}`).join(', ');
    lines.push(`${s.id}: success ${pct(s.successRate)}, p50 ${ms(s.latencyMs?.p50)}, stopped ${s.stoppedMinutes} min` +
      (services ? `; ${services}` : '') + (s.truthError ? `; truth: ${s.truthError}` : ''));
  }
  for (const f of snapshot.keyDomains.filter(k => k.status !== 'ok')) {
    lines.push(`key domain ${f.name} ${f.type} via ${f.system}/${f.node}: ${f.status}${f.got ? ` (got ${f.got.join(' ') || 'nothing'})` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export async function run(argv: string[], io: Partial<ProbeIo> = {}): Promise<number> {
  const { out, err, loadConfig: load } = { ...defaultIo, ...io };
  const { options, positionals } = parseArgs(argv, {
    config: { type: 'string', short: 'c' },
    once: { type: 'boolean' },
    duration: { type: 'string' },
    json: { type: 'boolean' },
  });
  expectPositionals(positionals, []);
  if (!options.config) throw new UsageError("missing '--config <config.yaml>'");
  const durationS = numberOption(options.duration, 'duration', 0);
  if (options.once && durationS !== undefined) throw new UsageError("give either '--once' or '--duration', not both");

  let config: ResolvedConfig;
  try {
    config = await load(options.config);
  } catch (e) {
    err(`dnswarden probe: ${(e as Error).message}\n`);
    return 2;
  }
  const client = createDnsClient({ maxInFlight: Math.max(64, config.probing.inFlight * Math.max(1, countNodes(config))) });
  try {
    const snapshot = await probeFor(config, (durationS ?? 0) * 1000, { client, truth: new CachedTruthProvider() });
    // delegations at the parent: without a baseline, a parent/child mismatch or a parent server referring elsewhere
    const delegations = await delegationFindingsOnce(config, client, snapshot.at);
    if (delegations.length > 0) snapshot.findings = [...(snapshot.findings ?? []), ...delegations];
    out(options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatTable(snapshot));
    return 0;
  } finally {
    await client.close();
  }
}

const countNodes = (config: ResolvedConfig) => config.systems.reduce((n, s) => n + s.nodes.length, 0);
