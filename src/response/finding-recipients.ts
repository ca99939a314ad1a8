// Who hears of a finding (SPEC §3 "Findings"): the owning organisation always; for a key domain
// (重点域名) and for a delegation change at the parent also the emergency office(s) and the CERT(s) of
// the configuration. Pure.
import type { OrganizationConfig } from '../config/config-schema.ts';
import type { StoredFinding } from '../store/store.ts';

// a delegation changed at the parent is how the Sea Turtle and DNSpionage hijacks showed: the office and CERT hear too
const NATIONAL_KINDS: ReadonlySet<string> = new Set(['key-domain-mismatch', 'delegation-change']);

export function recipientOrgs(f: Pick<StoredFinding, 'kind' | 'org'>, orgs: readonly Pick<OrganizationConfig, 'id' | 'role'>[]): string[] {
  const out = f.org ? [f.org] : [];
  if (NATIONAL_KINDS.has(f.kind)) {
    for (const o of orgs) if ((o.role === 'emergency-office' || o.role === 'cert') && !out.includes(o.id)) out.push(o.id);
  }
  return out;
}
