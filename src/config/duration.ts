// Durations as written in the configuration: a number and a unit, e.g. "500ms", "10s", "1.5m", "4h", "1d".

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$/;
/** The same form as a JSON-schema pattern, for the configuration schemas. */
export const DURATION_PATTERN = '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$';

/** Milliseconds for a duration string; throws on anything else. Fractions are rounded to whole milliseconds. */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new Error(`invalid duration '${text}': expected a number and a unit (ms, s, m, h, d), e.g. 10s`);
  }
  return ms;
}

/** Like parseDuration, but undefined instead of an exception. */
export function tryParseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The shortest exact way to write a number of milliseconds: 10000 → "10s", 90000 → "90s", 1500 → "1500ms". */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
