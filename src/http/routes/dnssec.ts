// GET /api/v1/dnssec — the DNSSEC overview (issue 10 item 3) from the latest cycle: every zone of the
// watched authoritative systems and every key domain, signed or not, with algorithms, the DS at the
// parent, the chain status and the earliest signature expiry. Zones of systems without check.dnssec
// are listed as not checked. Scoped like /systems: a caller sees the zones of the organisations it sees.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { isVisible } from '../../core/access/visibility.ts';
import { fqdn, isUnder } from '../../core/dns-names.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import type { ResolvedConfig } from '../../config/config-types.ts';
import type { ZoneDnssecReport } from '../../probe/dnssec/dnssec-operations.ts';
import { authOf } from '../request-auth.ts';
import { ErrorBody, NoQuery } from '../api-schemas.ts';
import { DnssecOverview } from '../schemas/dnssec-schemas.ts';

export interface DnssecRow {
  zone: string;
  keyDomain: string | null;
  system: string;
  org: string;
  checked: boolean;
  signed: boolean | null;
  chain: 'secure' | 'insecure' | 'bogus' | 'indeterminate';
  reason: string | null;
  algorithms: number[];
  keyTags: number[];
  dsAtParent: string[] | null;
  parent: string | null;
  earliestExpiry: string | null;
}

/** The chain status of a zone: its keys against the anchor, then the DS its parent publishes. */
function chainOf(r: ZoneDnssecReport): { chain: DnssecRow['chain']; reason: string | null } {
  if (!r.signed) return { chain: r.status === 'indeterminate' ? 'indeterminate' : 'insecure', reason: r.reason };
  if (r.dsMatch === false) return { chain: 'bogus', reason: 'no-matching-ds' };
  if (r.bogusNodes?.length) return { chain: 'bogus', reason: `served: ${r.bogusNodes.map((n) => `${n.node} ${n.reason}`).join('; ')}` };
  if (r.status !== 'secure') return { chain: r.status, reason: r.reason };
  if (r.dsAtParent && r.dsAtParent.length === 0) return { chain: 'insecure', reason: 'no-ds-at-parent' };
  return { chain: 'secure', reason: null };
}

export function dnssecOverview(config: Pick<ResolvedConfig, 'systems' | 'keyDomains'>, snapshot: Snapshot | null): DnssecRow[] {
  const reports = ((snapshot as { dnssec?: ZoneDnssecReport[] } | null)?.dnssec ?? []);
  const rows: DnssecRow[] = [];
  for (const s of config.systems) {
    if (s.kind === 'recursive' || s.kind === 'registration') continue;
    for (const zone of s.zones) {
      const r = reports.find((x) => x.system === s.id && x.zone === zone);
      if (!r) {
        rows.push({ zone, keyDomain: null, system: s.id, org: s.org, checked: false, signed: null, chain: 'indeterminate',
          reason: s.dnssec ? 'no-cycle-yet' : 'not-checked', algorithms: [], keyTags: [], dsAtParent: null, parent: null, earliestExpiry: null });
        continue;
      }
      rows.push({ zone, keyDomain: null, system: s.id, org: s.org, checked: true, signed: r.signed, ...chainOf(r), algorithms: r.algorithms,
        keyTags: r.keyTags, dsAtParent: r.dsAtParent, parent: r.parent ?? null, earliestExpiry: r.earliestExpiry });
    }
  }
  for (const k of config.keyDomains) {
    const name = fqdn(k.name);
    const holder = rows.filter((r) => r.keyDomain === null && isUnder(name, r.zone)).sort((a, b) => b.zone.length - a.zone.length)[0];
    if (holder) rows.push({ ...holder, keyDomain: name });
  }
  return rows;
}

export async function dnssecRoutes(api: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  api.get('/dnssec', {
    schema: {
      summary: 'DNSSEC overview: every watched zone and key domain from the latest cycle',
      tags: ['dnssec'],
      security: [{ bearer: [] }],
      querystring: NoQuery,
      response: { 200: DnssecOverview, 401: ErrorBody },
    },
  }, async (request) => {
    const { visible } = authOf(request).principal;
    const snapshot = deps.latest();
    return { at: snapshot?.at ?? null, zones: dnssecOverview(deps.config, snapshot).filter((r) => isVisible(visible, r.org)) };
  });
}
