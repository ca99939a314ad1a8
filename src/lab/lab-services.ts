// The lab TLD's registration and query services: the EPP test server (TLS with a client certificate,
// src/epp), WHOIS and RDAP (lab-rdds.ts), all on 127.0.11.1 and sharing one in-memory registry seeded
// with the delegations of `lab.`. `lab up` prepares them (certificates under <dir>/epp/, ports: 700, 43
// and 8080 when they can be bound, else free ones) and writes them into the config; the daemon starts
// them; `dnswarden lab fault <epp|whois|rdap> stop|start|delay <d>|garbage [off]|silent [off]|clear`.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startEppTestServer, type EppTestServer } from '../epp/epp-test-server.ts';
import { makeTestCertificates } from '../epp/test-certificates.ts';
import { tryParseDuration } from '../config/duration.ts';
import type { NodeStatus } from './lab-control.ts';
import { FaultUsageError, type NodeFaults } from './lab-faults.ts';
import { freeTcpPort } from './lab-mail-sink.ts';
import { startLabRdap, startLabWhois, type RddsServer } from './lab-rdds.ts';

export const LAB_SERVICES_ADDRESS = '127.0.11.1';
export const LAB_SERVICE_NAMES = ['epp', 'whois', 'rdap'] as const;
export type LabServiceName = (typeof LAB_SERVICE_NAMES)[number];
/** The probe logs in with these (the lab's EPP password; test data, not a secret). */
export const LAB_EPP_CLIENT = { clientId: 'dnswarden', password: 'lab-probe-1' } as const;
/** The registry's own EPP client (for an `epp` registry connector pointed at the lab). */
export const LAB_EPP_REGISTRY_CLIENT = { clientId: 'lab-registry', password: 'lab-registry-1' } as const;
/** The name WHOIS and RDAP are asked for. */
export const LAB_KNOWN_NAME = 'gov.lab';

export interface LabServicesState { address: string; epp: number; whois: number; rdap: number; certDir: string }

const LAB_DOMAINS = [
  { name: 'example.lab', ns: ['ns1.example.lab', 'ns2.example.lab'] },
  { name: 'news.lab', ns: ['ns1.news.lab'] },
  { name: 'gov.lab', ns: ['ns1.gov.lab'], statuses: ['serverTransferProhibited', 'serverDeleteProhibited'] },
];

export const isLabService = (name: string): name is LabServiceName => (LAB_SERVICE_NAMES as readonly string[]).includes(name);

/** Certificates (kept across runs) and ports for the services; called by `lab up` before the config is written. */
export async function prepareLabServices(dir: string): Promise<LabServicesState> {
  const certDir = path.join(dir, 'epp');
  mkdirSync(certDir, { recursive: true });
  if (!existsSync(path.join(certDir, 'client.key'))) makeTestCertificates(certDir, LAB_EPP_CLIENT.clientId);
  const address = LAB_SERVICES_ADDRESS;
  return { address, epp: await freeTcpPort(address, 700), whois: await freeTcpPort(address, 43), rdap: await freeTcpPort(address, 8080), certDir };
}

/** `<kind> [value]` for a service: the subset of faults a TCP/TLS/HTTP service has. */
export function parseServiceFault(kind: string, value: string | undefined): { kind: string; set: NodeFaults } {
  const onOff = (k: string): boolean => {
    if (value === undefined || value === 'on') return true;
    if (value === 'off') return false;
    throw new FaultUsageError(`'${k}' takes 'on' or 'off' (default on), got '${value}'`);
  };
  const none = () => { if (value !== undefined) throw new FaultUsageError(`'${kind}' takes no value (got '${value}')`); };
  switch (kind) {
    case 'stop': none(); return { kind, set: { stopped: true } };
    case 'start': none(); return { kind, set: { stopped: false } };
    case 'clear': none(); return { kind, set: { stopped: false, delayMs: 0, silent: false, garbage: false } };
    case 'garbage': return { kind, set: { garbage: onOff(kind) } };
    case 'silent': return { kind, set: { silent: onOff(kind) } };
    case 'delay': {
      const ms = value === '0' ? 0 : tryParseDuration(value);
      if (ms === undefined) throw new FaultUsageError(`'delay' takes a duration such as 500ms or 3s, got '${value ?? ''}'`);
      return { kind, set: { delayMs: ms } };
    }
    default: throw new FaultUsageError(`unknown fault '${kind}' for a service: use stop, start, delay <d>, garbage [off], silent [off] or clear`);
  }
}

export class LabServices {
  readonly state: LabServicesState;
  readonly #servers: Record<LabServiceName, EppTestServer | RddsServer>;

  private constructor(state: LabServicesState, servers: Record<LabServiceName, EppTestServer | RddsServer>) {
    this.state = state;
    this.#servers = servers;
  }

  static async start(state: LabServicesState, log: (line: string) => void): Promise<LabServices> {
    const read = (f: string) => readFileSync(path.join(state.certDir, f), 'utf8');
    const epp = await startEppTestServer({
      address: state.address, port: state.epp, tls: { cert: read('server.pem'), key: read('server.key'), ca: read('ca.pem'), requireClientCert: true },
      clients: { [LAB_EPP_CLIENT.clientId]: LAB_EPP_CLIENT.password, [LAB_EPP_REGISTRY_CLIENT.clientId]: LAB_EPP_REGISTRY_CLIENT.password },
      domains: LAB_DOMAINS.map((d) => ({ ...d, clID: LAB_EPP_REGISTRY_CLIENT.clientId })), svID: 'dnswarden lab EPP (test server)', log,
    });
    const whois = await startLabWhois({ address: state.address, port: state.whois, registry: epp.registry });
    const rdap = await startLabRdap({ address: state.address, port: state.rdap, registry: epp.registry });
    log(`EPP test server on ${state.address}:${epp.port} (TLS, client certificate), WHOIS on :${whois.port}, RDAP on http://${state.address}:${rdap.port}/rdap/`);
    return new LabServices(state, { epp, whois, rdap });
  }

  status(name: LabServiceName): NodeStatus {
    const server = this.#servers[name];
    const faults = server.getFaults() as NodeFaults;
    return { key: name, address: server.address, port: server.port, role: 'service', server: name, faults, running: !faults.stopped };
  }

  async fault(name: LabServiceName, set: NodeFaults): Promise<NodeStatus> {
    const { stopped, delayMs, silent, garbage } = set;
    const change = Object.fromEntries(Object.entries({ stopped, delayMs, silent, garbage }).filter(([, v]) => v !== undefined));
    await this.#servers[name].setFaults(change);
    return this.status(name);
  }

  async close(): Promise<void> {
    await Promise.allSettled(Object.values(this.#servers).map((s) => s.close()));
  }
}

/** The lab-tld system's `services` block (4-space indent); `certDir` relative to the config's folder (e.g. ./epp). */
export function labServicesYaml(s: LabServicesState): string {
  const file = (f: string) => JSON.stringify(`${s.certDir}/${f}`);
  return `    services:
      registration:
        epp: { address: ${s.address}, port: ${s.epp}, tls: { ca: ${file('ca.pem')}, cert: ${file('client.pem')}, key: ${file('client.key')}, serverName: localhost }, clientId: ${LAB_EPP_CLIENT.clientId}, password: ${LAB_EPP_CLIENT.password} }
      whois: { address: ${s.address}, port: ${s.whois}, knownName: ${LAB_KNOWN_NAME} }
      rdap: { url: "http://${s.address}:${s.rdap}/rdap/", knownName: ${LAB_KNOWN_NAME} }
`;
}
