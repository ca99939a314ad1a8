// Who commands the response to an incident (plan §5.1, SPEC §4). Pure.
import type { OrganizationConfig } from '../../config/config-schema.ts';
import type { Grade } from '../grades.ts';
import type { SystemInfo } from './conditions.ts';
import type { ObjectKind } from './ruleset-schema.ts';

export type Commander =
  | { role: 'emergency-office' }
  | { role: 'provincial-authority'; province: string }
  | { role: 'self'; org: string | null };

export interface CommanderInput {
  /** The grade the routing is decided on (the engine passes the effective grade, or the proposal). */
  grade: Grade | null;
  object: ObjectKind;
  org: OrganizationConfig | undefined;
  system: Pick<SystemInfo, 'id' | 'org' | 'scope' | 'provinces'>;
}

const OFFICE: Commander = { role: 'emergency-office' };
const province = (p: string): Commander => ({ role: 'provincial-authority', province: p });

/** Grade-2 providers, registrars and websites handle their own incidents (plan §5.1, last line). */
function isGrade2Provider(object: ObjectKind, org: OrganizationConfig | undefined): boolean {
  const providerObject = object === 'authoritative' || object === 'registration' || object === 'website-dns';
  return providerObject && (org?.grade ?? 2) === 2;
}

export function commanderFor({ grade, object, org, system }: CommanderInput): Commander {
  const self: Commander = { role: 'self', org: org?.id ?? system.org ?? null };
  // I and II always go to the national office, even at a grade-2 organisation: such an event
  // (a registrar's core database damaging the TLD) is national by nature.
  if (grade === 'I' || grade === 'II') return OFFICE;
  if (grade === null || grade === 'IV') return self;
  if (isGrade2Provider(object, org)) return self;
  // Grade III.
  if (object === 'tld' || object === 'authoritative' || object === 'registration') return OFFICE;
  if (object === 'website-dns') {
    const licensedBy = org?.licensedBy ?? org?.province;
    return licensedBy && licensedBy !== 'national' ? province(licensedBy) : OFFICE;
  }
  // Recursive resolver: a provincial one is commanded by its province; anything wider by the office.
  const where = system.provinces?.[0] ?? org?.province;
  if (system.scope === 'province' && where) return province(where);
  if (system.scope === 'local-network' && where) return province(where);
  return OFFICE;
}
