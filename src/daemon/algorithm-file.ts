// The DNSSEC algorithm history (src/probe/dnssec/dnssec-findings.ts AlgorithmHistory: each watched zone's
// strongest signing algorithms seen) kept across restarts in a small JSON file under the data directory,
// as the serial lags are (lag-file.ts): a zone re-signed with a weaker algorithm while the platform was
// down is still a dnssec-algorithm-downgrade at the first cycle after the start. A missing or unreadable
// file starts with no history (the next cycle's algorithms become the reference).
import { AlgorithmHistory } from '../probe/dnssec/dnssec-findings.ts';
import { StateFile } from './lag-file.ts';

/** The file's name in the data directory. */
export const ALGORITHM_FILE_NAME = 'dnssec-algorithms.json';

export class AlgorithmFile extends StateFile<AlgorithmHistory> {
  constructor(path: string, log: (line: string) => void) {
    super(path, log, { what: 'dnssec algorithms', afresh: 'the history starts afresh',
      fromJSON: (json) => AlgorithmHistory.fromJSON(json), empty: () => new AlgorithmHistory() });
  }
}
