// Reading names from the zone's primary for the dns-update connector: one NS query per name (no
// recursion), many in flight. A referral whose owner is the name is its delegation (NS in authority,
// glue in additional — only glue below the name belongs to it), then its DS set; NXDOMAIN is an
// unregistered name; anything else makes the name unusable with the reason.
import { createDnsClient } from '../../dns/dns-client.ts';
import type { DnsAnswer } from '../../dns/dns-client-types.ts';
import type { Observed, Progress } from '../connector.ts';

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
