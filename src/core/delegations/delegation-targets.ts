// Which delegations to watch, and where to ask (pure). For every zone of every watched authoritative
// system: the parent is the deepest other watched zone above it (its system's servers give the
// referral), or a parent configured with its servers (e.g. the root of a TLD); the child's servers are
// the system's own. For every key domain: the delegated zone that holds it — a watched zone, or the name
// one label below the deepest watched TLD zone above it (e.g. gov.lab. under the TLD lab.), whose child
// servers are then found from the parent's glue.
import { fqdn, isUnder } from '../dns-names.ts';

export interface TargetServer { node: string; address: string; port: number }

export interface DelegationTarget {
  zone: string;
  parent: string;
  /** The system the finding belongs to: the child's, or the parent's when the child is not watched. */
  system: string;
  org: string;
  parentServers: TargetServer[];
  /** Empty: ask the addresses of the parent's glue. */
  childServers: TargetServer[];
}

/** What targets need of a configured system (ResolvedSystem has these fields). */
export interface SystemLike {
  id: string;
  org: string;
  kind: string;
  zones: readonly string[];
  nodes: ReadonlyArray<{ id: string; address: string; port: number }>;
}

/** A parent given in the configuration: its zone and the servers to ask. */
export interface ConfiguredParent { zone: string; servers: TargetServer[] }

const depth = (zone: string) => (zone === '.' ? 0 : zone.split('.').length - 1);
const servers = (s: SystemLike): TargetServer[] => s.nodes.map((n) => ({ node: `${s.id}/${n.id}`, address: n.address, port: n.port }));

export function delegationTargets(systems: readonly SystemLike[], keyDomains: readonly string[], parents: readonly ConfiguredParent[] = []): DelegationTarget[] {
  const watched = systems.filter((s) => s.kind !== 'recursive' && s.nodes.length > 0);
  const zones: Array<{ zone: string; system: SystemLike }> = watched.flatMap((s) => s.zones.map((z) => ({ zone: fqdn(z), system: s })));
  /** The deepest watched zone strictly above `name`, with its servers. */
  const parentOf = (name: string): { zone: string; servers: TargetServer[] } | null => {
    let best: { zone: string; servers: TargetServer[] } | null = null;
    for (const z of zones) {
      if (z.zone !== name && isUnder(name, z.zone) && (!best || depth(z.zone) > depth(best.zone))) best = { zone: z.zone, servers: servers(z.system) };
    }
    for (const p of parents) {
      const zone = fqdn(p.zone);
      if (zone !== name && isUnder(name, zone) && (!best || depth(zone) > depth(best.zone))) best = { zone, servers: p.servers };
    }
    return best;
  };
  const out = new Map<string, DelegationTarget>();
  for (const { zone, system } of zones) {
    const p = parentOf(zone);
    if (!p || out.has(zone)) continue;
    out.set(zone, { zone, parent: p.zone, system: system.id, org: system.org, parentServers: p.servers, childServers: servers(system) });
  }
  for (const raw of keyDomains) {
    const name = fqdn(raw);
    const holder = zones.filter((z) => isUnder(name, z.zone)).sort((a, b) => depth(b.zone) - depth(a.zone))[0];
    // a name in a provider's or website's zone is that zone's delegation; below a TLD, it has its own
    if (!holder || holder.zone === name || holder.system.kind !== 'tld') continue;
    const p = { zone: holder.zone, servers: servers(holder.system), system: holder.system };
    const labels = name.split('.').filter(Boolean);
    const zone = `${labels.slice(labels.length - depth(p.zone) - 1).join('.')}.`;
    if (zone === p.zone || out.has(zone)) continue;
    out.set(zone, { zone, parent: p.zone, system: p.system.id, org: p.system.org, parentServers: p.servers, childServers: [] });
  }
  return [...out.values()].sort((a, b) => a.zone.localeCompare(b.zone));
}
