// The threat-report methods of the SQLite store (migration 008). Same order as postgres/postgres-threats.ts;
// SqliteStore forwards to this class. intakeThreatReport runs in one BEGIN IMMEDIATE transaction, so the
// duplicate check and the insert cannot interleave with another intake.
import {
  rowToThreatCase, rowToThreatReport, rowToThreatTimeline, threatPatchColumns, type ThreatCase, type ThreatCaseFilter, type ThreatCaseInput,
  type ThreatCasePatch, type ThreatIntakeResult, type ThreatReportInput, type ThreatTimelineEntry, type ThreatTimelineInput, type StoredThreatReport,
} from '../threat-types.ts';
import { clampLimit, iso, jsonText, type Row } from '../row-mapping.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { SqliteExec } from './sqlite-exec.ts';

type Value = string | number | null;

export class SqliteThreats {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  intakeThreatReport(report: ThreatReportInput, newCase: ThreatCaseInput): ThreatIntakeResult {
    const at = iso(report.receivedAt);
    try {
      return this.#x.tx(() => {
        const marks = report.names.map(() => '?').join(', ');
        const open = this.#x.sql(`SELECT c.* FROM threat_cases c JOIN threat_case_names n ON n.case_id = c.id
          WHERE n.name IN (${marks}) AND c.state <> 'closed' ORDER BY c.received_at, c.id LIMIT 1`).get(...report.names) as Row | undefined;
        let caseId: string;
        let created = false;
        if (open) {
          caseId = String(open.id);
          const names = [...new Set([...(JSON.parse(String(open.names)) as string[]), ...report.names])];
          this.#x.sql('UPDATE threat_cases SET names = ?, reports = reports + 1, version = version + 1 WHERE id = ?').run(jsonText(names), caseId);
        } else {
          caseId = newCase.id;
          created = true;
          this.#x.sql(`INSERT INTO threat_cases (id, org, primary_name, names, threat_type, state, priority, credibility_score, source_class,
            received_at, acknowledged_at, assessment_due_at, detail) VALUES (?, ?, ?, ?, ?, 'acknowledged', ?, ?, ?, ?, ?, ?, ?)`)
            .run(caseId, newCase.org, report.names[0], jsonText(report.names), newCase.threatType, newCase.priority, newCase.credibilityScore,
              report.sourceClass, at, iso(newCase.acknowledgedAt), iso(newCase.assessmentDueAt), jsonText(newCase.detail));
        }
        for (const name of report.names) this.#x.sql('INSERT OR IGNORE INTO threat_case_names (case_id, name) VALUES (?, ?)').run(caseId, name);
        const stored = this.#x.sql(`INSERT INTO threat_reports (tracking_id, case_id, status_token_hash, received_at, source_class, reporter_org,
          lang, format, threat_type, names, description, evidence, reporter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
          .get(report.trackingId, caseId, report.statusTokenHash, at, report.sourceClass, report.reporterOrg, report.lang, report.format,
            report.threatType, jsonText(report.names), report.description, jsonText(report.evidence),
            report.reporter === null ? null : jsonText(report.reporter)) as Row;
        const entries: Array<[string, Record<string, unknown>]> = created
          ? [['received', { trackingId: report.trackingId, sourceClass: report.sourceClass, format: report.format }],
            ['acknowledged', { trackingId: report.trackingId, assessmentDueAt: newCase.assessmentDueAt }]]
          : [['report-linked', { trackingId: report.trackingId, sourceClass: report.sourceClass, names: report.names }]];
        for (const [kind, detail] of entries) {
          this.#x.sql('INSERT INTO threat_timeline (case_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)').run(caseId, at, kind, 'system', jsonText(detail));
        }
        const c = this.#x.sql('SELECT * FROM threat_cases WHERE id = ?').get(caseId) as Row;
        return { report: rowToThreatReport(stored), threatCase: rowToThreatCase(c), created };
      });
    } catch (err) {
      throw this.#x.mapError(err, `threat report ${report.trackingId}`);
    }
  }

  getThreatReport(trackingId: string): StoredThreatReport | null {
    const row = this.#x.sql('SELECT * FROM threat_reports WHERE tracking_id = ?').get(trackingId) as Row | undefined;
    return row ? rowToThreatReport(row) : null;
  }

  threatReports(caseId: string): StoredThreatReport[] {
    return (this.#x.sql('SELECT * FROM threat_reports WHERE case_id = ? ORDER BY received_at, tracking_id').all(caseId) as Row[]).map(rowToThreatReport);
  }

  getThreatCase(id: string): ThreatCase | null {
    const row = this.#x.sql('SELECT * FROM threat_cases WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToThreatCase(row) : null;
  }

  listThreatCases(filter: ThreatCaseFilter = {}): ThreatCase[] {
    const where: string[] = [];
    const values: Value[] = [];
    if (filter.state === 'open') where.push(`state <> 'closed'`);
    else if (filter.state) { where.push('state = ?'); values.push(filter.state); }
    if (filter.org !== undefined) {
      const orgs = Array.isArray(filter.org) ? filter.org : [filter.org];
      if (orgs.length === 0) return [];
      where.push(`org IN (${orgs.map(() => '?').join(', ')})`);
      values.push(...orgs);
    }
    if (filter.referredTo) { where.push('referred_to = ?'); values.push(filter.referredTo); }
    if (filter.priority) { where.push('priority = ?'); values.push(filter.priority); }
    if (filter.sourceClass) { where.push('source_class = ?'); values.push(filter.sourceClass); }
    if (filter.name) { where.push('id IN (SELECT case_id FROM threat_case_names WHERE name = ?)'); values.push(filter.name); }
    const text = `SELECT * FROM threat_cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, id DESC LIMIT ?`;
    return (this.#x.sql(text).all(...values, clampLimit(filter.limit, 100, 5000)) as Row[]).map(rowToThreatCase);
  }

  updateThreatCase(id: string, expectedVersion: number, patch: ThreatCasePatch): ThreatCase {
    const sets = threatPatchColumns(patch);
    const row = this.#x.sql(`UPDATE threat_cases SET ${[...sets.map(([c]) => `${c} = ?`), 'version = version + 1'].join(', ')}
      WHERE id = ? AND version = ? RETURNING *`).get(...sets.map(([, v]) => v), id, expectedVersion) as Row | undefined;
    if (row) return rowToThreatCase(row);
    const current = this.#x.sql('SELECT version FROM threat_cases WHERE id = ?').get(id) as Row | undefined;
    if (!current) throw new NotFoundError(`threat case ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current.version), 'threat case');
  }

  appendThreatTimeline(caseId: string, entry: ThreatTimelineInput): ThreatTimelineEntry {
    if (!this.#x.sql('SELECT 1 FROM threat_cases WHERE id = ?').get(caseId)) throw new NotFoundError(`threat case ${caseId}`);
    const row = this.#x.sql('INSERT INTO threat_timeline (case_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?) RETURNING *')
      .get(caseId, iso(entry.at), entry.kind, entry.actor, jsonText(entry.detail ?? {})) as Row;
    return rowToThreatTimeline(row);
  }

  threatTimeline(caseId: string): ThreatTimelineEntry[] {
    return (this.#x.sql('SELECT * FROM threat_timeline WHERE case_id = ? ORDER BY at, id').all(caseId) as Row[]).map(rowToThreatTimeline);
  }

  countThreatReports(): number {
    return Number((this.#x.sql('SELECT count(*) AS n FROM threat_reports').get() as Row).n);
  }

  pruneThreatPersonalData(before: string): { reports: number; cases: number } {
    const cut = iso(before);
    return this.#x.tx(() => {
      const reports = this.#x.sql(`UPDATE threat_reports SET reporter = NULL WHERE reporter IS NOT NULL AND case_id IN
        (SELECT id FROM threat_cases WHERE state = 'closed' AND closed_at < ?)`).run(cut).changes;
      const cases = this.#x.sql(`UPDATE threat_cases SET personal = NULL WHERE personal IS NOT NULL AND state = 'closed' AND closed_at < ?`).run(cut).changes;
      return { reports: Number(reports), cases: Number(cases) };
    });
  }
}
