// How the API shows users and organisations: never a password hash; organisations as configured
// (contacts are served by their own route, with the personal-data rules).
import type { OrganizationConfig } from '../config/config-schema.ts';
import type { User } from '../store/store.ts';

export function userView(u: User) {
  return { id: u.id, username: u.username, displayName: u.displayName, org: u.org, roles: u.roles, disabled: u.disabled, createdAt: u.createdAt };
}

export function orgView(o: OrganizationConfig) {
  return {
    id: o.id, role: o.role,
    ...(o.name ? { name: o.name } : {}), ...(o.province ? { province: o.province } : {}),
    ...(o.grade !== undefined ? { grade: o.grade } : {}), ...(o.licensedBy ? { licensedBy: o.licensedBy } : {}),
  };
}
