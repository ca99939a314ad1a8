// A DnsClient that answers from zone records in memory, like an authoritative server (or, with
// `recursive`, like a resolver that knows those zones). For unit tests of the probe logic only;
// the real-server tests under test/ use the real client and startAuthServer.
import type { DnsAnswer, DnsClient, DnsQuery } from '../../dns/dns-client-types.ts';
import type { ZoneRecord } from '../../zone/zone-types.ts';
import { isUnder } from '../../core/dns-names.ts';

export interface FakeOptions {
  recursive?: boolean;
  /** Per-query behaviour override: return an answer to use instead, or undefined for the normal one. */
  override?: (q: DnsQuery, normal: DnsAnswer) => DnsAnswer | undefined;
  latencyMs?: number;
}

export class FakeDnsClient implements DnsClient {
  readonly queries: DnsQuery[] = [];
  #records: ZoneRecord[];
  #zones: string[];
  #opts: FakeOptions;

  constructor(zones: Array<{ origin: string; records: ZoneRecord[] }>, opts: FakeOptions = {}) {
    this.#zones = zones.map(z => z.origin).sort((a, b) => b.length - a.length);
    this.#records = zones.flatMap(z => z.records);
    this.#opts = opts;
  }

  async query(q: DnsQuery): Promise<DnsAnswer> {
    this.queries.push(q);
    const normal = this.#answer(q);
    return this.#opts.override?.(q, normal) ?? normal;
  }

  async close(): Promise<void> {}

  #answer(q: DnsQuery): DnsAnswer {
    const name = q.name.toLowerCase();
    const type = q.type.toUpperCase();
    const base = { outcome: 'answer' as const, transport: q.transport ?? 'udp', latencyMs: this.#opts.latencyMs ?? 1, tc: false, ra: !!this.#opts.recursive };
    const zone = this.#zones.find(z => isUnder(name, z));
    if (!zone) return { ...base, rcode: 'REFUSED', aa: false, answer: [], authority: [], additional: [] };
    const cut = this.#records.find(r => r.type === 'NS' && r.name !== zone && !this.#zones.includes(r.name) && isUnder(name, r.name));
    if (cut && !(this.#opts.recursive)) {
      const ns = this.#records.filter(r => r.type === 'NS' && r.name === cut.name);
      const glue = this.#records.filter(r => (r.type === 'A' || r.type === 'AAAA') && ns.some(n => n.data === r.name));
      return { ...base, rcode: 'NOERROR', aa: false, answer: [], authority: ns, additional: glue };
    }
    const atName = this.#records.filter(r => r.name === name);
    const answer: ZoneRecord[] = [];
    let target = name;
    for (let hop = 0; hop < 8; hop++) {
      const direct = this.#records.filter(r => r.name === target && r.type === type);
      if (direct.length) { answer.push(...direct); break; }
      const cname = this.#records.find(r => r.name === target && r.type === 'CNAME');
      if (!cname) break;
      answer.push(cname);
      target = cname.data;
    }
    const rcode = atName.length === 0 && !this.#records.some(r => isUnder(r.name, name)) ? 'NXDOMAIN' : 'NOERROR';
    return { ...base, rcode, aa: !this.#opts.recursive, answer, authority: [], additional: [] };
  }
}

/** Builds records from compact lines "name type data" (TTL 300). */
export function records(lines: string): ZoneRecord[] {
  return lines.trim().split('\n').map(l => l.trim()).filter(Boolean).map(l => {
    const [name, type, ...data] = l.split(/\s+/);
    return { name, type, ttl: 300, data: data.join(' ') };
  });
}
