// Accumulates each node's data checks across cycles in a time window and decides every data-error
// threshold of the rule set on the whole window (docs/evidence.md). Pure and deterministic: time is
// the snapshot's own `at`, never the clock.
//
// A census (every record of the truth checked) in the latest cycle is exact and decides alone: it is
// the node's data as it is now. Otherwise every cycle in the window counts as a sample (a census
// among them too, conservatively).
//
// It also says how many RRsets the prober should sample next on each node: while any threshold is
// undetermined, when a verdict has just turned above (or from above to not above: it is confirmed on
// a larger sample before the tracker's second cycle can open or resolve on it), or when the latest cycle alone contradicts the
// window (errors began or ended), the sample widens (×4 per cycle, then every RRset), so that the
// question settles within a few cycles; once every verdict is decided and steady it returns to the
// configured sample.
//
// Memory is bounded: at most `maxCyclesPerNode` entries per node, entries older than the window are
// dropped, and a node not seen for a window is forgotten. A restart starts with an empty book: the
// first cycles are undetermined, which holds open incidents (incident-tracker.ts) until evidence is back.
import type { DataEvidence, NodeMeasurement, Snapshot } from '../snapshot.ts';
import { DEFAULT_CONFIDENCE, readEvidence, verdictOn } from './evidence-rule.ts';

/** 15 minutes: 90 default cycles ≈ 225,000 checks, enough to call 0.02 % against 0.01 % without widening. */
const DEFAULT_EVIDENCE_WINDOW_MS = 15 * 60_000;

export interface EvidenceBookOptions {
  windowMs?: number;
  confidence?: number;
  /**
   * The data-error thresholds to decide (rules/latency-thresholds.ts dataErrorThresholdsOf): one list,
   * or per system (a system kind without data rules gets none: its evidence is kept, nothing widens).
   */
  thresholds: readonly number[] | ((systemId: string) => readonly number[]);
  /** The configured sample of a system (config `check.sample`, resolved). */
  configuredSample: (systemId: string) => number | 'all';
  /** Growth of the sample per undetermined cycle (default 4). */
  widenFactor?: number;
  /** Widened steps before 'all' (default 3: ×4, ×16, ×64, then every RRset). */
  widenSteps?: number;
  /** Memory bound per node (default 1,000 cycles). */
  maxCyclesPerNode?: number;
}

interface CycleEntry { at: number; from: string; checked: number; errors: number; census: boolean }
interface NodeBook { entries: CycleEntry[]; level: number; lastSeen: number; verdicts: string[] }

const keyOf = (systemId: string, nodeId: string) => `${systemId}\u0000${nodeId}`;
/** A verdict that just became 'above', or went from 'above' to 'not-above': confirm it on a larger sample. */
const turned = (before: string | undefined, now: string) =>
  (now === 'above' && before !== 'above') || (before === 'above' && now === 'not-above');
/** Two decided verdicts that disagree (undetermined contradicts nothing). */
const contradicts = (a: string, b: string) => a !== 'undetermined' && b !== 'undetermined' && a !== b;

export class EvidenceBook {
  readonly windowMs: number;
  readonly confidence: number;
  readonly #thresholds: (systemId: string) => readonly number[];
  readonly #configuredSample: (systemId: string) => number | 'all';
  readonly #factor: number;
  readonly #steps: number;
  readonly #maxCycles: number;
  readonly #books = new Map<string, NodeBook>();

  constructor(opts: EvidenceBookOptions) {
    this.windowMs = opts.windowMs ?? DEFAULT_EVIDENCE_WINDOW_MS;
    this.confidence = opts.confidence ?? DEFAULT_CONFIDENCE;
    if (!(this.windowMs > 0)) throw new RangeError('the evidence window must be longer than 0');
    if (!(this.confidence > 0.5 && this.confidence < 1)) throw new RangeError('the confidence must be between 0.5 and 1');
    const normalise = (list: readonly number[]) => [...new Set(list)].sort((a, b) => a - b);
    const given = opts.thresholds;
    if (typeof given === 'function') {
      const perSystem = new Map<string, readonly number[]>();
      this.#thresholds = (systemId) => {
        let list = perSystem.get(systemId);
        if (!list) { list = normalise(given(systemId)); perSystem.set(systemId, list); }
        return list;
      };
    } else {
      const list = normalise(given);
      this.#thresholds = () => list;
    }
    this.#configuredSample = opts.configuredSample;
    this.#factor = opts.widenFactor ?? 4;
    this.#steps = opts.widenSteps ?? 3;
    this.#maxCycles = opts.maxCyclesPerNode ?? 1000;
  }

  /** Records one cycle's snapshot and returns it with `dataEvidence` on every node that has evidence. */
  apply(snapshot: Snapshot): Snapshot {
    const now = Date.parse(snapshot.at);
    if (!Number.isFinite(now)) throw new RangeError(`snapshot time '${snapshot.at}' is not a time`);
    const systems = snapshot.systems.map((system) => ({
      ...system,
      nodes: system.nodes.map((node) => {
        const evidence = this.#record(system.id, node, snapshot.window.from, now);
        return evidence ? { ...node, dataEvidence: evidence } : node;
      }),
    }));
    this.#forget(now);
    return { ...snapshot, systems };
  }

  /** The sample the prober should use next on this node; undefined = the configured one. */
  sampleFor(systemId: string, nodeId: string): number | 'all' | undefined {
    const level = this.#books.get(keyOf(systemId, nodeId))?.level ?? 0;
    const configured = this.#configuredSample(systemId);
    if (level === 0 || configured === 'all' || configured <= 0) return undefined;
    return level > this.#steps ? 'all' : configured * this.#factor ** level;
  }

  /** The node's evidence over the window as of the last cycle recorded; null when it has none. */
  evidenceOf(systemId: string, nodeId: string): DataEvidence | null {
    const book = this.#books.get(keyOf(systemId, nodeId));
    return book && book.entries.length > 0 ? this.#summarise(book, this.#thresholds(systemId)) : null;
  }

  #record(systemId: string, node: NodeMeasurement, from: string, now: number): DataEvidence | null {
    const key = keyOf(systemId, node.id);
    let book = this.#books.get(key);
    const checked = node.dataChecked > 0 ? node.dataChecked : 0;
    if (!book && checked === 0) return null;
    if (!book) { book = { entries: [], level: 0, lastSeen: now, verdicts: [] }; this.#books.set(key, book); }
    book.lastSeen = now;
    if (checked > 0) {
      const errors = Math.min(checked, Math.max(0, node.dataErrors));
      book.entries.push({ at: now, from, checked, errors, census: node.dataCensus === true });
    }
    // Keep what is inside the window (at > now − window), at most maxCycles of it.
    const start = book.entries.findIndex((e) => e.at > now - this.windowMs);
    book.entries.splice(0, start === -1 ? book.entries.length : start);
    if (book.entries.length > this.#maxCycles) book.entries.splice(0, book.entries.length - this.#maxCycles);
    if (book.entries.length === 0) { book.level = 0; book.verdicts = []; return null; }
    const evidence = this.#summarise(book, this.#thresholds(systemId));
    // Widen only when this cycle checked something: a silent node is not helped by a larger sample.
    if (checked > 0) {
      const latest = readEvidence(book.entries[book.entries.length - 1], this.confidence);
      const open = evidence.decisions.some((d, i) => d.verdict === 'undetermined'
        || turned(book.verdicts[i], d.verdict)
        || contradicts(verdictOn(latest, d.threshold), d.verdict));
      book.level = open ? Math.min(book.level + 1, this.#steps + 1) : 0;
      book.verdicts = evidence.decisions.map((d) => d.verdict);
    } else {
      // A node that went silent goes back to the configured sample: widening it would only add
      // failed queries and give it more weight in the system's success rate.
      book.level = 0;
    }
    return evidence;
  }

  #summarise(book: NodeBook, thresholds: readonly number[]): DataEvidence {
    const last = book.entries[book.entries.length - 1];
    const used = last.census ? [last] : book.entries;
    let checked = 0;
    let errors = 0;
    for (const e of used) { checked += e.checked; errors += e.errors; }
    const reading = readEvidence({ checked, errors, census: last.census }, this.confidence);
    return {
      checked, errors, census: reading.census, cycles: used.length, from: used[0].from,
      lower: reading.lower, upper: reading.upper,
      decisions: thresholds.map((threshold) => ({ threshold, verdict: verdictOn(reading, threshold) })),
    };
  }

  #forget(now: number): void {
    for (const [key, book] of this.#books) if (book.lastSeen <= now - this.windowMs) this.#books.delete(key);
  }
}
