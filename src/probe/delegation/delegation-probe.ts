// One sighting of a delegation (issue 10 item 4): each of the parent zone's servers is asked for the
// child zone's NS (RD=0: a referral — NS in authority, glue in additional — or, where the server is
// authoritative for the child too, the NS in the answer) and for its DS (answered by the parent); each
// of the child's servers for its own apex NS. Child servers not configured are found from the glue of
// the referral most parent servers gave. A few queries per zone, all in parallel.
import type { DnsAnswer, DnsClient } from '../../dns/dns-client-types.ts';
import { majorityView, type ChildNodeView, type DelegationSeen, type ParentNodeView } from '../../core/delegations/delegation-findings.ts';
import { normaliseState } from '../../core/delegations/delegation-state.ts';
import type { DelegationTarget, TargetServer } from '../../core/delegations/delegation-targets.ts';
import { fqdn } from '../../core/dns-names.ts';

const same = (a: string, b: string) => fqdn(a) === fqdn(b);

function failure(a: DnsAnswer): string | null {
  if (a.outcome !== 'answer') return a.error ? `${a.outcome}: ${a.error}` : a.outcome;
  if (a.rcode !== 'NOERROR') return a.rcode ?? 'no rcode';
  return null;
}

/** NS names for `zone` from the answer (authoritative) or the authority section (referral). */
function nsOf(a: DnsAnswer, zone: string): string[] {
  const fromAnswer = a.answer.filter((r) => r.type === 'NS' && same(r.name, zone)).map((r) => fqdn(r.data));
  return fromAnswer.length > 0 ? fromAnswer : a.authority.filter((r) => r.type === 'NS' && same(r.name, zone)).map((r) => fqdn(r.data));
}

async function parentView(client: DnsClient, t: DelegationTarget, s: TargetServer, timeoutMs: number): Promise<ParentNodeView> {
  const ask = (type: string) => client.query({ address: s.address, port: s.port, name: t.zone, type, timeoutMs, recursionDesired: false });
  const [ns, ds] = await Promise.all([ask('NS'), ask('DS')]);
  const base = { node: s.node, address: `${s.address}:${s.port}` };
  const err = failure(ns);
  if (err) return { ...base, error: `NS: ${err}` };
  const names = nsOf(ns, t.zone);
  if (names.length === 0) return { ...base, error: `no delegation of ${t.zone} in the answer` };
  const glue: Record<string, string[]> = {};
  for (const r of [...ns.additional, ...ns.answer]) {
    if ((r.type === 'A' || r.type === 'AAAA') && names.includes(fqdn(r.name))) (glue[fqdn(r.name)] ??= []).push(r.data);
  }
  const dsErr = failure(ds);
  if (dsErr && ds.rcode !== 'NXDOMAIN') return { ...base, error: `DS: ${dsErr}` };
  const dsList = ds.answer.filter((r) => r.type === 'DS' && same(r.name, t.zone)).map((r) => r.data);
  const n = normaliseState({ parentNs: names, glue, ds: dsList });
  return { ...base, state: { parentNs: n.parentNs, glue: n.glue, ds: n.ds } };
}

async function childView(client: DnsClient, zone: string, s: TargetServer, timeoutMs: number): Promise<ChildNodeView> {
  const a = await client.query({ address: s.address, port: s.port, name: zone, type: 'NS', timeoutMs, recursionDesired: false });
  const base = { node: s.node, address: `${s.address}:${s.port}` };
  const err = failure(a);
  if (err) return { ...base, error: err };
  if (!a.aa) return { ...base, error: 'not authoritative (lame)' };
  const ns = a.answer.filter((r) => r.type === 'NS' && same(r.name, zone)).map((r) => fqdn(r.data));
  return ns.length > 0 ? { ...base, ns } : { ...base, error: 'no NS at the apex' };
}

/** Child servers from the glue: one per address, named after the NS. */
function fromGlue(glue: Record<string, string[]>, port: number): TargetServer[] {
  return Object.entries(glue).flatMap(([name, addrs]) => addrs.map((address) => ({ node: name, address, port })));
}

export async function observeDelegation(client: DnsClient, t: DelegationTarget, timeoutMs: number): Promise<DelegationSeen> {
  const parentNodes = await Promise.all(t.parentServers.map((s) => parentView(client, t, s, timeoutMs).catch((err: Error): ParentNodeView => ({
    node: s.node, address: `${s.address}:${s.port}`, error: err.message,
  }))));
  const parent = majorityView(parentNodes);
  const children = t.childServers.length > 0 ? t.childServers : fromGlue(parent?.glue ?? {}, t.parentServers[0]?.port ?? 53);
  const childNodes = await Promise.all(children.map((s) => childView(client, t.zone, s, timeoutMs).catch((err: Error): ChildNodeView => ({
    node: s.node, address: `${s.address}:${s.port}`, error: err.message,
  }))));
  const childNs = childNodes.find((c) => c.ns)?.ns ?? [];
  const state = normaliseState({ ...(parent ?? {}), childNs });
  return { state, parentNodes, childNodes };
}

/** Every target, a few at a time (bounded: each target is a handful of queries). */
export async function observeAll(client: DnsClient, targets: readonly DelegationTarget[], timeoutMs: number, parallel = 8):
  Promise<Array<{ target: DelegationTarget; seen: DelegationSeen }>> {
  const out: Array<{ target: DelegationTarget; seen: DelegationSeen }> = [];
  for (let i = 0; i < targets.length; i += parallel) {
    const batch = targets.slice(i, i + parallel);
    out.push(...await Promise.all(batch.map(async (target) => ({ target, seen: await observeDelegation(client, target, timeoutMs) }))));
  }
  return out;
}
