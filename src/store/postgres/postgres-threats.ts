// The threat-report methods of the PostgreSQL store (migration 008). Same order as sqlite/sqlite-threats.ts;
// PostgresStore forwards to this class. intakeThreatReport takes a transaction-scoped advisory lock,
// so concurrent intakes (several daemons too) cannot both open a case for the same name.
import {
  rowToThreatCase, rowToThreatReport, rowToThreatTimeline, threatPatchColumns, type ThreatCase, type ThreatCaseFilter, type ThreatCaseInput,
  type ThreatCasePatch, type ThreatIntakeResult, type ThreatReportInput, type ThreatTimelineEntry, type ThreatTimelineInput, type StoredThreatReport,
} from '../threat-types.ts';
import { clampLimit, iso, jsonText } from '../row-mapping.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { PostgresExec } from './postgres-exec.ts';

/** The advisory lock key of threat intake ('dwthreat' as a number). */
const INTAKE_LOCK = 0x6477_7468;

export class PostgresThreats {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  async intakeThreatReport(report: ThreatReportInput, newCase: ThreatCaseInput): Promise<ThreatIntakeResult> {
    const at = iso(report.receivedAt);
    return this.#x.tx(async (q) => {
      await q('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK]);
      const open = (await q(`SELECT c.* FROM threat_cases c JOIN threat_case_names n ON n.case_id = c.id
        WHERE n.name = ANY($1::text[]) AND c.state <> 'closed' ORDER BY c.received_at, c.id LIMIT 1`, [report.names]))[0];
      let caseId: string;
      let created = false;
      if (open) {
        caseId = String(open.id);
        const names = [...new Set([...(JSON.parse(String(open.names)) as string[]), ...report.names])];
        await q('UPDATE threat_cases SET names = $1::jsonb, reports = reports + 1, version = version + 1 WHERE id = $2', [jsonText(names), caseId]);
      } else {
        caseId = newCase.id;
        created = true;
        await q(`INSERT INTO threat_cases (id, org, primary_name, names, threat_type, state, priority, credibility_score, source_class,
          received_at, acknowledged_at, assessment_due_at, detail) VALUES ($1, $2, $3, $4::jsonb, $5, 'acknowledged', $6, $7, $8, $9, $10, $11, $12::jsonb)`,
        [caseId, newCase.org, report.names[0], jsonText(report.names), newCase.threatType, newCase.priority, newCase.credibilityScore,
          report.sourceClass, at, iso(newCase.acknowledgedAt), iso(newCase.assessmentDueAt), jsonText(newCase.detail)]);
      }
      await q(`INSERT INTO threat_case_names (case_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [caseId, report.names]);
      const stored = (await q(`INSERT INTO threat_reports (tracking_id, case_id, status_token_hash, received_at, source_class, reporter_org,
        lang, format, threat_type, names, description, evidence, reporter) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, $13::jsonb)
        RETURNING *`, [report.trackingId, caseId, report.statusTokenHash, at, report.sourceClass, report.reporterOrg, report.lang, report.format,
        report.threatType, jsonText(report.names), report.description, jsonText(report.evidence), report.reporter === null ? null : jsonText(report.reporter)]))[0];
      const entries: Array<[string, Record<string, unknown>]> = created
        ? [['received', { trackingId: report.trackingId, sourceClass: report.sourceClass, format: report.format }],
          ['acknowledged', { trackingId: report.trackingId, assessmentDueAt: newCase.assessmentDueAt }]]
        : [['report-linked', { trackingId: report.trackingId, sourceClass: report.sourceClass, names: report.names }]];
      for (const [kind, detail] of entries) {
        await q('INSERT INTO threat_timeline (case_id, at, kind, actor, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [caseId, at, kind, 'system', jsonText(detail)]);
      }
      const c = (await q('SELECT * FROM threat_cases WHERE id = $1', [caseId]))[0];
      return { report: rowToThreatReport(stored), threatCase: rowToThreatCase(c), created };
    }, `threat report ${report.trackingId}`);
  }

  async getThreatReport(trackingId: string): Promise<StoredThreatReport | null> {
    const rows = await this.#x.q('SELECT * FROM threat_reports WHERE tracking_id = $1', [trackingId], 'dw_get_threat_report');
    return rows[0] ? rowToThreatReport(rows[0]) : null;
  }

  async threatReports(caseId: string): Promise<StoredThreatReport[]> {
    return (await this.#x.q('SELECT * FROM threat_reports WHERE case_id = $1 ORDER BY received_at, tracking_id', [caseId], 'dw_threat_reports')).map(rowToThreatReport);
  }

  async getThreatCase(id: string): Promise<ThreatCase | null> {
    const rows = await this.#x.q('SELECT * FROM threat_cases WHERE id = $1', [id], 'dw_get_threat_case');
    return rows[0] ? rowToThreatCase(rows[0]) : null;
  }

  async listThreatCases(filter: ThreatCaseFilter = {}): Promise<ThreatCase[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: number) => string, v: unknown) => { values.push(v); where.push(sql(values.length)); };
    if (filter.state === 'open') where.push(`state <> 'closed'`);
    else if (filter.state) add((n) => `state = $${n}`, filter.state);
    if (filter.org !== undefined) {
      const orgs = Array.isArray(filter.org) ? filter.org : [filter.org];
      if (orgs.length === 0) return [];
      add((n) => `org = ANY($${n}::text[])`, orgs);
    }
    if (filter.referredTo) add((n) => `referred_to = $${n}`, filter.referredTo);
    if (filter.priority) add((n) => `priority = $${n}`, filter.priority);
    if (filter.sourceClass) add((n) => `source_class = $${n}`, filter.sourceClass);
    if (filter.name) add((n) => `id IN (SELECT case_id FROM threat_case_names WHERE name = $${n})`, filter.name);
    values.push(clampLimit(filter.limit, 100, 5000));
    const text = `SELECT * FROM threat_cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, id DESC LIMIT $${values.length}`;
    return (await this.#x.q(text, values)).map(rowToThreatCase);
  }

  async updateThreatCase(id: string, expectedVersion: number, patch: ThreatCasePatch): Promise<ThreatCase> {
    const sets = threatPatchColumns(patch);
    const cast = (c: string) => (c === 'detail' || c === 'personal' ? '::jsonb' : '');
    const assigns = sets.map(([c], i) => `${c} = $${i + 1}${cast(c)}`);
    const rows = await this.#x.q(`UPDATE threat_cases SET ${[...assigns, 'version = version + 1'].join(', ')}
      WHERE id = $${sets.length + 1} AND version = $${sets.length + 2} RETURNING *`, [...sets.map(([, v]) => v), id, expectedVersion]);
    if (rows[0]) return rowToThreatCase(rows[0]);
    const current = (await this.#x.q('SELECT version FROM threat_cases WHERE id = $1', [id]))[0];
    if (!current) throw new NotFoundError(`threat case ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current.version), 'threat case');
  }

  async appendThreatTimeline(caseId: string, entry: ThreatTimelineInput): Promise<ThreatTimelineEntry> {
    const rows = await this.#x.q(`INSERT INTO threat_timeline (case_id, at, kind, actor, detail)
      SELECT id, $2, $3, $4, $5::jsonb FROM threat_cases WHERE id = $1 RETURNING *`,
    [caseId, iso(entry.at), entry.kind, entry.actor, jsonText(entry.detail ?? {})], 'dw_append_threat_timeline');
    if (!rows[0]) throw new NotFoundError(`threat case ${caseId}`);
    return rowToThreatTimeline(rows[0]);
  }

  async threatTimeline(caseId: string): Promise<ThreatTimelineEntry[]> {
    return (await this.#x.q('SELECT * FROM threat_timeline WHERE case_id = $1 ORDER BY at, id', [caseId], 'dw_threat_timeline')).map(rowToThreatTimeline);
  }

  async countThreatReports(): Promise<number> {
    return Number((await this.#x.q('SELECT count(*)::int AS n FROM threat_reports', [], 'dw_count_threat_reports'))[0].n);
  }

  async pruneThreatPersonalData(before: string): Promise<{ reports: number; cases: number }> {
    const cut = iso(before);
    return this.#x.tx(async (q) => {
      const reports = await q(`UPDATE threat_reports SET reporter = NULL WHERE reporter IS NOT NULL AND case_id IN
        (SELECT id FROM threat_cases WHERE state = 'closed' AND closed_at < $1) RETURNING tracking_id`, [cut]);
      const cases = await q(`UPDATE threat_cases SET personal = NULL WHERE personal IS NOT NULL AND state = 'closed' AND closed_at < $1 RETURNING id`, [cut]);
      return { reports: reports.length, cases: cases.length };
    });
  }
}
