// Who may do what: a table (data) and a small evaluator. Pure.
// Reading follows visibility (visibility.ts). Commanding follows the incident's commander
// (plan §5.1, core/rules/commander.ts): the office commands everything; a provincial authority
// what it commands; the affected organisation files reports and executes measures. The CERT
// reads everything and commands nothing.
import { issueError } from '../warnings/warning-rules.ts';
import { OPERATOR_ROLES, ORG_ROLES, type Action, type OrgRole, type Principal, type Resource, type UserRole } from './access-types.ts';
import { isVisible } from './visibility.ts';

/**
 * How the resource must relate to the caller for a rule to apply:
 * - any: always;
 * - visible: the resource's organisation is one the caller sees (warnings: always; the platform: only who sees all);
 * - own: the resource belongs to the caller's organisation;
 * - commander: the caller's organisation commands the incident;
 * - own-province: a warning wholly within the caller's province (provincial authorities).
 */
export type Relation = 'any' | 'visible' | 'own' | 'commander' | 'own-province';

export interface PermissionRule {
  orgRoles: readonly OrgRole[];
  userRoles: readonly UserRole[];
  when: Relation;
}

const OFFICE: readonly OrgRole[] = ['emergency-office'];
const PROVINCE: readonly OrgRole[] = ['provincial-authority'];
const ANYONE: readonly UserRole[] = ['admin', 'duty-officer', 'viewer'];
const ACTORS: readonly UserRole[] = ['admin', 'duty-officer'];
const ADMIN: readonly UserRole[] = ['admin'];

export const PERMISSIONS: Readonly<Record<Action, readonly PermissionRule[]>> = {
  'incident.read': [
    { orgRoles: ORG_ROLES, userRoles: ANYONE, when: 'visible' },
    { orgRoles: ORG_ROLES, userRoles: ANYONE, when: 'commander' },
  ],
  'incident.confirm-grade': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: [...PROVINCE, ...OPERATOR_ROLES], userRoles: ACTORS, when: 'commander' },
  ],
  // The national office may hand a specific incident to a provincial authority.
  'incident.reassign': [{ orgRoles: OFFICE, userRoles: ACTORS, when: 'any' }],
  // Directives come from authorities: the ministry's office, or the provincial authority commanding.
  'incident.directive': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: PROVINCE, userRoles: ACTORS, when: 'commander' },
  ],
  'incident.report': [{ orgRoles: OPERATOR_ROLES, userRoles: ACTORS, when: 'own' }],
  'measure.execute': [{ orgRoles: OPERATOR_ROLES, userRoles: ACTORS, when: 'own' }],
  'warning.read': [{ orgRoles: ORG_ROLES, userRoles: ANYONE, when: 'any' }],
  'warning.issue': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: PROVINCE, userRoles: ACTORS, when: 'own-province' },
  ],
  'contacts.read': [{ orgRoles: ORG_ROLES, userRoles: ANYONE, when: 'visible' }],
  'contacts.write': [{ orgRoles: ORG_ROLES, userRoles: ACTORS, when: 'own' }],
  'drill.run': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: PROVINCE, userRoles: ACTORS, when: 'visible' },
    { orgRoles: ORG_ROLES, userRoles: ACTORS, when: 'own' },
  ],
  'audit.read': [{ orgRoles: ORG_ROLES, userRoles: ACTORS, when: 'visible' }],
  'users.manage': [
    { orgRoles: OFFICE, userRoles: ADMIN, when: 'any' },
    { orgRoles: ORG_ROLES, userRoles: ADMIN, when: 'own' },
  ],
  // Findings (SPEC §3): read like the owning organisation's records; only the office turns one into an incident.
  'finding.read': [{ orgRoles: ORG_ROLES, userRoles: ANYONE, when: 'visible' }],
  'finding.convert': [{ orgRoles: OFFICE, userRoles: ACTORS, when: 'any' }],
  // Delegations at the parent: read like findings; an expected change is approved by the owning organisation or the office.
  'delegation.read': [{ orgRoles: ORG_ROLES, userRoles: ANYONE, when: 'visible' }],
  'delegation.approve': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: OPERATOR_ROLES, userRoles: ACTORS, when: 'own' },
  ],
  // Threat cases (SPEC §6): the office and the CERT read all; the handling registry its own; a registrar
  // the cases referred to it (the route passes the referred registrar as the resource). The registry and
  // the office handle them; only they see reporters' and registrants' details (least access).
  'threat.read': [
    { orgRoles: [...OFFICE, 'cert'], userRoles: ANYONE, when: 'any' },
    { orgRoles: ['registry', 'registrar'], userRoles: ANYONE, when: 'own' },
  ],
  'threat.handle': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: ['registry'], userRoles: ACTORS, when: 'own' },
  ],
  'threat.referral-answer': [{ orgRoles: ['registrar'], userRoles: ACTORS, when: 'own' }],
  'threat.personal-data': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: ['registry'], userRoles: ACTORS, when: 'own' },
  ],
  // Actions on names (SPEC §6): the registry's names are read by the office, the CERT and the registry;
  // changed (hold, lock, sinkhole, block) by the registry's actors and the office's.
  'names.read': [
    { orgRoles: [...OFFICE, 'cert'], userRoles: ANYONE, when: 'any' },
    { orgRoles: ['registry'], userRoles: ANYONE, when: 'own' },
  ],
  'names.act': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: ['registry'], userRoles: ACTORS, when: 'own' },
  ],
  // Least access (ICANN framework): the organisation handling the data, and the office.
  'personal-data.read': [
    { orgRoles: OFFICE, userRoles: ACTORS, when: 'any' },
    { orgRoles: OPERATOR_ROLES, userRoles: ACTORS, when: 'own' },
  ],
};

function resourceOrg(r: Resource): string | null {
  return r.kind === 'incident' || r.kind === 'org' ? r.org : null;
}

function commands(p: Principal, r: Resource): boolean {
  if (r.kind !== 'incident' || !r.commander) return false;
  const c = r.commander;
  if (c.role === 'emergency-office') return p.orgRole === 'emergency-office';
  if (c.role === 'provincial-authority') return p.orgRole === 'provincial-authority' && p.province === c.province;
  return c.org === p.org;
}

function holds(when: Relation, p: Principal, r: Resource): boolean {
  const org = resourceOrg(r);
  switch (when) {
    case 'any': return true;
    case 'own': return org === p.org;
    case 'commander': return commands(p, r);
    case 'visible':
      if (r.kind === 'warning') return true;
      if (r.kind === 'platform') return p.visible === 'all';
      return org !== null && isVisible(p.visible, org);
    case 'own-province':
      return r.kind === 'warning' && p.orgRole === 'provincial-authority' && p.province !== null
        && issueError({ org: p.org, role: p.orgRole, province: p.province }, r.scope) === null;
  }
}

/** True when some rule of the action admits the caller's organisation role, one of their roles and the resource. */
export function can(p: Principal, action: Action, resource: Resource): boolean {
  return PERMISSIONS[action].some((rule) =>
    rule.orgRoles.includes(p.orgRole) && p.roles.some((role) => rule.userRoles.includes(role)) && holds(rule.when, p, resource));
}

/** Whether the resource is in the caller's sight at all (outside it, the API answers 404). */
export function canSee(p: Principal, resource: Resource): boolean {
  if (resource.kind === 'warning') return true;
  if (resource.kind === 'platform') return p.visible === 'all';
  return holds('visible', p, resource) || holds('commander', p, resource);
}

/** allow, or why not: not-found when the resource is outside the caller's scope (never reveal it), forbidden otherwise. */
export function decide(p: Principal, action: Action, resource: Resource): 'allow' | 'not-found' | 'forbidden' {
  if (can(p, action, resource)) return 'allow';
  return canSee(p, resource) ? 'forbidden' : 'not-found';
}
