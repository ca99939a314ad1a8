// What the DNS client offers the probe engine. The implementation (dns-client.ts) sends real
// queries over UDP/TCP with @leichtgewicht/dns-packet for the wire format.
import type { ZoneRecord } from '../zone/zone-types.ts';

export type Transport = 'udp' | 'tcp';

export interface DnsQuery {
  address: string;          // server IPv4/IPv6 address
  port: number;
  name: string;             // absolute or relative; sent as given, compared case-insensitively
  type: string;             // "SOA", "A", ...
  transport?: Transport;    // default udp, with TCP fallback when the answer is truncated
  timeoutMs: number;
  dnssecOk?: boolean;       // EDNS0 DO bit (EDNS0 is always sent, 1232-byte buffer)
  recursionDesired?: boolean; // default false (authoritative probing); true for resolvers
  checkingDisabled?: boolean;
}

/** How a query ended. 'answer' means a well-formed, matching response arrived (any RCODE). */
export type DnsOutcome = 'answer' | 'timeout' | 'network-error' | 'malformed';

export interface DnsAnswer {
  outcome: DnsOutcome;
  transport: Transport;     // the transport that produced the final answer
  latencyMs: number | null; // from send to matching answer (of the final transport), null if none
  rcode?: string;           // 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | ...
  aa?: boolean;
  tc?: boolean;
  ra?: boolean;
  answer: ZoneRecord[];     // answer section, canonical presentation form
  authority: ZoneRecord[];
  additional: ZoneRecord[]; // without OPT
  error?: string;           // for network-error / malformed: what happened
}

export interface DnsClient {
  query(q: DnsQuery): Promise<DnsAnswer>;
  close(): Promise<void>;
}
