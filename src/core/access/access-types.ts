// Who a caller is, what they may try to do, and what they try it on. Pure types and name lists.
import type { Commander } from '../rules/commander.ts';
import type { WarningScope } from '../warnings/warning-rules.ts';

/** Roles of organisations (SPEC §1): every organisation is a tenant with one of these (the configuration's
 *  organizations[].role is checked against this union where organisations reach the core). */
export type OrgRole = 'emergency-office' | 'provincial-authority' | 'cert' | 'registry' | 'dns-provider' | 'registrar' | 'telecom' | 'website';
/** What access decisions read of a configured organisation. */
export interface AccessOrg {
  id: string;
  role: OrgRole;
  province?: string;
  /** 'national' or the province that licensed it. */
  licensedBy?: string;
}
export const ORG_ROLES: readonly OrgRole[] = [
  'emergency-office', 'provincial-authority', 'cert', 'registry', 'dns-provider', 'registrar', 'telecom', 'website',
];
/** Organisations that operate DNS systems and answer for their own incidents. */
export const OPERATOR_ROLES: readonly OrgRole[] = ['registry', 'dns-provider', 'registrar', 'telecom', 'website'];

/** Roles of a user within their organisation. */
export type UserRole = 'admin' | 'duty-officer' | 'viewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'duty-officer', 'viewer'];

export const ACTIONS = [
  'incident.read', 'incident.confirm-grade', 'incident.reassign', 'incident.report', 'incident.directive',
  'measure.execute', 'warning.read', 'warning.issue', 'contacts.read', 'contacts.write', 'drill.run',
  'audit.read', 'users.manage', 'personal-data.read', 'finding.read', 'finding.convert', 'delegation.read', 'delegation.approve',
  'threat.read', 'threat.handle', 'threat.referral-answer', 'threat.personal-data', 'names.read', 'names.act',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the caller acts on. */
export type Resource =
  /** An incident of `org`, commanded by `commander` (null while not graded). */
  | { kind: 'incident'; org: string; commander: Commander | null }
  /** Something belonging to one organisation: its contacts, users, drills, audit entries, personal data. */
  | { kind: 'org'; org: string }
  | { kind: 'warning'; scope: WarningScope }
  /** The platform as a whole: the entire audit chain, every user. */
  | { kind: 'platform' };

/** The user as the store keeps them (src/store/access-types.ts User has these fields). */
export interface AccessUser {
  id?: string;
  username?: string;
  org: string;
  roles: readonly string[];
  disabled?: boolean;
}

/** A signed-in user resolved against the configuration: their organisation's role and what they may see. */
export interface Principal {
  userId: string | null;
  username: string | null;
  org: string;
  orgRole: OrgRole;
  /** The province of a provincial authority (or of the organisation, when set). */
  province: string | null;
  roles: UserRole[];
  visible: ReadonlySet<string> | 'all';
}
