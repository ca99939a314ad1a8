// Delegations for `dnswarden probe` (no store, so no baseline): one look at every watched delegation,
// each judged against itself — what remains is what is wrong without a history: the parent's NS set
// not the child's, or a parent server referring elsewhere than the others. `serve` keeps baselines
// (src/response/delegation-service.ts) and also sees changes over time.
import type { ResolvedConfig } from '../../config/config-types.ts';
import { delegationFinding } from '../../core/delegations/delegation-findings.ts';
import { delegationTargets } from '../../core/delegations/delegation-targets.ts';
import type { Finding } from '../../core/snapshot.ts';
import type { DnsClient } from '../../dns/dns-client-types.ts';
import { observeAll } from './delegation-probe.ts';

export async function delegationFindingsOnce(config: Pick<ResolvedConfig, 'systems' | 'keyDomains' | 'probing'>, client: DnsClient, at: string): Promise<Finding[]> {
  const keyDomains = [...config.keyDomains.map((k) => k.name), ...config.systems.flatMap((s) => s.keyDomains ?? [])];
  const parents = (config.probing.delegationParents ?? []).map((p) => ({
    zone: p.zone, servers: p.servers.map((s, i) => ({ node: `${p.zone}/${i + 1}`, address: s.address, port: s.port })),
  }));
  const targets = delegationTargets(config.systems, keyDomains, parents);
  if (targets.length === 0) return [];
  const timeoutMs = Math.min(config.probing.timeoutMs, Math.max(1000, config.probing.intervalMs / 2));
  const out: Finding[] = [];
  for (const { target, seen } of await observeAll(client, targets, timeoutMs)) {
    const f = delegationFinding({
      zone: target.zone, parent: target.parent, system: target.system, org: target.org,
      baseline: seen.state, baselineSource: 'first-seen', baselineAt: at, seen, seenAt: at,
    }, at);
    if (f) out.push(f);
  }
  return out;
}
