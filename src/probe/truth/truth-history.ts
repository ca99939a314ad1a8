// Recent versions of a system's truth, kept as differences so that a lagging node can be compared
// with the version it serves (SPEC §3 "Serial lag is not tampering"). Pure.
//
// Each time the provider loads a new version of a truth (zone file changed, AXFR refreshed) it hands
// the previous and the new index to `record`, which keeps one delta: for every RRset (name|TYPE) that
// differs, its data in the older version (null = absent there). Walking the deltas from serial s up to
// the current serial, the first delta that holds a key gives that key's data at s; a key in no delta
// is unchanged since s.
//
// Memory bound: at most MAX_VERSIONS deltas and MAX_CHANGED_RRSETS changed RRsets over all deltas; the
// oldest deltas are dropped first, and a single change larger than the bound keeps no history (nodes on
// older serials are then judged as "version unknown"). A serial that goes backwards clears the history.
import { compareSerials } from '../../zone/serial-arithmetic.ts';

const MAX_VERSIONS = 32;
const MAX_CHANGED_RRSETS = 200_000;

/** What the history needs of a truth version: its serial and its RRsets by "name|TYPE". */
export interface TruthVersion {
  readonly serial: number | null;
  rrsetEntries(): Iterable<[string, readonly string[]]>;
  /** The RRset under its "name|TYPE" key, or undefined. */
  rrsetByKey(key: string): readonly string[] | undefined;
}

interface Delta { from: number; to: number; before: Map<string, string[] | null> }

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every(x => b.includes(x));

export class TruthHistory {
  #deltas: Delta[] = [];
  #changed = 0;
  #memo: { serial: number; current: number; size: number; changes: Map<string, string[] | null> } | null = null;
  readonly maxVersions: number;
  readonly maxChangedRRsets: number;

  constructor(limits: { maxVersions?: number; maxChangedRRsets?: number } = {}) {
    this.maxVersions = limits.maxVersions ?? MAX_VERSIONS;
    this.maxChangedRRsets = limits.maxChangedRRsets ?? MAX_CHANGED_RRSETS;
  }

  /** Records the change from `older` to `newer` (consecutive loads of one truth). */
  record(older: TruthVersion, newer: TruthVersion): void {
    if (older.serial === null || newer.serial === null) { this.clear(); return; }
    const order = compareSerials(older.serial, newer.serial);
    if (order === 'same') return; // same serial: nothing a node's serial could tell apart
    if (order !== 'older') { this.clear(); return; }
    const before = new Map<string, string[] | null>();
    for (const [key, data] of older.rrsetEntries()) {
      const now = newer.rrsetByKey(key);
      if (!now || !sameSet(data, now)) before.set(key, [...data]);
      if (before.size > this.maxChangedRRsets) { this.clear(); return; }
    }
    for (const [key] of newer.rrsetEntries()) {
      if (!older.rrsetByKey(key)) before.set(key, null);
      if (before.size > this.maxChangedRRsets) { this.clear(); return; }
    }
    const last = this.#deltas.at(-1);
    if (last && last.to !== older.serial) this.clear(); // a gap in the chain: older deltas are unusable
    this.#deltas.push({ from: older.serial, to: newer.serial, before });
    this.#changed += before.size;
    while (this.#deltas.length > this.maxVersions || this.#changed > this.maxChangedRRsets) {
      this.#changed -= this.#deltas.shift()!.before.size;
    }
    this.#memo = null;
  }

  clear(): void { this.#deltas = []; this.#changed = 0; this.#memo = null; }

  /** Serials whose data can be rebuilt, oldest first (the current one excluded). */
  get serials(): number[] { return this.#deltas.map(d => d.from); }
  get changedRRsets(): number { return this.#changed; }

  /**
   * The RRsets that changed between version `serial` and version `current`, with their data at
   * `serial` (null = absent there); null when that version is not kept.
   */
  changesSince(serial: number, current: number): Map<string, string[] | null> | null {
    const m = this.#memo;
    if (m && m.serial === serial && m.current === current && m.size === this.#deltas.length) return m.changes;
    let end = -1;
    for (let k = this.#deltas.length - 1; k >= 0; k--) if (this.#deltas[k].to === current) { end = k; break; }
    let start = -1;
    for (let k = end; k >= 0; k--) if (this.#deltas[k].from === serial) { start = k; break; }
    if (end < 0 || start < 0) return null;
    const changes = new Map<string, string[] | null>();
    for (let k = start; k <= end; k++) {
      for (const [key, data] of this.#deltas[k].before) if (!changes.has(key)) changes.set(key, data);
    }
    this.#memo = { serial, current, size: this.#deltas.length, changes };
    return changes;
  }
}
