// resolveAndValidate: iterative resolution from a trust anchor's zone, validating every step — the
// DNSKEY RRset of each zone from its anchor (DS from the validated parent), each referral's DS RRset or
// the parent's proof that there is none, and finally the answer or the denial. The one file of
// src/dnssec that does I/O (through the DnsClient it is given); the checks are the pure functions.
import type { DnsAnswer, DnsClient } from '../dns/dns-client-types.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';
import { typeNumber } from '../zone/rr-types.ts';
import type { Rr, Status, ValidationContext, Verdict, ZoneKeys } from './types.ts';
import { TYPE, indeterminate } from './types.ts';
import { encodableRrs } from './records.ts';
import type { TrustAnchor } from './records.ts';
import type { ZoneAnchor } from './zone-keys.ts';
import { verifyZoneKeys } from './zone-keys.ts';
import { validateRRset } from './validate-rrset.ts';
import { validateNoDs } from './denial.ts';
import { validateAnswer } from './validate-answer.ts';
import { isAtOrBelow, labelCount } from './wire-names.ts';
import { parseRrsig } from './rdata-parse.ts';

export interface Server { address: string; port: number }

export interface ChainStep { zone: string; status: Status; algorithms: number[]; signaturesExpireAt: string | null }

export interface DnssecResult {
  name: string;
  type: string;
  status: Status;
  reason: string | null;
  detail?: string;
  chain: ChainStep[];
  answer: string[];
}

export interface ResolveOptions {
  name: string;          // absolute, lower-case
  type: string;          // mnemonic
  anchor: TrustAnchor;
  servers: Server[];     // the anchor zone's servers
  client: DnsClient;
  ctx: ValidationContext;
  timeoutMs?: number;
  /** CNAME hops taken so far (internal; at most 8). */
  depth?: number;
}

const ROOT_HINTS = ['198.41.0.4', '170.247.170.2', '192.33.4.12', '199.7.91.13', '192.203.230.10', '192.5.5.241',
  '192.112.36.4', '198.97.190.53', '192.36.148.17', '192.58.128.30', '193.0.14.129', '199.7.83.42', '202.12.27.33'];
export const rootHints = (): Server[] => ROOT_HINTS.map((address) => ({ address, port: 53 }));

const iso = (s: number | undefined): string | null => (s === undefined ? null : new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
const text = (r: ZoneRecord): string => `${r.name} ${r.ttl} IN ${r.type} ${r.data}`;

// Unencodable records are left out; their signatures then fail.
const toRrs = encodableRrs;

/** The first usable answer from the servers in turn; `apex` asks for an authoritative NOERROR (a zone's own DNSKEY). */
async function ask(o: ResolveOptions, servers: Server[], name: string, type: string, apex = false): Promise<DnsAnswer | null> {
  for (const s of servers) {
    const a = await o.client.query({ address: s.address, port: s.port, name, type, dnssecOk: true, timeoutMs: o.timeoutMs ?? 3000 });
    if (a.outcome !== 'answer') continue;
    if (apex ? a.rcode === 'NOERROR' && a.aa === true : a.rcode === 'NOERROR' || a.rcode === 'NXDOMAIN') return a;
  }
  return null;
}

/** Resolves and validates; never throws for DNS trouble (indeterminate instead). */
export async function resolveAndValidate(o: ResolveOptions): Promise<DnssecResult> {
  const result: DnssecResult = { name: o.name, type: o.type, status: 'indeterminate', reason: null, chain: [], answer: [] };
  const finish = (v: Verdict): DnssecResult => {
    result.status = v.status; result.reason = v.reason;
    if (v.detail) result.detail = v.detail;
    return result;
  };
  const qtype = typeNumber(o.type);
  let zone = o.anchor.zone;
  let servers = o.servers;
  let anchor: ZoneAnchor | null = o.anchor.anchor;
  let keys: ZoneKeys | null = null;
  let insecureWhy = 'unsigned-zone';
  for (let step = 0; step < 32; step++) {
    if (anchor) {
      const k = await ask(o, servers, zone, 'DNSKEY', true);
      if (!k) return finish(indeterminate('no-answer', `${zone} DNSKEY: no server gave an authoritative answer`));
      const rrs = toRrs(k.answer);
      const kv = verifyZoneKeys(zone, rrs.filter((r) => r.type === TYPE.DNSKEY && r.name === zone), rrs.filter((r) => r.type === TYPE.RRSIG), anchor, o.ctx);
      result.chain.push({ zone, status: kv.status, algorithms: kv.algorithms ?? [], signaturesExpireAt: iso(kv.expiresAt) });
      if (kv.status === 'bogus' || kv.status === 'indeterminate') return finish(kv);
      keys = kv.status === 'secure' ? kv.keys! : null;
      if (kv.status === 'insecure') insecureWhy = kv.reason ?? insecureWhy;
      anchor = null;
    } else if (!keys && !result.chain.some((c) => c.zone === zone)) {
      result.chain.push({ zone, status: 'insecure', algorithms: [], signaturesExpireAt: null });
    }
    const a = await ask(o, servers, o.name, o.type);
    if (!a) return finish(indeterminate('no-answer', `${o.name} ${o.type}: no server answered`));
    const authority = toRrs(a.authority);
    // The next zone down: an NS referral, or (a server authoritative for parent and child) the zone
    // named by the answer's signer or its SOA.
    const referral = a.authority.find((r) => r.type === 'NS' && r.name !== zone && isAtOrBelow(r.name, zone) && isAtOrBelow(o.name, r.name));
    let child = !a.aa && referral ? referral.name : undefined;
    if (!child && a.aa) {
      const soa = a.authority.find((r) => r.type === 'SOA');
      const sig = toRrs(a.answer).find((r) => r.type === TYPE.RRSIG);
      const inner = soa?.name ?? (sig ? safeSigner(sig) : undefined);
      if (inner && inner !== zone && isAtOrBelow(inner, zone) && labelCount(inner) > labelCount(zone)) child = inner;
    }
    if (child) {
      if (keys) {
        // A referral carries the DS (or its denial) in its authority section; otherwise ask for it.
        let ds: Rr[], sigs: Rr[], dsAuthority: Rr[];
        if (!a.aa) {
          ds = authority.filter((r) => r.type === TYPE.DS && r.name === child);
          sigs = dsAuthority = authority;
        } else {
          const d = await ask(o, servers, child, 'DS');
          sigs = toRrs(d?.answer ?? []);
          ds = sigs.filter((r) => r.type === TYPE.DS && r.name === child);
          dsAuthority = toRrs(d?.authority ?? []);
        }
        if (ds.length) {
          const v = validateRRset(ds, sigs.filter((r) => r.type === TYPE.RRSIG), keys, o.ctx);
          if (v.status !== 'secure') return finish(v);
          anchor = { ds };
        } else {
          const v = validateNoDs(child, dsAuthority, keys, o.ctx);
          if (v.status !== 'insecure') return finish(v);
          insecureWhy = v.reason ?? insecureWhy;
          keys = null;
        }
      }
      if (!a.aa) {
        const glue = a.additional.filter((r) => (r.type === 'A' || r.type === 'AAAA') &&
          a.authority.some((n) => n.type === 'NS' && n.name === child && n.data === r.name));
        const port = o.servers[0]?.port ?? 53;
        servers = glue.map((g) => ({ address: g.data, port }));
        if (servers.length === 0) {
          // Out-of-bailiwick name servers: look their addresses up from the top (not validated: where
          // a zone is served does not change what its signatures prove).
          const targets = a.authority.filter((n) => n.type === 'NS' && n.name === child).map((n) => n.data).slice(0, 3);
          for (const t of targets) servers.push(...(await lookupAddresses(o, t, 1)).map((address) => ({ address, port })));
        }
        if (servers.length === 0) return finish(indeterminate('no-glue', `${child}: referral without glue, name servers not found`));
      }
      zone = child;
      continue;
    }
    // Neither a referral nor authoritative: a lame (or lying) server, not evidence about signatures.
    if (!a.aa) return finish(indeterminate('lame', `${o.name} ${o.type}: answer without AA and without a referral`));
    result.answer = a.answer.filter((r) => r.type !== 'RRSIG').map(text);
    let v: Verdict = { status: 'insecure', reason: insecureWhy };
    let judged = a.answer;
    if (keys) {
      const av = validateAnswer({ qname: o.name, qtype, rcode: a.rcode ?? 'NOERROR', answer: a.answer, authority }, keys, o.ctx);
      judged = a.answer.filter((r) => !av.otherZone.includes(r.name));
      v = av;
    }
    const target = v.status === 'bogus' ? null : cnameTarget(judged, o.name, o.type);
    if (target && (o.depth ?? 0) < 8) {
      // The alias points elsewhere: resolve the target from the anchor; the weaker verdict wins.
      const next = await resolveAndValidate({ ...o, name: target, depth: (o.depth ?? 0) + 1 });
      for (const line of next.answer) if (!result.answer.includes(line)) result.answer.push(line);
      for (const c of next.chain) if (!result.chain.some((x) => x.zone === c.zone)) result.chain.push(c);
      if ((next.status !== 'secure' && v.status === 'secure') || next.status === 'bogus' || next.status === 'indeterminate') {
        v = { status: next.status, reason: next.reason, detail: next.detail };
      }
    }
    return finish(v);
  }
  return finish(indeterminate('loop', 'too many referrals'));
}

/** Unvalidated iterative A lookup from the anchor's servers, following referrals (glue, or one level of lookups). */
async function lookupAddresses(o: ResolveOptions, name: string, depth: number): Promise<string[]> {
  let servers = o.servers;
  for (let step = 0; step < 16; step++) {
    const a = await ask(o, servers, name, 'A');
    if (!a) return [];
    const found = a.answer.filter((r) => r.type === 'A' && r.name === name).map((r) => r.data);
    if (found.length || a.aa) return found;
    const ns = a.authority.filter((r) => r.type === 'NS' && isAtOrBelow(name, r.name)).map((r) => r.data);
    let next = a.additional.filter((r) => r.type === 'A' && ns.includes(r.name)).map((r) => ({ address: r.data, port: o.servers[0]?.port ?? 53 }));
    if (next.length === 0 && depth > 0 && ns.length) {
      next = (await lookupAddresses(o, ns[0], depth - 1)).map((address) => ({ address, port: o.servers[0]?.port ?? 53 }));
    }
    if (next.length === 0) return [];
    servers = next;
  }
  return [];
}

/** The end of the answer's CNAME chain from name when it holds no record of the type asked, else null. */
function cnameTarget(answer: ZoneRecord[], name: string, type: string): string | null {
  let at = name;
  for (let hop = 0; hop < 8; hop++) {
    if (answer.some((r) => r.name === at && r.type === type)) return null;
    const c = answer.find((r) => r.name === at && r.type === 'CNAME');
    if (!c) break;
    at = c.data;
  }
  return at === name || type === 'CNAME' ? null : at;
}

function safeSigner(r: Rr): string | undefined {
  try { return parseRrsig(r.rdata).signer; } catch { return undefined; }
}
