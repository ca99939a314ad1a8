// Runs simulated probe cycles through the real grading path, as the daemon and the incident service
// use it: EvidenceBook (window, widening) → gradeSnapshot with the built-in rule set → trackerInput →
// IncidentTracker. Seeded and bounded; used by test/grading-evidence-simulation.test.ts and
// bench/evidence-figures.ts.
import { EvidenceBook } from '../src/core/evidence/evidence-book.ts';
import { simulatedCycle, type SimulatedNode } from '../src/core/evidence/node-simulation.ts';
import { seededRandom } from '../src/core/seeded-random.ts';
import { gradeSnapshot, type Incident } from '../src/core/rules/grade-snapshot.ts';
import { dataErrorThresholdsOf } from '../src/core/rules/latency-thresholds.ts';
import type { Ruleset } from '../src/core/rules/ruleset-schema.ts';
import { IncidentTracker, type TrackerEvent } from '../src/core/incidents/incident-tracker.ts';
import { trackerInput } from '../src/response/grading-intake.ts';
import type { Grade } from '../src/core/grades.ts';
import type { DataEvidence } from '../src/core/snapshot.ts';

export interface SimulationOptions {
  ruleset: Ruleset;
  seed: number;
  cycles: number;
  /** The faulty node's wrong records; the other nodes serve none. */
  wrongRecords: number;
  zoneRecords?: number;
  /** Configured sample in RRsets (default 2,000) or 'all'. */
  sample?: number | 'all';
  /** false: the configured sample every cycle (the figures "without widening"). */
  widen?: boolean;
  windowMs?: number;
  confidence?: number;
  nodes?: number;
  intervalMs?: number;
}

export interface SimulatedCycle {
  at: string;
  grade: Grade | null;
  undeterminedGrade: Grade | null;
  sample: number | 'all';
  evidence: DataEvidence | undefined;
  incident: Incident | undefined;
}

export interface SimulationResult { cycles: SimulatedCycle[]; events: TrackerEvent[] }

const SYSTEM = 'cn-tld';
const ORG = 'cn-registry';
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);

export function simulateGrading(o: SimulationOptions): SimulationResult {
  const rng = seededRandom(o.seed);
  const intervalMs = o.intervalMs ?? 10_000;
  const configured = o.sample ?? 2000;
  const zoneRecords = o.zoneRecords ?? 1_000_000;
  const nodes: SimulatedNode[] = Array.from({ length: o.nodes ?? 4 }, (_, i) =>
    ({ id: String.fromCharCode(97 + i), zoneRecords, wrongRecords: i === 0 ? o.wrongRecords : 0 }));
  const book = new EvidenceBook({
    windowMs: o.windowMs, confidence: o.confidence, thresholds: dataErrorThresholdsOf(o.ruleset, 'tld'), configuredSample: () => configured,
  });
  const tracker = new IncidentTracker({ openAfterCycles: 2, resolveAfterCycles: 3 });
  const ctx = { ruleset: o.ruleset, organizations: [{ id: ORG, role: 'registry' as const }], systems: [{ id: SYSTEM, org: ORG, kind: 'tld' as const }], evidenceConfidence: o.confidence };
  const out: SimulationResult = { cycles: [], events: [] };
  for (let i = 0; i < o.cycles; i += 1) {
    const sampleOf = (nodeId: string) => (o.widen === false ? undefined : book.sampleFor(SYSTEM, nodeId)) ?? configured;
    const sample = sampleOf('a');
    const raw = simulatedCycle(rng, { systemId: SYSTEM, org: ORG, at: new Date(T0 + (i + 1) * intervalMs), intervalMs, nodes, sampleOf });
    const snapshot = book.apply(raw);
    const graded = new Map(gradeSnapshot(snapshot, ctx).incidents.map((g) => [g.system, g]));
    const input = trackerInput(snapshot, graded, () => ORG);
    out.events.push(...tracker.step(snapshot.at, input));
    out.cycles.push({
      at: snapshot.at, grade: input[0].grade, undeterminedGrade: input[0].undeterminedGrade ?? null, sample,
      evidence: snapshot.systems[0].nodes[0].dataEvidence, incident: graded.get(SYSTEM),
    });
  }
  return out;
}

/** Opens, resolves and regrades of a run, and the grade the incident had at each cycle's end. */
export function summarise(r: SimulationResult) {
  const count = (k: TrackerEvent['kind']) => r.events.filter((e) => e.kind === k).length;
  const openGrades: Array<Grade | null> = [];
  for (const e of r.events) {
    if (e.kind === 'open') openGrades.push(e.grade);
    if (e.kind === 'regrade') openGrades.push(e.to);
  }
  return { opens: count('open'), resolves: count('resolve'), regrades: count('regrade'), incidentGrades: openGrades };
}
