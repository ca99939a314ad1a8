// The emergency office turns a finding into an incident with one action: a manual incident through
// the incident service's own command (its rights check, timeline 'opened', audit, notifications),
// linked both ways — the finding's incidentId, and the incident's detail.finding plus a timeline
// entry 'finding-converted' — and audited as 'finding.convert'. Converting twice gives the first
// incident back (409 is not needed: the answer names it). One conversion at a time per process.
import type { Incident } from '../store/store.ts';
import { VersionConflictError } from '../store/store-errors.ts';
import type { FindingService } from './finding-service.ts';
import { kindLabel } from '../notify/finding-notifications.ts';
import type { ManualIncidentInput } from './office-commands.ts';
import { ResponseError, type Actor } from './response-types.ts';

export interface ConvertDeps {
  findings: FindingService;
  openManualIncident: (actor: Actor, input: ManualIncidentInput) => Promise<Incident>;
}

export interface ConvertResult { incidentId: string; created: boolean }

let chain: Promise<unknown> = Promise.resolve();

export function convertFinding(deps: ConvertDeps, id: string, actor: Actor, reason?: string): Promise<ConvertResult> {
  const run = chain.then(() => convert(deps, id, actor, reason));
  chain = run.catch(() => undefined);
  return run;
}

async function convert(deps: ConvertDeps, id: string, actor: Actor, reason?: string): Promise<ConvertResult> {
  const { store, config, now } = deps.findings.deps;
  const f = await store.getFinding(id);
  if (!f) throw new ResponseError('NOT_FOUND', `finding ${id} not found`);
  const role = config.organizations.find((o) => o.id === actor.org)?.role;
  if (role !== 'emergency-office') throw new ResponseError('FORBIDDEN', 'only the emergency office turns a finding into an incident');
  if (f.incidentId) return { incidentId: f.incidentId, created: false };
  const kind = kindLabel(f.kind);
  const where = f.node ? `${f.system}/${f.node}` : f.system;
  const why = reason?.trim() ? reason.trim() : null;
  const inc = await deps.openManualIncident(actor, {
    systemId: f.system,
    title: { zh: `${where}：${kind.zh}${f.subject ? `（${f.subject}）` : ''}`, en: `${where}: ${kind.en}${f.subject ? ` (${f.subject})` : ''}` },
    description: [`Opened from finding ${f.id} (${f.kind}, ${f.severity}) / 由异常 ${f.id} 转为事件`, f.summary,
      `Evidence / 证据: ${JSON.stringify(f.evidence)}`, ...(why ? [`Reason / 理由: ${why}`] : [])].join('\n'),
  });
  const linked = await store.linkFindingIncident(f.id, inc.id);
  const at = now().toISOString();
  const link = { id: f.id, kind: f.kind, subject: f.subject, severity: f.severity, summary: f.summary, firstSeen: f.firstSeen };
  for (let attempt = 0; attempt < 5; attempt++) {
    const cur = await store.getIncident(inc.id);
    if (!cur) break;
    try {
      await store.updateIncident(cur.id, cur.version, { detail: { ...cur.detail, finding: link }, updatedAt: at });
      break;
    } catch (err) {
      if (!(err instanceof VersionConflictError) || attempt === 4) throw err;
    }
  }
  await store.appendTimeline(inc.id, { at, kind: 'finding-converted', actor: actor.id, payload: { finding: link, reason: why } });
  await store.appendAudit({ at, actor: actor.id, action: 'finding.convert', org: actor.org, target: f.id, detail: { incidentId: inc.id, reason: why } });
  deps.findings.told(linked, 'converted');
  return { incidentId: linked.incidentId ?? inc.id, created: linked.incidentId === inc.id };
}
