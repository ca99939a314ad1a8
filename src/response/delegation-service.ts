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

let chain: Promise<unknown> = Promise.resolve();
/**
 * Serialises reading the delegations into a cycle's findings and applying them with approvals
 * (delegation-approve.ts): an approval lands either before the read (no finding derived) or after the
 * findings were applied (it closes the open one) — never in between, where the closed finding would
 * be opened again from a stale read. One process; the look itself (network) runs outside it.
 */
export function underDelegationLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn);
  chain = run.catch(() => undefined);
  return run;
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

  /**
   * One cycle end to end: looks when it is time, then — under the delegation lock — adds the findings of
   * the latest sightings to the snapshot and hands it to `apply` (the findings pipeline).
   */
  async applyWithFindings<S extends Snapshot, T>(snapshot: S, apply: (withDelegations: S) => Promise<T>): Promise<T> {
    await this.#look();
    return underDelegationLock(async () => apply(await this.#withStored(snapshot)));
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
    await this.#look();
    return this.findings(snapshot.at);
  }

  async #look(): Promise<void> {
    const every = Math.max(1, Math.floor(this.#d.every ?? 1));
    if (this.#cycles++ % every === 0 && !this.#running) {
      this.#running = this.observe()
        .catch((err) => this.#d.log?.(`delegations: sighting failed: ${(err as Error).message}`))
        .finally(() => { this.#running = null; });
    }
    if (this.#running) await this.#running;
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
  async #withStored<S extends Snapshot>(snapshot: S): Promise<S> {
    const extra = await this.findings(snapshot.at);
    return extra.length === 0 ? snapshot : { ...snapshot, findings: [...(snapshot.findings ?? []), ...extra] };
  }
}
