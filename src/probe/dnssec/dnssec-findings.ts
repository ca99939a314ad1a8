// DNSSEC findings of one system (SPEC §3 Findings), from its nodes' signature checks and its zones'
// operations reports. Pure except AlgorithmHistory, which remembers each zone's strongest algorithm
// across cycles (the daemon keeps it across restarts: src/daemon/algorithm-file.ts).
//  - dnssec-bogus (critical): a node served RRsets whose signatures or denial proofs fail (per node;
//    reasons in evidence), or a zone's DNSKEY RRset fails against its anchor (node null, subject = zone);
//  - dnssec-ds-mismatch (critical): no DS at the parent (or in check.ds) matches a key of the zone;
//  - dnssec-expiring (warning; critical within a day): the earliest signature of the truth expires within
//    check.dnssecExpiryHorizon (7 d), or before the SOA expire timer when that is longer;
//  - dnssec-rollover (info): CDS/CDNSKEY published, or a DS at the parent for a key not (yet) in the zone;
//  - dnssec-algorithm-downgrade (warning): the strongest algorithm got weaker, or the zone went unsigned.
import type { ResolvedConfig, ResolvedSystem } from '../../config/config-types.ts';
import type { Finding } from '../../core/snapshot.ts';
import type { NodeTally } from '../node-tally.ts';
import type { ZoneDnssecReport } from './dnssec-operations.ts';
import { isUnder } from '../../core/dns-names.ts';

const SAMPLES = 5;
const DAY = 86400;
/** Strength order of the algorithms (RSA/SHA-256 weakest … Ed448 strongest). */
const RANK: Record<number, number> = { 5: 1, 7: 1, 8: 2, 10: 3, 13: 4, 14: 5, 15: 6, 16: 7 };
const strongest = (algs: readonly number[]): number => Math.max(0, ...algs.map(a => RANK[a] ?? 0));

export class AlgorithmHistory {
  readonly #seen = new Map<string, number[]>();
  /** Sets `downgradedFrom` on a report whose strongest algorithm is weaker than before (the best seen is kept). */
  observe(r: ZoneDnssecReport): void {
    const key = `${r.system}|${r.zone}`;
    const before = this.#seen.get(key);
    if (r.status === 'indeterminate') return;
    if (before && strongest(r.algorithms) < strongest(before)) { r.downgradedFrom = before; return; }
    if (r.signed) this.#seen.set(key, r.algorithms);
  }

  /** The algorithms seen per "system|zone" (the daemon's file). */
  toJSON(): Record<string, number[]> { return Object.fromEntries(this.#seen); }

  /** A history from toJSON's object; entries that are not lists of algorithm numbers are dropped. */
  static fromJSON(json: Record<string, unknown>): AlgorithmHistory {
    const h = new AlgorithmHistory();
    for (const [k, v] of Object.entries(json ?? {})) {
      if (k.includes('|') && Array.isArray(v) && v.every((a) => Number.isInteger(a) && a >= 0 && a < 256)) h.#seen.set(k, v as number[]);
    }
    return h;
  }
}

const histories = new WeakMap<ResolvedConfig, AlgorithmHistory>();
export function historyOf(config: ResolvedConfig): AlgorithmHistory {
  let h = histories.get(config);
  if (!h) { h = new AlgorithmHistory(); histories.set(config, h); }
  return h;
}

/** The reports with the nodes that served bogus RRsets of each zone (what validating resolvers see). */
export function servedProblems(reports: readonly ZoneDnssecReport[], tallies: readonly NodeTally[]): ZoneDnssecReport[] {
  return reports.map((r) => {
    const bogusNodes = tallies.flatMap((t) => {
      const mine = t.dnssecSamples.filter((s) => isUnder(s.name, r.zone) && reports.every((o) => o === r || !isUnder(s.name, o.zone) || o.zone.length < r.zone.length));
      return mine.length ? [{ node: t.node.id, samples: mine.length, reason: mine[0].reason }] : [];
    });
    return bogusNodes.length ? { ...r, bogusNodes } : r;
  });
}

export function dnssecFindings(system: ResolvedSystem, tallies: readonly NodeTally[], zones: readonly ZoneDnssecReport[], at: string): Finding[] {
  const out: Finding[] = [];
  const base = { system: system.id, org: system.org };
  for (const t of tallies) {
    if (t.dnssecErrors === 0) continue;
    const reasons = [...new Set(t.dnssecSamples.map(s => s.reason))].join(', ');
    out.push({ ...base, kind: 'dnssec-bogus', node: t.node.id, severity: 'critical',
      summary: `Node ${t.node.id} served ${t.dnssecErrors} RRsets whose DNSSEC signatures or denial proofs fail (${reasons}) · ` +
        `节点 ${t.node.id} 有 ${t.dnssecErrors} 个记录集的 DNSSEC 签名或否定应答证明验证失败（${reasons}）`,
      evidence: { expected: 'valid RRSIG / NSEC proof', seen: reasons, via: `${t.node.address}:${t.node.port}`, at,
        dnssecErrors: t.dnssecErrors, dnssecChecked: t.dnssecChecked, samples: t.dnssecSamples.slice(0, SAMPLES) } });
  }
  const horizon = (system.dnssecExpiryHorizonMs ?? 7 * DAY * 1000) / 1000;
  for (const z of zones) {
    const zb = { ...base, node: null, subject: z.zone };
    const wrongConfigDs = z.status === 'bogus' && z.reason === 'no-matching-ds';
    if (z.dsMatch === false || wrongConfigDs) {
      out.push({ ...zb, kind: 'dnssec-ds-mismatch', severity: 'critical',
        summary: `No DS ${z.dsMatch === false ? `at the parent ${z.parent}` : 'in check.ds'} matches a key of ${z.zone}: validating resolvers fail the zone · ` +
          `${z.dsMatch === false ? `上级 ${z.parent} 的` : '配置的'} DS 与 ${z.zone} 的密钥均不匹配：验证型解析器将无法解析该区`,
        evidence: { expected: `DNSKEY tags ${z.keyTags.join(', ')}`, seen: z.dsMatch === false ? z.dsAtParent : (system.check?.ds ?? []), via: z.parent ?? 'check.ds', at } });
    } else if (z.status === 'bogus') {
      out.push({ ...zb, kind: 'dnssec-bogus', severity: 'critical',
        summary: `The DNSKEY RRset of ${z.zone} does not validate (${z.reason}) · ${z.zone} 的 DNSKEY 记录集验证失败（${z.reason}）`,
        evidence: { expected: 'DNSKEY RRset signed by an anchored key', seen: `${z.reason}${z.detail ? `: ${z.detail}` : ''}`, via: 'truth', at } });
    }
    const limit = Math.max(horizon, z.soaExpire ?? 0);
    if (z.expiresIn !== null && z.expiresIn < limit) {
      const days = Math.round(z.expiresIn / 360) / 240;
      out.push({ ...zb, kind: 'dnssec-expiring', severity: z.expiresIn < DAY ? 'critical' : 'warning',
        summary: `Signatures of ${z.zone} expire at ${z.earliestExpiry} (in ${days} d, within ${Math.round(limit / 3600) / 24} d) · ` +
          `${z.zone} 的签名将于 ${z.earliestExpiry} 过期（${days} 天后，在 ${Math.round(limit / 3600) / 24} 天的预警期内）`,
        evidence: { expected: `valid beyond ${Math.round(limit / 3600) / 24} d (horizon ${horizon / DAY} d, SOA expire ${z.soaExpire ?? '-'} s)`, seen: z.earliestExpiry, via: 'truth', at } });
    }
    if (z.cds.length > 0 || (z.dsMatch === true && z.dsUnmatched.length > 0)) {
      out.push({ ...zb, kind: 'dnssec-rollover', severity: 'info',
        summary: `A key rollover of ${z.zone} is in progress (${z.cds.length ? 'CDS/CDNSKEY published' : 'a new DS at the parent'}) · ${z.zone} 正在进行密钥轮转`,
        evidence: { expected: z.keyTags, seen: { cds: z.cds, dsAtParent: z.dsAtParent, dsUnmatched: z.dsUnmatched }, via: z.parent ?? 'truth', at } });
    }
    if (z.downgradedFrom) {
      out.push({ ...zb, kind: 'dnssec-algorithm-downgrade', severity: 'warning',
        summary: `The algorithms of ${z.zone} went from ${z.downgradedFrom.join(', ')} to ${z.algorithms.join(', ') || 'none'} · ${z.zone} 的签名算法由 ${z.downgradedFrom.join(', ')} 降为 ${z.algorithms.join(', ') || '无'}`,
        evidence: { expected: z.downgradedFrom, seen: z.algorithms, via: 'truth', at } });
    }
  }
  return out;
}
