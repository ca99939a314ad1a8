// The lab fault "change a delegation's NS at the parent" (issue 10 item 6), as a registry hijack
// (Sea Turtle, DNSpionage) would: `dnswarden lab fault <parent-node|lab-tld> delegate <child-zone>
// <ns>[=<address>][,<ns>[=<address>]…]` replaces the child's NS set in the parent zone a node serves,
// with glue for the names given an address; `delegate <child-zone> off` (or the node's `clear`)
// serves the zone file's delegation again. Parsing and the zone rewrite are pure; the lab daemon keeps
// each node's delegations and serves the rewritten zones (setZones).
import { isIP } from 'node:net';
import { fqdn, isUnder } from '../core/dns-names.ts';
import type { Zone, ZoneRecord } from '../zone/zone-types.ts';
import { FaultUsageError } from './lab-faults.ts';
import { LAB_NODES } from './lab-topology.ts';

/** child zone → the NS served instead ("name" or "name=address"); null: the zone file's again. */
export type Delegations = Record<string, string[] | null>;

const NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/;

/** `delegate <child-zone> <ns>[=<address>][,…] | off`. */
export function parseDelegate(child: string | undefined, spec: string | undefined): Delegations {
  const usage = "'delegate' needs a child zone and its new NS, e.g. delegate example.lab ns9.evil.lab=198.51.100.9 (or 'delegate example.lab off')";
  if (!child || !NAME.test(child) || !spec) throw new FaultUsageError(usage);
  if (spec === 'off') return { [fqdn(child)]: null };
  const entries = spec.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [name, address, more] = s.split('=');
    if (more !== undefined || !NAME.test(name) || (address !== undefined && isIP(address) === 0)) throw new FaultUsageError(`${usage}; got '${s}'`);
    return address === undefined ? fqdn(name) : `${fqdn(name)}=${address.toLowerCase()}`;
  });
  if (entries.length === 0) throw new FaultUsageError(usage);
  return { [fqdn(child)]: entries };
}

/** The lab nodes a delegate fault goes to: one node, or every node of a system ("lab-tld"). */
export function delegateNodeKeys(node: string): string[] {
  const n = node.trim().toLowerCase();
  return LAB_NODES.filter((x) => x.role === 'authoritative' && x.system === n).map((x) => x.key);
}

/** The original zone with each child's NS set (and in-zone glue below the child) replaced. */
export function delegatedZone(original: Zone, delegations: Readonly<Record<string, string[]>>): Zone {
  let records: ZoneRecord[] = original.records;
  for (const [child, specs] of Object.entries(delegations)) {
    if (!isUnder(child, original.origin) || child === original.origin) continue;
    const old = records.find((r) => r.type === 'NS' && fqdn(r.name) === child);
    const ttl = old?.ttl ?? 3600;
    const servers = specs.map((s) => { const [name, address] = s.split('='); return { name, address }; });
    const newNames = new Set(servers.map((s) => s.name));
    records = records.filter((r) => {
      const name = fqdn(r.name);
      if (name === child && r.type === 'NS') return false;
      // glue: addresses below the cut, and of the new servers
      return !((r.type === 'A' || r.type === 'AAAA') && (isUnder(name, child) || newNames.has(name)));
    });
    for (const s of servers) {
      records.push({ name: child, type: 'NS', ttl, data: s.name });
      if (s.address && isUnder(s.name, original.origin)) records.push({ name: s.name, type: s.address.includes(':') ? 'AAAA' : 'A', ttl, data: s.address });
    }
  }
  return { origin: original.origin, records };
}

/** Merges a change into a node's delegations (null removes the child). */
export function applyDelegate(current: Readonly<Record<string, string[]>>, change: Delegations): Record<string, string[]> {
  const out = { ...current };
  for (const [child, specs] of Object.entries(change)) {
    if (specs === null) delete out[child];
    else out[child] = specs;
  }
  return out;
}

/** "delegate example.lab. → ns9.evil.lab.=198.51.100.9" per child, for `lab status`. */
export function describeDelegations(d: Readonly<Record<string, string[]>>): string[] {
  return Object.entries(d).map(([child, specs]) => `delegate ${child} → ${specs.join(', ')}`);
}
