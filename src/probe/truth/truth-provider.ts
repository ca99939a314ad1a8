// Loads each system's truth (zone file or AXFR from the primary) and caches it:
// a zone file is re-read when its modification time or size changes; an AXFR truth is fetched
// again after `axfrRefreshMs` (default 5 minutes). Concurrent callers share one load.
// Each new version is diffed against the previous one into the system's TruthHistory (truth-history.ts),
// so that a node lagging behind can be compared with the version it serves. An AXFR truth of one zone is
// refreshed by IXFR (RFC 1995) from the version held — nothing is transferred when the serial has not
// moved, only the changes when it has — and by a full AXFR when the primary refuses IXFR, answers with
// a broken chain, or on the first load.
import { stat, readFile } from 'node:fs/promises';
import type { ResolvedSystem } from '../../config/config-types.ts';
import type { Zone } from '../../zone/zone-types.ts';
import { parseZoneFile } from '../../zone/zonefile.ts';
import { fetchZoneByAxfr } from '../../zone/axfr-fetch.ts';
import { fetchZoneChangesByIxfr } from '../../zone/ixfr-fetch.ts';
import type { TruthProvider } from '../probe-types.ts';
import { TruthHistory } from './truth-history.ts';
import { TruthIndex } from './truth-index.ts';
import { fqdn } from '../../core/dns-names.ts';

export interface TruthProviderOptions {
  axfrRefreshMs?: number;
  axfrTimeoutMs?: number;
  /** Refresh AXFR truths by IXFR first (default true). */
  ixfr?: boolean;
  now?: () => number;
}

interface CacheEntry { version: string; loadedAt: number; index: Promise<TruthIndex> }

/** Splits the records of one file among the system's zones (deepest zone wins; others are dropped by the index). */
function zonesFromRecords(zones: string[], records: Zone['records']): Zone[] {
  return zones.map((origin, i) => ({ origin, records: i === 0 ? records : [] }));
}

export class CachedTruthProvider implements TruthProvider {
  #cache = new Map<string, CacheEntry>();
  #histories = new Map<string, TruthHistory>();
  /** The latest version that loaded, per system: the base of the next difference. */
  #latest = new Map<string, TruthIndex>();
  #opts: Required<TruthProviderOptions>;
  /** How AXFR truths were refreshed: full AXFRs, IXFRs applied, IXFR "no change", IXFRs answered in full, IXFR failures. */
  readonly transfers = { axfr: 0, ixfr: 0, ixfrCurrent: 0, ixfrFull: 0, ixfrFailed: 0 };

  constructor(opts: TruthProviderOptions = {}) {
    this.#opts = { axfrRefreshMs: opts.axfrRefreshMs ?? 300_000, axfrTimeoutMs: opts.axfrTimeoutMs ?? 30_000, ixfr: opts.ixfr ?? true,
      now: opts.now ?? Date.now };
  }

  async truthFor(system: ResolvedSystem): Promise<TruthIndex | null> {
    const truth = system.truth;
    if (!truth?.zonefile && !truth?.axfr) return null;
    const version = truth.zonefile ? await this.#fileVersion(truth.zonefile) : 'axfr';
    const cached = this.#cache.get(system.id);
    const fresh = cached && cached.version === version &&
      (truth.zonefile || this.#opts.now() - cached.loadedAt < this.#opts.axfrRefreshMs);
    if (fresh) return cached.index;
    const loaded = truth.zonefile ? this.#loadFile(system, truth.zonefile) : this.#loadAxfr(system);
    const index = this.#withHistory(system.id, loaded);
    this.#cache.set(system.id, { version, loadedAt: this.#opts.now(), index });
    index.catch(() => { if (this.#cache.get(system.id)?.index === index) this.#cache.delete(system.id); });
    return index;
  }

  /** A transfer truth is fetched again at the next call (a node already serves a newer serial). */
  newerSerialSeen(system: ResolvedSystem): void {
    const cached = this.#cache.get(system.id);
    if (cached && system.truth?.axfr) cached.loadedAt = -Infinity;
  }

  /** Diffs the new version against the previous one (when it loaded) and attaches the system's history. */
  async #withHistory(systemId: string, loaded: Promise<TruthIndex>): Promise<TruthIndex> {
    const next = await loaded;
    const prev = this.#latest.get(systemId);
    this.#latest.set(systemId, next);
    let history = this.#histories.get(systemId);
    if (!history) { history = new TruthHistory(); this.#histories.set(systemId, history); }
    if (prev && prev !== next) history.record(prev, next);
    next.history = history;
    return next;
  }

  async #fileVersion(file: string): Promise<string> {
    const s = await stat(file);
    return `${s.mtimeMs}:${s.size}`;
  }

  async #loadFile(system: ResolvedSystem, file: string): Promise<TruthIndex> {
    const text = await readFile(file, 'utf8');
    const zone = parseZoneFile(text, { origin: system.zones[0], file });
    return new TruthIndex(zonesFromRecords(system.zones, zone.records));
  }

  async #loadAxfr(system: ResolvedSystem): Promise<TruthIndex> {
    const axfr = system.truth!.axfr!;
    const names = axfr.zone ? [axfr.zone] : system.zones;
    const previous = this.#latest.get(system.id);
    if (this.#opts.ixfr && names.length === 1 && previous) {
      const incremental = await this.#refreshByIxfr(system, previous, names[0]);
      if (incremental) return incremental;
    }
    this.transfers.axfr++;
    const zones = await Promise.all(names.map(zone =>
      fetchZoneByAxfr({ address: axfr.address, port: axfr.port, zone, timeoutMs: this.#opts.axfrTimeoutMs })));
    const records = zones.flatMap(z => z.records);
    return new TruthIndex(system.zones.map((origin, i) => ({ origin, records: i === 0 ? records : [] })));
  }

  /** The next version by IXFR from `previous`, or null when a full AXFR is needed. */
  async #refreshByIxfr(system: ResolvedSystem, previous: TruthIndex, zoneName: string): Promise<TruthIndex | null> {
    const axfr = system.truth!.axfr!;
    const zone = fqdn(zoneName);
    const soaData = previous.rrset(zone, 'SOA')?.[0];
    if (!soaData || previous.serial === null) return null;
    const haveSoa = { name: zone, type: 'SOA', ttl: previous.ttl(zone, 'SOA') ?? 0, data: soaData };
    let result;
    try {
      result = await fetchZoneChangesByIxfr({ address: axfr.address, port: axfr.port, zone, haveSoa, timeoutMs: this.#opts.axfrTimeoutMs });
    } catch {
      this.transfers.ixfrFailed++;
      return null;
    }
    const build = (records: Zone['records']) => new TruthIndex(system.zones.map((origin, i) => ({ origin, records: i === 0 ? records : [] })));
    if (result.kind === 'current') { this.transfers.ixfrCurrent++; return previous; }
    if (result.kind === 'full') { this.transfers.ixfrFull++; return build(result.zone.records); }
    if (result.steps[0]?.from !== previous.serial) { this.transfers.ixfrFailed++; return null; } // not from our version
    const key = (r: { name: string; type: string; data: string }) => `${r.name}|${r.type}|${r.data}`;
    const records = new Map(previous.toRecords().map(r => [key(r), r]));
    for (const step of result.steps) {
      for (const r of step.deleted) records.delete(key(r));
      for (const r of step.added) records.set(key(r), r);
    }
    // The SOA marks the versions in an IXFR rather than being listed among the changes: set it.
    for (const [k, r] of records) if (r.type === 'SOA' && r.name === zone) records.delete(k);
    records.set(key(result.soa), result.soa);
    this.transfers.ixfr++;
    return build([...records.values()]);
  }
}

/** A provider over fixed zones (tests, benches): system id → zones. */
export class StaticTruthProvider implements TruthProvider {
  #bySystem: Map<string, TruthIndex>;
  constructor(zonesBySystem: Record<string, Zone[]>) {
    this.#bySystem = new Map(Object.entries(zonesBySystem).map(([id, zones]) => [id, new TruthIndex(zones)]));
  }
  async truthFor(system: ResolvedSystem): Promise<TruthIndex | null> {
    return this.#bySystem.get(system.id) ?? null;
  }
}
