// The dns-update connector: RFC 2136 UPDATE signed with TSIG (RFC 8945) to the zone's primary, many
// names per message. hold removes the delegation (NS, the glue below the name, DS); unhold and
// unsinkhole put back the delegation recorded before; sinkhole replaces the NS set with the sinkhole's
// (and adds the sinkhole nameservers' addresses when they lie in the zone); block --sinkhole creates the
// delegation to the sinkhole, unblock removes it; block alone, lock and unlock change nothing in DNS
// (the reserved list and the lock are dnswarden's records: DNS has no statuses).
import type { ApplyResult, Change, Delegation, Observed, Progress, RegistryConnector, Sinkhole } from '../connector.ts';
import { zoneOf } from '../connector.ts';
import { packBatches, sendUpdate, type NameOps, type UpdateOp } from './update-message.ts';
import type { TsigKey } from './tsig.ts';
import { createDnsClient } from '../../dns/dns-client.ts';
import type { DnsAnswer } from '../../dns/dns-client-types.ts';

export interface DnsUpdateOptions {
  zones: readonly string[];
  primary: { address: string; port: number };
  tsig: TsigKey;
  maxMessageBytes?: number;
  timeoutMs?: number;
  ttl?: number;
  now?: () => number;
}

const NO_STATUSES = 'recorded by dnswarden only: DNS has no statuses (server*Prohibited is not enforced by the primary)';
const GLUE_TYPES = ['A', 'AAAA'] as const;

function removeDelegation(name: string, d: Delegation | null): UpdateOp[] {
  const owners = new Set((d?.glue ?? []).map((g) => g.name));
  return [
    { op: 'delete-rrset', name, type: 'NS' }, { op: 'delete-rrset', name, type: 'DS' },
    ...[...owners].flatMap((o) => GLUE_TYPES.map((type): UpdateOp => ({ op: 'delete-rrset', name: o, type }))),
  ];
}

function addDelegation(name: string, d: Delegation, ttl: number): UpdateOp[] {
  return [
    ...d.ns.map((data): UpdateOp => ({ op: 'add', name, type: 'NS', ttl, data })),
    ...d.glue.map((g): UpdateOp => ({ op: 'add', name: g.name, type: g.type as 'A' | 'AAAA', ttl: g.ttl, data: g.data })),
    ...d.ds.map((r): UpdateOp => ({ op: 'add', name, type: 'DS', ttl: r.ttl, data: r.data })),
  ];
}

const GLUE_ITEM = '(sinkhole glue)';

function sinkholeGlue(s: Sinkhole, zone: string): UpdateOp[] {
  const inZone = s.nameservers.filter((n) => n.endsWith(`.${zone}`) || zone === '.');
  return inZone.flatMap((n) => s.addresses.map((a): UpdateOp => ({ op: 'add', name: n, type: a.includes(':') ? 'AAAA' : 'A', ttl: 300, data: a })));
}

export class DnsUpdateConnector implements RegistryConnector {
  readonly kind = 'dns-update' as const;
  readonly hasStatuses = false;
  readonly #o: DnsUpdateOptions;
  constructor(o: DnsUpdateOptions) { this.#o = o; }

  async read(names: readonly string[], progress?: Progress): Promise<Map<string, Observed>> {
    const ours = names.filter((n) => zoneOf(n, this.#o.zones));
    const seen = await readDelegations({ ...this.#o.primary, timeoutMs: this.#o.timeoutMs ?? 10_000 }, ours, progress);
    return new Map(names.map((n) => [n, seen.get(n) ?? { exists: false, delegation: null, statuses: null, unusable: 'outside the registry zones' }]));
  }

  /** The UPDATE operations of one change; null when DNS is not touched. */
  opsFor(c: Change, sinkhole: Sinkhole | null, zone: string): UpdateOp[] | null {
    const ttl = this.#o.ttl ?? 300;
    const sink = (): UpdateOp[] => {
      if (!sinkhole) throw new Error('registry.sinkhole is not configured');
      return sinkhole.nameservers.map((data): UpdateOp => ({ op: 'add', name: c.name, type: 'NS', ttl, data }));
    };
    switch (c.action) {
      case 'hold': case 'delete': return removeDelegation(c.name, c.observed.delegation);
      case 'sinkhole': return [...removeDelegation(c.name, c.observed.delegation), ...sink()];
      case 'unhold': case 'unsinkhole':
        if (!c.restore) throw new Error('no recorded delegation to restore');
        return [...removeDelegation(c.name, c.observed.delegation), ...addDelegation(c.name, c.restore, ttl)];
      case 'block': return c.next.status === 'reserved-sinkholed' ? sink() : null;
      case 'unblock': return c.observed.delegation ? removeDelegation(c.name, c.observed.delegation) : null;
      case 'lock': case 'unlock': return null;
    }
  }

  async apply(changes: readonly Change[], sinkhole: Sinkhole | null, progress?: Progress): Promise<Map<string, ApplyResult>> {
    const out = new Map<string, ApplyResult>();
    const byZone = new Map<string, NameOps[]>();
    const needsSink = changes.some((c) => c.action === 'sinkhole' || (c.action === 'block' && c.next.status === 'reserved-sinkholed'));
    for (const c of changes) {
      const zone = zoneOf(c.name, this.#o.zones);
      if (!zone) { out.set(c.name, { error: 'outside the registry zones' }); continue; }
      let ops: UpdateOp[] | null;
      try { ops = this.opsFor(c, sinkhole, zone); } catch (err) { out.set(c.name, { error: (err as Error).message }); continue; }
      if (ops === null) { out.set(c.name, { error: null, ...(c.action === 'lock' || c.action === 'unlock' ? { note: NO_STATUSES } : {}) }); continue; }
      let items = byZone.get(zone);
      if (!items) {
        items = [];
        byZone.set(zone, items);
        // The sinkhole nameservers' own addresses, once per zone (adding an existing record changes nothing).
        if (sinkhole && needsSink) items.push({ name: GLUE_ITEM, ops: sinkholeGlue(sinkhole, zone) });
      }
      items.push({ name: c.name, ops });
    }
    let done = out.size;
    for (const [zone, items] of byZone) {
      const send = (body: Buffer[], count: number) => sendUpdate({ ...this.#o.primary, zone, key: this.#o.tsig, timeoutMs: this.#o.timeoutMs ?? 10_000,
        now: this.#o.now ?? Date.now }, body, count);
      const byName = new Map(items.map((i) => [i.name, i]));
      for (const batch of packBatches(items, this.#o.maxMessageBytes ?? 60_000)) {
        const error = await send(batch.body, batch.count);
        const names = batch.names.filter((n) => n !== GLUE_ITEM);
        // The primary refused the whole message (policy, a bad record): one UPDATE per name finds which.
        // Not for transport or key problems, which every name would share.
        const isolate = error !== null && names.length > 1 && /^the primary answered (REFUSED|FORMERR|SERVFAIL|NOTZONE|YXRRSET|NXRRSET|YXDOMAIN|NXDOMAIN)$/.test(error);
        if (isolate && batch.names.includes(GLUE_ITEM)) {
          const glue = packBatches([byName.get(GLUE_ITEM)!], Number.MAX_SAFE_INTEGER)[0];
          await send(glue.body, glue.count);
        }
        for (const n of names) {
          const one = isolate ? packBatches([byName.get(n)!], Number.MAX_SAFE_INTEGER)[0] : null;
          out.set(n, { error: one ? await send(one.body, one.count) : error });
        }
        done += names.length;
        progress?.(done, changes.length);
      }
    }
    return new Map(changes.map((c) => [c.name, out.get(c.name)!]));
  }

  async close(): Promise<void> {}
}

// Reading names from the zone's primary for the dns-update connector: one NS query per name (no
// recursion), many in flight. A referral whose owner is the name is its delegation (NS in authority,
// glue in additional — only glue below the name belongs to it), then its DS set; NXDOMAIN is an
// unregistered name; anything else makes the name unusable with the reason.
export interface ReadTarget { address: string; port: number; timeoutMs: number }

function observe(name: string, a: DnsAnswer): Observed | 'ds' {
  const none = { exists: false, delegation: null, statuses: null };
  if (a.outcome !== 'answer') return { ...none, error: `${a.outcome}${a.error ? `: ${a.error}` : ''}` };
  if (a.rcode === 'NXDOMAIN') return none;
  if (a.rcode !== 'NOERROR') return { ...none, error: `the primary answered ${a.rcode}` };
  const ns = a.authority.filter((r) => r.type === 'NS');
  if (!a.aa && ns.length > 0) return ns[0].name === name ? 'ds' : { ...none, exists: true, unusable: `below the delegation of ${ns[0].name}` };
  if (a.aa && a.answer.some((r) => r.type === 'NS')) return { ...none, exists: true, unusable: 'is a zone apex served by the primary' };
  return { ...none, exists: true, unusable: 'exists in the zone but is not a delegation' };
}

/** Observed state per name, in the order given. */
export async function readDelegations(t: ReadTarget, names: readonly string[], progress?: Progress): Promise<Map<string, Observed>> {
  const client = createDnsClient({ maxInFlight: 200, udpSockets: 8 });
  const out = new Map<string, Observed>();
  let done = 0;
  try {
    const one = async (name: string): Promise<void> => {
      const a = await client.query({ address: t.address, port: t.port, name, type: 'NS', timeoutMs: t.timeoutMs });
      const seen = observe(name, a);
      if (seen !== 'ds') out.set(name, seen);
      else {
        const ds = await client.query({ address: t.address, port: t.port, name, type: 'DS', timeoutMs: t.timeoutMs });
        const glue = a.additional.filter((r) => (r.type === 'A' || r.type === 'AAAA') && r.name.endsWith(`.${name}`));
        out.set(name, {
          exists: true, statuses: null,
          delegation: { ns: a.authority.filter((r) => r.type === 'NS' && r.name === name).map((r) => r.data).sort(), glue,
            ds: ds.outcome === 'answer' ? ds.answer.filter((r) => r.type === 'DS') : [] },
          ...(ds.outcome !== 'answer' ? { error: `DS: ${ds.outcome}` } : {}),
        });
      }
      progress?.(++done, names.length);
    };
    await Promise.all(names.map(one));
  } finally {
    await client.close();
  }
  return new Map(names.map((n) => [n, out.get(n)!]));
}
