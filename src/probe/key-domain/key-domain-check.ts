// Key domains (重点域名) through recursive resolvers: each configured key domain, each type, each node
// of each resolver system named in `via`, compared with what it should resolve to:
//  - expect: 'authoritative' → the truth of the authoritative system serving the name (following
//    CNAMEs inside the truth); when no truth covers it, a direct query (RD=0) to the nodes of a
//    configured system whose zones contain it;
//  - expect: [..] → that list of RDATA strings; per type, the entries of that type (IPv4 for A, IPv6
//    for AAAA, the others for other types).
// Findings: ok | hijacked (a different answer) | missing (NXDOMAIN or no data) | failed (no usable
// answer) | unknown (nothing to compare with).
import type { ResolvedConfig, ResolvedNode } from '../../config/config-types.ts';
import type { KeyDomainConfig } from '../../config/config-schema.ts';
import type { DnsAnswer, DnsClient } from '../../dns/dns-client-types.ts';
import { compareRRset, finalRRset } from '../data-compare.ts';
import type { KeyDomainFinding } from '../probe-types.ts';
import type { TruthIndex } from '../truth/truth-index.ts';
import { fqdn, isUnder } from '../../core/dns-names.ts';

/** Expected data; `records` are the same with owner and TTL for evidence ("name ttl IN type data"). */
export type Expected = { data: string[]; records?: string[] } | { unknown: string };

const presentation = (r: { name: string; ttl?: number; type: string; data: string }) =>
  r.ttl === undefined ? `${r.name} IN ${r.type} ${r.data}` : `${r.name} ${r.ttl} IN ${r.type} ${r.data}`;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The entries of an explicit `expect` list that belong to a type: IPv4 for A, IPv6 for AAAA, the rest for other types. */
export function listedFor(list: readonly string[], type: string): string[] {
  const isV4 = (d: string) => IPV4.test(d);
  const isV6 = (d: string) => d.includes(':') && /^[0-9a-f:.]+$/i.test(d);
  if (type === 'A') return list.filter(isV4);
  if (type === 'AAAA') return list.filter(isV6).map(d => d.toLowerCase());
  return list.filter(d => !isV4(d) && !isV6(d));
}

/** The truth that covers a name (deepest zone), following the engine's list of truths. */
function truthCovering(truths: readonly TruthIndex[], name: string): TruthIndex | undefined {
  let best: { t: TruthIndex; depth: number } | undefined;
  for (const t of truths) {
    const zone = t.zoneOf(name);
    if (zone && (!best || zone.length > best.depth)) best = { t, depth: zone.length };
  }
  return best?.t;
}

/** Expected data for one key domain and type from the truths, or from a direct authoritative query. */
async function expectedFor(kd: KeyDomainConfig, type: string, config: ResolvedConfig, truths: readonly TruthIndex[],
  client: DnsClient): Promise<Expected> {
  const name = fqdn(kd.name);
  if (Array.isArray(kd.expect)) {
    const data = listedFor(kd.expect, type);
    return { data, records: data.map(d => presentation({ name, type, data: d })) };
  }
  const truth = truthCovering(truths, name);
  const fromTruth = truth?.resolve(name, type);
  if (fromTruth) {
    const ttl = truth!.ttl(fromTruth.finalName, type);
    return { data: fromTruth.expected, records: fromTruth.expected.map(d => presentation({ name: fromTruth.finalName, ttl, type, data: d })) };
  }
  const servers = config.systems
    .filter(s => s.kind !== 'recursive' && s.zones.some(z => isUnder(name, z)))
    .flatMap(s => s.nodes);
  for (const node of servers.slice(0, 3)) {
    const a = await client.query({ address: node.address, port: node.port, name, type, timeoutMs: config.probing.timeoutMs });
    if (a.outcome === 'answer' && a.aa && (a.rcode === 'NOERROR' || a.rcode === 'NXDOMAIN')) {
      return { data: a.rcode === 'NXDOMAIN' ? [] : finalRRset(a.answer, name, type).data, records: a.answer.map(presentation) };
    }
  }
  return { unknown: 'no truth and no authoritative answer for this name' };
}

/** Judges what a resolver answered against what was expected. Pure. */
export function judgeKeyDomain(expected: Expected, answer: DnsAnswer, name: string, type: string):
  Pick<KeyDomainFinding, 'status' | 'got' | 'detail' | 'seenRecords'> {
  if (answer.outcome !== 'answer') return { status: 'failed', detail: answer.outcome };
  if (answer.rcode !== 'NOERROR' && answer.rcode !== 'NXDOMAIN') return { status: 'failed', detail: answer.rcode };
  const got = answer.rcode === 'NXDOMAIN' ? [] : finalRRset(answer.answer, fqdn(name), type).data;
  const seenRecords = answer.answer.map(presentation); // with TTLs and any CNAME chain: the evidence
  if ('unknown' in expected) return { status: 'unknown', got, seenRecords, detail: expected.unknown };
  if (compareRRset(expected.data, got).errors === 0) return { status: 'ok', got, seenRecords };
  if (got.length === 0) return { status: 'missing', got, seenRecords, detail: answer.rcode };
  return { status: 'hijacked', got, seenRecords };
}

/** Key domains to check through resolver system `systemId`, with their types (default A and AAAA). */
function keyDomainsVia(config: ResolvedConfig, systemId: string): Array<{ kd: KeyDomainConfig; types: string[] }> {
  return config.keyDomains
    .filter(kd => kd.via?.includes(systemId))
    .map(kd => ({ kd, types: kd.types?.length ? kd.types : ['A', 'AAAA'] }));
}

/** Expected data of every key domain/type checked through a resolver system, computed once per cycle. */
export async function expectationsVia(config: ResolvedConfig, systemId: string, truths: readonly TruthIndex[], client: DnsClient) {
  const out: Array<{ kd: KeyDomainConfig; type: string; expected: Expected }> = [];
  for (const { kd, types } of keyDomainsVia(config, systemId)) {
    for (const type of types) out.push({ kd, type, expected: await expectedFor(kd, type, config, truths, client) });
  }
  return out;
}

export function finding(kd: KeyDomainConfig, type: string, systemId: string, node: ResolvedNode, expected: Expected,
  judged: ReturnType<typeof judgeKeyDomain>): KeyDomainFinding {
  return { name: fqdn(kd.name), type, system: systemId, node: node.id, ...judged,
    ...('data' in expected ? { expected: expected.data, ...(expected.records ? { expectedRecords: expected.records } : {}) } : {}) };
}
