// The audit log: GET /audit?fromSeq&limit pages through the hash-chained entries — the office and the
// CERT (actors) read all of it, other organisations' admins and duty officers the entries of the
// organisations they see; GET /audit/verify checks the whole chain (office and CERT).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { decide } from '../../core/access/permissions.ts';
import { isVisible } from '../../core/access/visibility.ts';
import { verifyAuditLog } from '../../store/audit-verify.ts';
import type { AuditEntry } from '../../store/store.ts';
import { authOf } from '../request-auth.ts';
import { userNames } from '../user-names.ts';
import { check } from '../route-helpers.ts';
import { SCOPED_ERRORS, strict } from '../schemas/common-schemas.ts';
import { AuditPage, AuditQuery, AuditVerdict } from '../schemas/warning-schemas.ts';
import { Type } from '@sinclair/typebox';
import { readAuditKey } from '../../store/audit-key.ts';

const tags = ['audit'];
const security = [{ bearer: [] }];
const BATCH = 1000;
/** A filtered page reads at most this many batches before answering (the caller continues from nextSeq). */
const MAX_BATCHES = 20;

export async function auditRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  api.get<{ Querystring: typeof AuditQuery.static }>('/audit', {
    schema: { summary: 'Audit entries, oldest first from fromSeq', tags, security, querystring: AuditQuery, response: { 200: AuditPage, ...SCOPED_ERRORS } },
  }, async (request) => {
    const p = authOf(request).principal;
    const whole = decide(p, 'audit.read', { kind: 'platform' }) === 'allow';
    if (!whole) check(p, 'audit.read', { kind: 'org', org: p.org }, 'audit log');
    const limit = Math.min(1000, Math.max(1, Number(request.query.limit ?? 200)));
    let next = Math.max(1, Number(request.query.fromSeq ?? 1));
    const entries: AuditEntry[] = [];
    let exhausted = false;
    for (let batch = 0; batch < MAX_BATCHES && entries.length < limit && !exhausted; batch++) {
      const page = await deps.store.auditEntries(next, BATCH);
      let consumed = 0;
      for (const e of page) {
        if (entries.length >= limit) break;
        next = e.seq + 1;
        consumed++;
        if (whole || (e.org !== null && isVisible(p.visible, e.org))) entries.push(e);
      }
      exhausted = page.length < BATCH && consumed === page.length;
    }
    const hasMore = !exhausted && (await deps.store.auditEntries(next, 1)).length > 0;
    const names = await userNames(deps.store, entries.map((e) => e.actor));
    return { entries: entries.map((e) => ({ ...e, actorName: names.get(e.actor) ?? null })), nextSeq: next, hasMore };
  });

  const auditKey = readAuditKey(deps.config.audit);
  api.get('/audit/verify', {
    schema: { summary: 'Verify the hash chain of the whole audit log', tags, security, querystring: Type.Object({}, strict), response: { 200: AuditVerdict, ...SCOPED_ERRORS } },
  }, async (request) => {
    check(authOf(request).principal, 'audit.read', { kind: 'platform' }, 'audit log');
    // The keyed chain (format 2) is checked with the key from the configuration (never from the database).
    const v = await verifyAuditLog((from, limit) => deps.store.auditEntries(from, limit), { key: auditKey });
    return v.ok ? { ok: true, valid: true, checked: v.checked, head: v.head } : { ok: false, valid: false, checked: v.checked, seq: v.seq, problem: v.problem, message: v.message };
  });
}
