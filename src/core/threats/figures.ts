// Figures of threat response: time to acknowledge, to assess (the reporter told) and to mitigate,
// per source class and per registrar a case was referred to. Pure: counts and medians over cases.
import type { SourceClass } from './threat-types.ts';

export interface CaseTimes {
  sourceClass: SourceClass;
  registrar: string | null;
  receivedAt: string;
  acknowledgedAt: string;
  assessedAt: string | null;
  mitigatedAt: string | null;
  assessmentDueAt: string;
}

export interface TimeFigures {
  cases: number;
  /** Medians in minutes (null when none). */
  acknowledgeMin: number | null;
  assessMin: number | null;
  mitigateMin: number | null;
  assessed: number;
  /** Assessed after the due time, or not assessed and past it at `now`. */
  assessedLate: number;
  mitigated: number;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mins = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

export function timeFigures(cases: readonly CaseTimes[], now: string): TimeFigures {
  const ack = cases.map((c) => mins(c.receivedAt, c.acknowledgedAt));
  const assessed = cases.filter((c) => c.assessedAt !== null);
  const mitigated = cases.filter((c) => c.mitigatedAt !== null);
  const late = cases.filter((c) => (c.assessedAt ?? now) > c.assessmentDueAt).length;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    cases: cases.length,
    acknowledgeMin: round(median(ack)),
    assessMin: round(median(assessed.map((c) => mins(c.acknowledgedAt, c.assessedAt!)))),
    mitigateMin: round(median(mitigated.map((c) => mins(c.receivedAt, c.mitigatedAt!)))),
    assessed: assessed.length, assessedLate: late, mitigated: mitigated.length,
  };
}

export function figuresBy(cases: readonly CaseTimes[], now: string): { all: TimeFigures; bySource: Record<string, TimeFigures>; byRegistrar: Record<string, TimeFigures> } {
  const group = (key: (c: CaseTimes) => string | null) => {
    const m = new Map<string, CaseTimes[]>();
    for (const c of cases) { const k = key(c); if (k !== null) m.set(k, [...(m.get(k) ?? []), c]); }
    return Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, timeFigures(v, now)]));
  };
  return { all: timeFigures(cases, now), bySource: group((c) => c.sourceClass), byRegistrar: group((c) => c.registrar) };
}
