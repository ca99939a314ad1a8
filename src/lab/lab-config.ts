// The dnswarden configuration that watches the lab: the organisations of the contracts' example,
// one system per lab server group, key domain www.gov.lab through the lab resolver. Pure text
// generation (the caller writes the file), so tests can make variants (sample: all, other ports).
import { randomBytes } from 'node:crypto';
import { LAB_NODES, LAB_ZONE_FILES } from './lab-topology.ts';
import { labServicesYaml, type LabServicesState } from './lab-services.ts';

export interface SystemNodeSpec { id: string; address: string; port: number }

export interface LabConfigOptions {
  /** Nodes per system id (lab-tld, big-dns-auth, bj-resolver, news-dns, gov-dns). */
  nodes: Record<string, SystemNodeSpec[]>;
  /** Zone files relative to the config's folder (or absolute), by origin. */
  zoneFiles: Record<string, string>;
  /** Names checked per node per cycle for every system with truth (default 2000, as in the example). */
  sample?: number | 'all';
  /** Per-system override of `sample` (bj-resolver gets a check block only when named here; else the default 2000). */
  sampleBySystem?: Record<string, number | 'all'>;
  timeout?: string;
  interval?: string;
  /** probing.inFlight: queries in flight per node (omitted: the default). */
  inFlight?: number;
  /** API bearer token (default: 32 random hex characters). */
  token?: string;
  httpListen?: string;
  /** notifications.email: the SMTP server (e.g. smtp://127.0.0.1:2525); omitted: no email channel. */
  smtp?: string;
  /** notifications.email.from (default dnswarden@lab.invalid). */
  mailFrom?: string;
  /** lab.mailbox: the lab mail sink's folder, relative to the config (omitted: no Lab mail page). */
  labMailbox?: string;
  /** The lab TLD's EPP/WHOIS/RDAP servers (lab-services.ts), certDir relative to the config; omitted: no services block. */
  services?: LabServicesState;
  /** gov.lab. is signed (lab-dnssec.ts): gov-dns gets check.dnssec. */
  dnssec?: boolean;
  /** Emergency contacts per organisation id (default: LAB_CONTACTS); seeded into the store by `serve`. */
  contacts?: Record<string, LabContact[]>;
  /** rules.openAfterCycles / rules.resolveAfterCycles (omitted: the defaults). */
  openAfterCycles?: number;
  resolveAfterCycles?: number;
}

export interface LabContact { name: string; role: 'primary' | 'backup'; email?: string; phone?: string; webhook?: string }

/** The lab's default contacts: every organisation that runs a lab system, and the emergency office, so incidents reach somebody. */
export const LAB_CONTACTS: Record<string, LabContact[]> = {
  'lab-registry': [
    { name: 'Registry duty desk', role: 'primary', email: 'duty@registry.lab.invalid', phone: '+86 10 5555 0101' },
    { name: 'Registry backup', role: 'backup', email: 'backup@registry.lab.invalid' },
  ],
  office: [
    { name: 'Emergency office duty', role: 'primary', email: 'duty@office.lab.invalid', phone: '+86 10 5555 0100' },
    { name: 'Emergency office backup', role: 'backup', email: 'backup@office.lab.invalid' },
  ],
  'big-dns': [{ name: 'Big DNS operations', role: 'primary', email: 'noc@big-dns.lab.invalid' }],
  'bj-telecom': [{ name: 'Beijing Telecom DNS desk', role: 'primary', email: 'dns@bj-telecom.lab.invalid' }],
  news: [{ name: 'News site operations', role: 'primary', email: 'ops@news.lab.invalid' }],
  'gov-web': [{ name: 'Gov site operations', role: 'primary', email: 'ops@gov.lab.invalid' }],
};

const ORGANIZATIONS = `organizations:
  - id: office
    role: emergency-office            # 互联网应急办
    name: { zh: 互联网应急办, en: National Internet Emergency Office }
  - id: bj-authority
    role: provincial-authority        # 省通信管理局
    province: BJ
    name: { zh: 北京市通信管理局, en: Beijing Communications Administration }
  - id: cert
    role: cert                        # CNCERT
  - id: lab-registry
    role: registry                    # 域名注册管理机构
    licensedBy: national
  - id: big-dns
    role: dns-provider                # 域名服务机构
    grade: 1
    licensedBy: national
  - id: small-dns
    role: dns-provider
    grade: 2
    licensedBy: BJ
  - id: bj-telecom
    role: telecom                     # 电信运营企业
  - id: news
    role: website                     # 互联网站
    grade: 1
    licensedBy: BJ
  - id: gov-web
    role: website                     # the key domain's own site (lab addition)
    grade: 1
    licensedBy: national
`;

function contactsYaml(org: string, contacts: Record<string, LabContact[]>): string {
  const list = contacts[org];
  if (!list || list.length === 0) return '';
  const item = (c: LabContact): string => `      - { ${Object.entries(c).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }\n`;
  return `    contacts:\n${list.map(item).join('')}`;
}

/** ORGANIZATIONS with each organisation's contacts inserted after its block. */
function organizationsYaml(contacts: Record<string, LabContact[]>): string {
  const blocks = ORGANIZATIONS.split(/(?=^  - id: )/m);
  return blocks.map((b) => {
    const id = /^  - id: (\S+)/.exec(b)?.[1];
    return id ? b + contactsYaml(id, contacts) : b;
  }).join('');
}

function nodesYaml(nodes: SystemNodeSpec[] | undefined): string {
  if (!nodes || nodes.length === 0) return '    nodes: []\n';
  return `    nodes:\n${nodes.map((n) => `      - { id: ${n.id}, address: ${n.address}, port: ${n.port} }\n`).join('')}`;
}

const q = (s: string): string => JSON.stringify(s);

export function labConfigText(options: LabConfigOptions): string {
  const sampleOf = (system: string): string => String(options.sampleBySystem?.[system] ?? options.sample ?? 2000);
  const zone = (origin: string): string => {
    const file = options.zoneFiles[origin];
    if (!file) throw new Error(`no zone file given for ${origin}`);
    return q(file);
  };
  const token = options.token ?? randomBytes(16).toString('hex');
  return `# dnswarden configuration for the local DNS lab (written by 'dnswarden lab up'; safe to edit).
# Every address is on loopback; the lab's servers listen on the port given per node.

${organizationsYaml(options.contacts ?? LAB_CONTACTS)}
systems:
  - id: lab-tld
    org: lab-registry
    kind: tld
    zone: lab.
${nodesYaml(options.nodes['lab-tld'])}    truth: { zonefile: ${zone('lab.')} }
    check:
      sample: ${sampleOf('lab-tld')}
    keyDomains: [gov.lab]
${options.services ? labServicesYaml(options.services) : ''}
  - id: big-dns-auth
    org: big-dns
    kind: authoritative
    zones: [example.lab.]
${nodesYaml(options.nodes['big-dns-auth'])}    truth: { zonefile: ${zone('example.lab.')} }
    check:
      sample: ${sampleOf('big-dns-auth')}

  - id: bj-resolver
    org: bj-telecom
    kind: recursive
    scope: province
    provinces: [BJ]
${nodesYaml(options.nodes['bj-resolver'])}${options.sampleBySystem?.['bj-resolver'] !== undefined ? `    check:\n      sample: ${sampleOf('bj-resolver')}\n` : ''}
  - id: news-dns
    org: news
    kind: website-dns
    zones: [news.lab.]
${nodesYaml(options.nodes['news-dns'])}    truth: { zonefile: ${zone('news.lab.')} }
    check:
      sample: ${sampleOf('news-dns')}

  - id: gov-dns
    org: gov-web
    kind: website-dns
    zones: [gov.lab.]
${nodesYaml(options.nodes['gov-dns'])}    truth: { zonefile: ${zone('gov.lab.')} }
    check:
      sample: ${sampleOf('gov-dns')}
${options.dnssec ? '      dnssec: true                    # gov.lab. is signed (lab-dnssec.ts): signatures are data\n' : ''}
keyDomains:
  - name: www.gov.lab
    types: [A, AAAA]
    expect: authoritative
    via: [bj-resolver]

probing:
  interval: ${options.interval ?? '10s'}
  timeout: ${options.timeout ?? '10s'}
  transports: [udp]
${options.inFlight !== undefined ? `  inFlight: ${options.inFlight}\n` : ''}
rules:
  ruleset: miit-domain-security-2011
${options.openAfterCycles !== undefined ? `  openAfterCycles: ${options.openAfterCycles}\n` : ''}${options.resolveAfterCycles !== undefined ? `  resolveAfterCycles: ${options.resolveAfterCycles}\n` : ''}${options.smtp ? `
notifications:
  email: { smtp: ${q(options.smtp)}, from: ${q(options.mailFrom ?? 'dnswarden@lab.invalid')} }
` : ''}
${options.labMailbox ? `
# The lab's SMTP sink (started by 'dnswarden lab up') stores every message here: 'dnswarden lab mail' lists them.
lab:
  mailbox: ${q(options.labMailbox)}
` : ''}
database:
  url: null

http:
  listen: ${options.httpListen ?? '127.0.0.1:8053'}
  token: ${q(token)}
`;
}

/** The options for the lab itself: every node of LAB_NODES on `port`, zone files under ./zones/. */
export function labConfigOptions(port: number, extra: Partial<LabConfigOptions> = {}): LabConfigOptions {
  const nodes: Record<string, SystemNodeSpec[]> = {};
  for (const node of LAB_NODES) (nodes[node.system] ??= []).push({ id: node.id, address: node.address, port });
  const zoneFiles = Object.fromEntries(LAB_ZONE_FILES.map((z) => [z.origin, `./zones/${z.file}`]));
  return { nodes, zoneFiles, ...extra };
}
