// The daemon's serial lag tracker kept across restarts: its JSON (SerialLagTracker.toJSON, open lags by
// "system/node" with `since` and `lastSeen`) in a small file under the data directory.
//
// Why a file and not the store: the lags are a few entries of derived state, written after each cycle
// and read once at start; losing them costs at most one tolerance (a lagging node is first seen as
// lagging anew), never a measurement. A file next to the database needs no migration and works the same
// with SQLite and PostgreSQL (`serve` always has a data directory).
//
// A restart is like a cycle without a serial from the node (serial-lag-tracker.ts): it neither ends nor
// extends a lag. The node's next lagging cycle after the restart continues the lag from its `since`, so
// a node that lagged 10 minutes before the restart has lagged 10 minutes or more after it; a node found
// current after the restart ends its lag as usual. A missing or unreadable file starts with no lags.
// `StateFile` is the same file for any such state (the DNSSEC algorithm history: algorithm-file.ts).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SerialLagTracker, type LagState } from '../probe/serial-lag-tracker.ts';

/** The file's name in the data directory. */
export const LAG_FILE_NAME = 'serial-lags.json';

/** How a state is named in the log, read from its JSON object and made empty. */
export interface StateKind<T> { what: string; afresh: string; fromJSON(json: Record<string, unknown>): T; empty(): T }

/** Derived state of the daemon in a small JSON file: read once at start, written when it changed. */
export class StateFile<T extends { toJSON(): unknown }> {
  readonly path: string;
  readonly #log: (line: string) => void;
  readonly #kind: StateKind<T>;
  /** What the file holds now (as written or read): an unchanged state is not written again. */
  #written: string | null = null;

  constructor(path: string, log: (line: string) => void, kind: StateKind<T>) {
    this.path = path;
    this.#log = log;
    this.#kind = kind;
  }

  /** The state as last saved; an empty one when there is no file or it cannot be read. */
  async load(): Promise<T> {
    const { what, afresh } = this.#kind;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#log(`${what}: cannot read ${this.path}, ${afresh}: ${(err as Error).message}`);
      return this.#kind.empty();
    }
    try {
      const json = JSON.parse(text) as unknown;
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('not an object');
      this.#written = text;
      return this.#kind.fromJSON(json as Record<string, unknown>);
    } catch (err) {
      this.#log(`${what}: ${this.path} is not valid, ${afresh}: ${(err as Error).message}`);
      return this.#kind.empty();
    }
  }

  /** Writes the state when it changed (a temporary file renamed over the old one); failures are logged. */
  async save(state: T): Promise<void> {
    const text = JSON.stringify(state.toJSON());
    if (text === this.#written) return;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, this.path);
      this.#written = text;
    } catch (err) {
      this.#log(`${this.#kind.what}: cannot write ${this.path} (a restart would see it afresh): ${(err as Error).message}`);
    }
  }
}

export class LagFile extends StateFile<SerialLagTracker> {
  constructor(path: string, log: (line: string) => void) {
    super(path, log, { what: 'serial lags', afresh: 'lags start afresh',
      fromJSON: (json) => SerialLagTracker.fromJSON(json as Record<string, LagState>), empty: () => new SerialLagTracker() });
  }
}
