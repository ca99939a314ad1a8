// The configuration of the data-error evidence rule (docs/evidence.md): `rules.evidenceWindow` and
// `rules.evidenceConfidence` (the schema checks the confidence's range; the window is checked here).
import { tryParseDuration } from './duration.ts';

/** Default window: 90 cycles of 10 s ≈ 225,000 checks at the default sample (docs/evidence.md). */
export const DEFAULT_EVIDENCE_WINDOW = '15m';
const MIN_MS = 60_000;
const MAX_MS = 24 * 3_600_000;

/** What is wrong with an evidence window, or null when it is usable. */
export function evidenceWindowProblem(text: string): string | null {
  const ms = tryParseDuration(text);
  if (ms === undefined) return `'${text}' is not a duration such as 15m`;
  if (ms < MIN_MS || ms > MAX_MS) return `must be between 1m and 24h (got ${text}): shorter cannot gather the checks a threshold needs, longer keeps repaired errors too long`;
  return null;
}
