// Which organisations a user may see (SPEC §1, contracts: "a request outside the caller's
// organisation's scope answers 404"). Pure: decided from the configuration alone.
import { USER_ROLES, type AccessOrg, type AccessUser, type Principal, type UserRole } from './access-types.ts';

/** The parts of a system that visibility depends on. */
export interface VisibilitySystem {
  org: string;
  kind: string;
  provinces?: readonly string[];
}

const AUTHORITY_ROLES = new Set(['emergency-office', 'provincial-authority', 'cert']);

/** The province that licensed an organisation, if a province did (licensedBy, else its own province). */
export function licensingProvince(org: AccessOrg): string | null {
  const by = org.licensedBy ?? org.province;
  return by && by !== 'national' ? by : null;
}

/**
 * The emergency office and the CERT see every organisation. A provincial authority sees itself,
 * the organisations its province licensed, and the organisations running recursive resolvers that
 * serve its province. Everyone else sees only their own organisation. An unknown organisation sees nothing.
 */
export function visibleOrgs(user: Pick<AccessUser, 'org'>, orgs: readonly AccessOrg[], systems: readonly VisibilitySystem[] = []): Set<string> | 'all' {
  const self = orgs.find((o) => o.id === user.org);
  if (!self) return new Set();
  if (self.role === 'emergency-office' || self.role === 'cert') return 'all';
  const seen = new Set([self.id]);
  if (self.role !== 'provincial-authority' || !self.province) return seen;
  const province = self.province;
  for (const o of orgs) {
    if (!AUTHORITY_ROLES.has(o.role) && licensingProvince(o) === province) seen.add(o.id);
  }
  for (const s of systems) {
    if (s.kind === 'recursive' && s.provinces?.includes(province)) seen.add(s.org);
  }
  return seen;
}

export function isVisible(visible: ReadonlySet<string> | 'all', org: string): boolean {
  return visible === 'all' || visible.has(org);
}

/** The user as a Principal, or null when the user is disabled or their organisation is not configured. */
export function principalFor(user: AccessUser, orgs: readonly AccessOrg[], systems: readonly VisibilitySystem[] = []): Principal | null {
  if (user.disabled) return null;
  const org = orgs.find((o) => o.id === user.org);
  if (!org) return null;
  const roles = USER_ROLES.filter((r) => user.roles.includes(r)) as UserRole[];
  return {
    userId: user.id ?? null, username: user.username ?? null, org: org.id, orgRole: org.role,
    province: org.role === 'provincial-authority' ? org.province ?? null : licensingProvince(org),
    roles, visible: visibleOrgs(user, orgs, systems),
  };
}
