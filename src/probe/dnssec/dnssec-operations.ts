// DNSSEC operations of every zone of the `check.dnssec` systems, once per cycle: the zone's keys
// (from the cycle's DnssecCycle), the earliest signature expiry in the truth, the SOA expire timer,
// CDS/CDNSKEY at the apex, and the DS RRset the parent's servers publish (asked with DO; the parent
// servers are those of src/core/delegations' targets: a watched parent system or
// probing.delegationParents). The reports go on the snapshot (`dnssec`, extension) for the overview
// and become findings in dnssec-findings.ts.
import type { ResolvedConfig, ResolvedSystem } from '../../config/config-types.ts';
import { delegationTargets } from '../../core/delegations/delegation-targets.ts';
import { normaliseDs } from '../../core/delegations/delegation-state.ts';
import type { DnsClient } from '../../dns/dns-client-types.ts';
import { pickRRset } from '../data-compare.ts';
import type { TruthIndex } from '../truth/truth-index.ts';
import { DnssecCycle, dsMatchesKeys, earliestExpiry, truthRrs } from './dnssec-cycle.ts';

export interface ZoneDnssecReport {
  system: string;
  zone: string;
  signed: boolean;
  /** secure / bogus (the DNSKEY RRset against its anchor), insecure (unsigned), indeterminate (no truth). */
  status: 'secure' | 'insecure' | 'bogus' | 'indeterminate';
  reason: string | null;
  detail?: string;
  algorithms: number[];
  keyTags: number[];
  anchor?: 'config-ds' | 'truth-dnskey';
  /** Earliest RRSIG expiration in the truth (ISO), or null. */
  earliestExpiry: string | null;
  /** Seconds from the cycle's time to that expiry (negative: expired), or null. */
  expiresIn: number | null;
  /** Set when the zone's strongest algorithm got weaker than seen before, or the zone went unsigned: the earlier algorithms. */
  downgradedFrom?: number[];
  /** The SOA expire timer (seconds), or null. */
  soaExpire: number | null;
  /** CDS / CDNSKEY records at the apex (a rollover or a DS change requested, RFC 7344). */
  cds: string[];
  /** The DS RRset at the parent (normalised), null when no parent server is known or none answered. */
  dsAtParent: string[] | null;
  parent?: string;
  parentError?: string;
  /** A DS at the parent matches a key of the zone (null: no DS known); false breaks the chain. */
  dsMatch: boolean | null;
  /** DS records at the parent that match no key. */
  dsUnmatched: string[];
  /** Nodes that served bogus RRsets of this zone in the window, with the first reason (dnssec-findings.ts servedProblems). */
  bogusNodes?: Array<{ node: string; samples: number; reason: string }>;
}

async function dsAtParent(client: DnsClient, zone: string, servers: ReadonlyArray<{ address: string; port: number }>, timeoutMs: number):
  Promise<{ ds: string[] | null; error?: string }> {
  // up to three of the parent's servers at once; the first good answer (in server order) counts
  const answers = await Promise.all(servers.slice(0, 3).map(s => client.query({ address: s.address, port: s.port, name: zone, type: 'DS', timeoutMs, dnssecOk: true })));
  const errors: string[] = [];
  for (const [i, a] of answers.entries()) {
    const where = `${servers[i].address}:${servers[i].port}`;
    if (a.outcome !== 'answer') { errors.push(`${where} ${a.outcome}`); continue; }
    if (a.rcode !== 'NOERROR' && a.rcode !== 'NXDOMAIN') { errors.push(`${where} ${a.rcode}`); continue; }
    return { ds: pickRRset(a.answer, zone, 'DS').map(normaliseDs).sort() };
  }
  return { ds: null, error: errors.join('; ') || 'no parent server' };
}

function zoneReport(system: ResolvedSystem, zone: string, truth: TruthIndex | null, cycle: DnssecCycle): ZoneDnssecReport {
  const base = { system: system.id, zone, algorithms: [], keyTags: [], earliestExpiry: null, expiresIn: null, soaExpire: null, cds: [],
    dsAtParent: null, dsMatch: null, dsUnmatched: [] };
  if (!truth) return { ...base, signed: false, status: 'indeterminate', reason: 'no-truth' };
  const soa = truth.rrset(zone, 'SOA')?.[0]?.split(' ');
  const soaExpire = soa && soa.length >= 7 ? Number(soa[5]) : null;
  const state = cycle.keysFor(system, truth, zone);
  if (!state) return { ...base, soaExpire, signed: false, status: 'insecure', reason: 'unsigned' };
  const expiry = earliestExpiry(truth, zone);
  return { ...base, signed: true, status: state.status, reason: state.reason, ...(state.detail ? { detail: state.detail } : {}),
    algorithms: state.algorithms, keyTags: state.keys.keys.map(k => k.tag).sort((a, b) => a - b), anchor: state.anchor,
    earliestExpiry: expiry === null ? null : new Date(expiry * 1000).toISOString(), expiresIn: expiry === null ? null : expiry - cycle.ctx.now, soaExpire,
    cds: [...(truth.rrset(zone, 'CDS') ?? []), ...(truth.rrset(zone, 'CDNSKEY') ?? [])] };
}

/** Reports of every zone of every check.dnssec system, the parent's DS asked concurrently. */
export async function observeDnssec(config: ResolvedConfig, truths: ReadonlyMap<string, TruthIndex | null>, cycle: DnssecCycle,
  client: DnsClient): Promise<Map<string, ZoneDnssecReport[]>> {
  const systems = config.systems.filter(s => s.dnssec);
  const out = new Map<string, ZoneDnssecReport[]>();
  if (systems.length === 0) return out;
  const parents = (config.probing.delegationParents ?? []).map(p => ({ zone: p.zone, servers: p.servers.map(s => ({ node: `${p.zone} ${s.address}`, ...s })) }));
  const targets = delegationTargets(config.systems, [], parents);
  await Promise.all(systems.map(async (system) => {
    const truth = truths.get(system.id) ?? null;
    const reports = await Promise.all(system.zones.map(async (zone) => {
      const r = zoneReport(system, zone, truth, cycle);
      const target = targets.find(t => t.zone === zone);
      if (!target || !r.signed || !truth) return r;
      const seen = await dsAtParent(client, zone, target.parentServers, config.probing.timeoutMs);
      r.parent = target.parent;
      if (seen.error) r.parentError = seen.error;
      r.dsAtParent = seen.ds;
      if (seen.ds && seen.ds.length) {
        r.dsUnmatched = seen.ds.filter(d => !dsMatchesKeys(zone, d, truthRrs(truth, zone, 'DNSKEY')));
        r.dsMatch = r.dsUnmatched.length < seen.ds.length; // one DS matching a key keeps the chain (others: a rollover)
      }
      return r;
    }));
    out.set(system.id, reports);
  }));
  return out;
}
