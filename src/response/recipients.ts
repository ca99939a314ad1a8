// Who is addressed and who commands: the commander of an incident as organisation ids of the
// configuration, and the acting person's organisation. Pure.
import type { OrganizationConfig } from '../config/config-schema.ts';
import type { Commander } from '../core/incidents/incident-model.ts';
import { commanderFor, type Commander as RuleCommander } from '../core/rules/commander.ts';
import type { NotifyTarget } from './response-types.ts';

/** The rules core's commander (self may lack an org) as the incident model stores it. */
export function toModelCommander(c: RuleCommander & { provisional?: boolean }, fallbackOrg: string): Commander {
  const provisional = c.provisional ? { provisional: true } : {};
  if (c.role === 'emergency-office') return { role: 'emergency-office', ...provisional };
  if (c.role === 'provincial-authority') return { role: 'provincial-authority', province: c.province, ...provisional };
  return { role: 'self', org: c.org ?? fallbackOrg, ...provisional };
}

/** The organisations that act as this commander. */
export function commanderOrgs(c: Commander, orgs: readonly OrganizationConfig[]): string[] {
  if (c.role === 'self') return [c.org];
  if (c.role === 'emergency-office') return orgs.filter((o) => o.role === 'emergency-office').map((o) => o.id);
  return orgs.filter((o) => o.role === 'provincial-authority' && o.province === c.province).map((o) => o.id);
}

/** The affected organisation and the commander, each organisation once ('affected' wins). */
export function incidentTargets(affectedOrg: string, c: Commander, orgs: readonly OrganizationConfig[], who: 'both' | 'commander' | 'affected' = 'both'): NotifyTarget[] {
  const out: NotifyTarget[] = [];
  if (who !== 'commander') out.push({ org: affectedOrg, as: 'affected' });
  if (who !== 'affected') {
    for (const org of commanderOrgs(c, orgs)) if (!out.some((t) => t.org === org)) out.push({ org, as: 'commander' });
  }
  return out;
}

export function sameCommander(a: Commander, b: Commander): boolean {
  if (a.role !== b.role) return false;
  if (a.role === 'provincial-authority' && b.role === 'provincial-authority') return a.province === b.province;
  if (a.role === 'self' && b.role === 'self') return a.org === b.org;
  return true;
}

export interface ActorOrg { id: string; role: OrganizationConfig['role']; province?: string }

export function actorOrg(orgId: string, orgs: readonly OrganizationConfig[]): ActorOrg | null {
  const o = orgs.find((x) => x.id === orgId);
  return o ? { id: o.id, role: o.role, ...(o.province ? { province: o.province } : {}) } : null;
}

/** The commander for a grade (or a proposal, then provisional) of a configured system. */
export function routeCommander(
  config: { organizations: readonly OrganizationConfig[]; systems: ReadonlyArray<{ id: string; org: string; kind: string; scope?: 'multi-province' | 'province' | 'local-network'; provinces?: string[] }> },
  incident: { systemId: string; org: string; object: string },
  grade: Parameters<typeof commanderFor>[0]['grade'],
  provisional = false,
): Commander {
  const org = config.organizations.find((o) => o.id === incident.org);
  const sys = config.systems.find((s) => s.id === incident.systemId);
  const system = { id: incident.systemId, org: incident.org, scope: sys?.scope, provinces: sys?.provinces };
  const c = commanderFor({ grade, object: incident.object as Parameters<typeof commanderFor>[0]['object'], org, system });
  return toModelCommander(provisional ? { ...c, provisional: true } : c, incident.org);
}
