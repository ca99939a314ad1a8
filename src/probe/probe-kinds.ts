// Which probe runs for which kind of system. Services (EPP/WHOIS/RDAP) are checked for any
// system that declares them, by the engine, whatever its kind.
import type { SystemKind } from '../core/snapshot.ts';
import { dnsNodeProbe } from './dns-node/probe-dns-node.ts';
import type { ProbeKind } from './probe-types.ts';
import { recursiveProbe } from './recursive/probe-recursive.ts';

export const probeKinds: Record<SystemKind, ProbeKind> = {
  tld: dnsNodeProbe,
  authoritative: dnsNodeProbe,
  'website-dns': dnsNodeProbe,
  recursive: recursiveProbe,
  // A registration system is measured through its services; any DNS nodes it lists are probed like
  // authoritative nodes of its zones.
  registration: dnsNodeProbe,
};

/** Kinds whose truth is authoritative data that resolvers and key domains are compared with. */
export const AUTHORITATIVE_KINDS: ReadonlySet<SystemKind> = new Set(['tld', 'authoritative', 'website-dns', 'registration']);
