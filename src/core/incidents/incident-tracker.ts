// Turns the grading of successive probe cycles into incident lifecycle events (pure, no I/O).
// An incident opens when a grade (or a proposed grade awaiting confirmation) holds for
// `openAfterCycles` consecutive cycles, moves up or down with the grade (history kept by the
// caller from the events), and resolves after `resolveAfterCycles` clean cycles. One open
// incident per system and cause. The caller persists `state()` and feeds it back with `restore`.
//
// Undetermined evidence holds (docs/evidence.md): when a grade above the cycle's measured one is
// undetermined (too little evidence either way), the cycle neither resolves nor regrades down an open
// incident (its clean-cycle count is left as it is), and it does not count toward opening a closed one
// (the pending count is left as it is). A measured grade above the open one still escalates. An
// opening waits up to openAfterCycles more cycles while a higher grade is undetermined.
import { gradeRank, type Grade } from '../grades.ts';

export interface GradedSystem {
  system: string;
  org: string;
  object: string;
  grade: Grade | null;
  proposedGrade: Grade | null;
  needsConfirmation: boolean;
  /** The highest grade among rules whose evidence is undetermined (grade-snapshot.ts undeterminedGradeOf). */
  undeterminedGrade?: Grade | null;
}

export type TrackerEvent =
  | { kind: 'open'; system: string; cause: string; grade: Grade | null; proposedGrade: Grade | null; at: string; graded: GradedSystem }
  | { kind: 'regrade'; system: string; cause: string; from: Grade | null; to: Grade | null; proposedGrade: Grade | null; at: string; graded: GradedSystem }
  | { kind: 'resolve'; system: string; cause: string; at: string; cleanCycles: number };

interface SystemTrack {
  /** Severity seen in the current run of consecutive graded cycles (before opening). */
  pendingCycles: number;
  open: { grade: Grade | null; proposedGrade: Grade | null } | null;
  cleanCycles: number;
}

export interface TrackerOptions { openAfterCycles: number; resolveAfterCycles: number; cause?: string }
export type TrackerState = Record<string, SystemTrack>;

/** What counts for opening: the measured grade, or failing that the proposed one. */
const severity = (g: GradedSystem): number => Math.max(gradeRank(g.grade), gradeRank(g.proposedGrade));

export class IncidentTracker {
  readonly #opts: Required<TrackerOptions>;
  #tracks = new Map<string, SystemTrack>();

  constructor(opts: TrackerOptions) {
    if (opts.openAfterCycles < 1 || opts.resolveAfterCycles < 1) throw new RangeError('cycle counts must be at least 1');
    this.#opts = { cause: 'grading', ...opts };
  }

  /**
   * Feed one cycle: every system that was probed in it, graded (systems with nothing to report
   * carry grade null and proposedGrade null). Systems not listed were not probed: no change.
   */
  step(at: string, graded: GradedSystem[]): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    const cause = this.#opts.cause;
    for (const g of graded) {
      const t = this.#tracks.get(g.system) ?? { pendingCycles: 0, open: null, cleanCycles: 0 };
      this.#tracks.set(g.system, t);
      const bad = severity(g) > 0;
      // A higher grade is undetermined: this cycle cannot say the system is better than that.
      const holding = gradeRank(g.undeterminedGrade) > severity(g);
      if (!t.open) {
        if (holding && !bad) continue;
        t.pendingCycles = bad ? t.pendingCycles + 1 : 0;
        // While a higher grade is undetermined the opening waits (at most openAfterCycles more cycles)
        // for the widened sample to settle it, so that it opens at the settled grade.
        const settling = holding && t.pendingCycles < 2 * this.#opts.openAfterCycles;
        if (bad && t.pendingCycles >= this.#opts.openAfterCycles && !settling) {
          t.open = { grade: g.grade, proposedGrade: g.proposedGrade };
          t.cleanCycles = 0;
          events.push({ kind: 'open', system: g.system, cause, grade: g.grade, proposedGrade: g.proposedGrade, at, graded: g });
        }
        continue;
      }
      const openSeverity = Math.max(gradeRank(t.open.grade), gradeRank(t.open.proposedGrade));
      if (holding && severity(g) < openSeverity) {
        if (bad) t.cleanCycles = 0;
        continue;
      }
      if (!bad) {
        t.cleanCycles += 1;
        if (t.cleanCycles >= this.#opts.resolveAfterCycles) {
          events.push({ kind: 'resolve', system: g.system, cause, at, cleanCycles: t.cleanCycles });
          t.open = null; t.pendingCycles = 0; t.cleanCycles = 0;
        }
        continue;
      }
      t.cleanCycles = 0;
      if (g.grade !== t.open.grade || g.proposedGrade !== t.open.proposedGrade) {
        events.push({ kind: 'regrade', system: g.system, cause, from: t.open.grade, to: g.grade, proposedGrade: g.proposedGrade, at, graded: g });
        t.open = { grade: g.grade, proposedGrade: g.proposedGrade };
      }
    }
    return events;
  }

  isOpen(system: string): boolean { return Boolean(this.#tracks.get(system)?.open); }

  state(): TrackerState { return structuredClone(Object.fromEntries(this.#tracks)); }

  restore(state: TrackerState): void { this.#tracks = new Map(Object.entries(structuredClone(state))); }
}
