// Delegations at the parent (issue 10 item 4), the application side: every `every` cycles the
// delegation probe (src/probe/delegation) looks at each watched delegation; the first sighting of a zone
// becomes its baseline, every sighting is stored (a change lands in the history); each cycle the
// `delegation-change` findings of the latest sightings against the baselines (src/core/delegations) are
// handed to the findings pipeline with the cycle's snapshot. The sighting runs beside the probe cycle,
// never inside it: the probe is not slowed, and the findings of a cycle wait at most one sighting.
import type { ResolvedConfig } from '../config/config-types.ts';
import { delegationFinding, judgeDelegation, type DelegationVerdict } from '../core/delegations/delegation-findings.ts';
import { delegationTargets, type ConfiguredParent, type DelegationTarget } from '../core/delegations/delegation-targets.ts';
import type { Finding, Snapshot } from '../core/snapshot.ts';
import type { DnsClient } from '../dns/dns-client-types.ts';
import { observeAll } from '../probe/delegation/delegation-probe.ts';
import type { DelegationRecord, Store } from '../store/store.ts';

export interface DelegationServiceDeps {
  store: Store;
  config: Pick<ResolvedConfig, 'systems' | 'keyDomains' | 'probing'>;
  client: DnsClient;
  now: () => Date;
  /** Look every this many cycles (default 1: every cycle). */
  every?: number;
  /** Parents that are not watched systems (e.g. the root of a TLD). */
  parents?: ConfiguredParent[];
  log?: (line: string) => void;
}

/** A delegation as the API shows it: the record and what it means now. */
export type DelegationView = DelegationRecord & DelegationVerdict;

export function delegationView(r: DelegationRecord): DelegationView {
  return { ...r, ...judgeDelegation(r) };
}

export class DelegationService {
  readonly #d: DelegationServiceDeps;
  readonly targets: DelegationTarget[];
  #cycles = 0;
  #running: Promise<void> | null = null;

  constructor(deps: DelegationServiceDeps) {
    this.#d = deps;
    const keyDomains = [...deps.config.keyDomains.map((k) => k.name), ...deps.config.systems.flatMap((s) => s.keyDomains ?? [])];
    this.targets = delegationTargets(deps.config.systems, keyDomains, deps.parents ?? []);
  }

  /** One look at every watched delegation: first baselines, sightings stored. */
  async observe(): Promise<void> {
    const timeoutMs = Math.min(this.#d.config.probing.timeoutMs, Math.max(1000, this.#d.config.probing.intervalMs / 2));
    const seen = await observeAll(this.#d.client, this.targets, timeoutMs);
    const at = this.#d.now().toISOString();
    for (const { target, seen: s } of seen) {
      const had = await this.#d.store.getDelegation(target.zone);
      if (!had) {
        if (!s.parentNodes.some((n) => n.state)) continue; // nothing to take as a baseline yet
        await this.#d.store.putDelegationBaseline({
          zone: target.zone, parent: target.parent, system: target.system, org: target.org, state: s.state, source: 'first-seen', at, by: 'system',
        });
        this.#d.log?.(`delegations: baseline of ${target.zone} taken from its first sighting`);
      }
      const { changed } = await this.#d.store.recordDelegationSeen(target.zone, s, at);
      if (changed && had) this.#d.log?.(`delegations: ${target.zone} changed (parent ${target.parent})`);
    }
  }

  /** Once per cycle: starts a sighting every `every` cycles, then gives the findings of the latest ones. */
  async onCycle(snapshot: Pick<Snapshot, 'at'>): Promise<Finding[]> {
    const every = Math.max(1, Math.floor(this.#d.every ?? 1));
    if (this.#cycles++ % every === 0 && !this.#running) {
      this.#running = this.observe()
        .catch((err) => this.#d.log?.(`delegations: sighting failed: ${(err as Error).message}`))
        .finally(() => { this.#running = null; });
    }
    if (this.#running) await this.#running;
    return this.findings(snapshot.at);
  }

  /** The delegation-change findings of the stored sightings against the baselines. */
  async findings(at: string): Promise<Finding[]> {
    const zones = new Set(this.targets.map((t) => t.zone));
    const out: Finding[] = [];
    for (const r of await this.#d.store.listDelegations()) {
      if (!zones.has(r.zone)) continue;
      const f = delegationFinding(r, at);
      if (f) out.push(f);
    }
    return out;
  }

  /** Closes the DNS client (the platform's stop). */
  async close(): Promise<void> {
    await this.#running;
    await this.#d.client.close();
  }

  /** The snapshot with the delegation findings added to its own (what the findings pipeline takes). */
  async withFindings<S extends Snapshot>(snapshot: S): Promise<S> {
    const extra = await this.onCycle(snapshot);
    return extra.length === 0 ? snapshot : { ...snapshot, findings: [...(snapshot.findings ?? []), ...extra] };
  }
}
