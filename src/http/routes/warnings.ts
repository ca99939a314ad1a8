// Warnings (预警): GET /warnings (anyone signed in), POST /warnings (issue), POST /warnings/:id/adjust,
// POST /warnings/:id/lift. The emergency office issues anywhere; a provincial authority only for its
// own province. Each change is audited and published on the live feed as a `warning` event.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import type { Principal } from '../../core/access/access-types.ts';
import { decide } from '../../core/access/permissions.ts';
import { changeError, issueError, type WarningScope } from '../../core/warnings/warning-rules.ts';
import type { Warning, WarningPatch } from '../../store/store.ts';
import { authOf, actorId } from '../request-auth.ts';
import { HttpError, audit, clock, notFound } from '../route-helpers.ts';
import { COMMAND_ERRORS, IdParam, SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import { AdjustWarningBody, IssueWarningBody, LiftWarningBody, WarningList, WarningQuery, WarningView } from '../schemas/warning-schemas.ts';

const tags = ['warnings'];
const security = [{ bearer: [] }];

function normScope(s: WarningScope): WarningScope {
  return s.national ? { national: true } : { national: false, provinces: [...new Set(s.provinces ?? [])].sort() };
}

/** 403 with the rule's own reason when the caller may not issue (or change) a warning of this scope. */
function mayIssue(p: Principal, scope: WarningScope): void {
  if (decide(p, 'warning.issue', { kind: 'warning', scope }) === 'allow') return;
  const why = issueError({ org: p.org, role: p.orgRole, ...(p.province ? { province: p.province } : {}) }, scope);
  throw new HttpError(403, why && !p.roles.every((r) => r === 'viewer') ? why : `${p.username ?? p.org} (${p.org}) may not issue or change warnings`);
}

export async function warningsRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const now = clock(deps.now);
  const tell = (change: 'issued' | 'adjusted' | 'lifted', warning: Warning) => deps.publish?.({ kind: 'warning', data: { change, warning } });

  api.get<{ Querystring: typeof WarningQuery.static }>('/warnings', {
    schema: { summary: 'Warnings, newest first', tags, security, querystring: WarningQuery, response: { 200: WarningList, ...SCOPED_ERRORS } },
  }, async (request) => ({
    warnings: await deps.store.listWarnings({ ...(request.query.state ? { state: request.query.state } : {}), drill: request.query.drill === 'true', limit: 500 }),
  }));

  api.post<{ Body: typeof IssueWarningBody.static }>('/warnings', {
    schema: { summary: 'Issue a warning (emergency office; a provincial authority for its own province)', tags, security,
      body: IssueWarningBody, response: { 201: WarningView, ...COMMAND_ERRORS } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const scope = normScope(request.body.scope);
    if (!scope.national && (scope.provinces ?? []).length === 0) throw new HttpError(400, 'scope: a warning is national or names its provinces');
    mayIssue(auth.principal, scope);
    const at = now();
    const warning = await deps.store.createWarning({
      org: auth.principal.org, level: request.body.level, scope, issuedBy: actorId(auth), text: request.body.text.trim(),
      drill: request.body.drill ?? false, issuedAt: at,
    });
    await audit(deps.store, auth, at, 'warning.issue', warning.id, { level: warning.level, scope, drill: warning.drill });
    tell('issued', warning);
    return reply.code(201).send(warning);
  });

  async function change(request: { params: { id: string } }, auth: ReturnType<typeof authOf>, version: number | undefined,
    build: (w: Warning) => { patch: Omit<WarningPatch, 'by' | 'updatedAt'>; newScope?: WarningScope }, what: 'adjusted' | 'lifted'): Promise<Warning> {
    const current = await deps.store.getWarning(request.params.id);
    if (!current) throw notFound(`warning ${request.params.id}`);
    const p = auth.principal;
    mayIssue(p, current.scope);
    const who = { org: p.org, role: p.orgRole, ...(p.province ? { province: p.province } : {}) };
    const stateError = changeError(who, current.scope, current.state);
    if (current.state === 'lifted') throw new HttpError(409, stateError ?? 'the warning is already lifted');
    if (version !== undefined && version !== current.version) throw new HttpError(409, `the warning changed meanwhile (version ${current.version}); reload and try again`);
    const { patch, newScope } = build(current);
    if (newScope) mayIssue(p, newScope);
    const at = now();
    const updated = await deps.store.updateWarning(current.id, current.version, { ...patch, by: actorId(auth), updatedAt: at });
    await audit(deps.store, auth, at, what === 'lifted' ? 'warning.lift' : 'warning.adjust', current.id, { ...patch, from: { level: current.level, scope: current.scope } });
    tell(what, updated);
    return updated;
  }

  api.post<{ Params: { id: string }; Body: typeof AdjustWarningBody.static }>('/warnings/:id/adjust', {
    schema: { summary: 'Adjust a warning: level, scope or text (whoever could issue it)', tags, security, params: IdParam,
      body: AdjustWarningBody, response: { 200: WarningView, ...COMMAND_ERRORS } },
  }, async (request) => {
    const b = request.body;
    if (b.level === undefined && b.scope === undefined && b.text === undefined) throw new HttpError(400, 'nothing to adjust: give level, scope or text');
    const newScope = b.scope ? normScope(b.scope) : undefined;
    if (newScope && !newScope.national && (newScope.provinces ?? []).length === 0) throw new HttpError(400, 'scope: a warning is national or names its provinces');
    return change(request, authOf(request), b.version, () => ({
      patch: { ...(b.level ? { level: b.level } : {}), ...(newScope ? { scope: newScope } : {}), ...(b.text ? { text: b.text.trim() } : {}), note: b.reason },
      newScope,
    }), 'adjusted');
  });

  api.post<{ Params: { id: string }; Body: typeof LiftWarningBody.static }>('/warnings/:id/lift', {
    schema: { summary: 'Lift a warning', tags, security, params: IdParam, body: LiftWarningBody, response: { 200: WarningView, ...COMMAND_ERRORS } },
  }, async (request) => change(request, authOf(request), request.body.version, () => ({ patch: { state: 'lifted', note: request.body.reason } }), 'lifted'));
}
