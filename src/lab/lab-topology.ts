// The lab's fixed layout on loopback: which node serves which zones at which address. Pure data.
// Every node has its own 127.0.x.y address, so one port (53 when it can be bound, else a high port)
// serves them all.

export interface LabNode {
  /** "system/node" as in the configuration: "lab-tld/b". */
  key: string;
  system: string;
  id: string;
  address: string;
  /** Zones (absolute) this node serves; empty for the resolver. */
  zones: string[];
  role: 'authoritative' | 'resolver';
}

export interface LabZoneFile { origin: string; file: string }

/** Zone files, written under <dir>/zones/. */
export const LAB_ZONE_FILES: readonly LabZoneFile[] = [
  { origin: 'lab.', file: 'lab.zone' },
  { origin: 'example.lab.', file: 'example.lab.zone' },
  { origin: 'news.lab.', file: 'news.lab.zone' },
  { origin: 'gov.lab.', file: 'gov.lab.zone' },
];

export const TLD_ADDRESSES = ['127.0.10.1', '127.0.10.2', '127.0.10.3', '127.0.10.4'] as const;
export const BIG_DNS_ADDRESSES = ['127.0.20.1', '127.0.20.2'] as const;
export const RESOLVER_ADDRESS = '127.0.30.1';
export const NEWS_ADDRESS = '127.0.40.1';
export const GOV_ADDRESS = '127.0.50.1';
/** The port the lab uses when it cannot bind 53 (not root) and none is given. */
export const FALLBACK_PORT = 10053;

const auth = (system: string, id: string, address: string, zones: string[]): LabNode =>
  ({ key: `${system}/${id}`, system, id, address, zones, role: 'authoritative' });

export const LAB_NODES: readonly LabNode[] = [
  ...['a', 'b', 'c', 'd'].map((id, i) => auth('lab-tld', id, TLD_ADDRESSES[i], ['lab.'])),
  auth('big-dns-auth', 'ns1', BIG_DNS_ADDRESSES[0], ['example.lab.']),
  auth('big-dns-auth', 'ns2', BIG_DNS_ADDRESSES[1], ['example.lab.']),
  auth('news-dns', 'ns1', NEWS_ADDRESS, ['news.lab.']),
  auth('gov-dns', 'ns1', GOV_ADDRESS, ['gov.lab.']),
  { key: 'bj-resolver/r1', system: 'bj-resolver', id: 'r1', address: RESOLVER_ADDRESS, zones: [], role: 'resolver' },
];

export const resolverNode = (): LabNode => LAB_NODES.find((n) => n.role === 'resolver')!;

/**
 * A node named on the command line: "b" (a lab-tld node), "lab-tld/b", "big-dns-auth/ns1",
 * "resolver" or "r1" (the recursive resolver). Undefined when nothing matches.
 */
export function findLabNode(name: string): LabNode | undefined {
  const n = name.trim().toLowerCase();
  if (n === 'resolver' || n === 'r1' || n === 'bj-resolver') return resolverNode();
  if (/^[a-d]$/.test(n)) return LAB_NODES.find((node) => node.key === `lab-tld/${n}`);
  return LAB_NODES.find((node) => node.key === n);
}
