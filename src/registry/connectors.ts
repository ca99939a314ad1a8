// The registry connectors by kind (issue 11 item 5): each lives in its own folder with its config
// schema (src/config/registry-config.ts plugs the schemas in), README paragraph and tests, and passes
// the shared contract (connector.contract.ts).
import type { RegistrySettings, ResolvedConnector } from '../config/registry-config.ts';
import type { RegistryConnector } from './connector.ts';
import { readFileSync } from 'node:fs';
import { DnsUpdateConnector } from './dns-update/dns-update-connector.ts';
import { EppConnector } from './epp/epp-connector.ts';

type Factory = (c: ResolvedConnector, zones: string[]) => RegistryConnector;

export const CONNECTORS: Readonly<Record<ResolvedConnector['kind'], Factory>> = {
  'dns-update': (c, zones) => {
    if (c.kind !== 'dns-update') throw new Error('not a dns-update connector');
    return new DnsUpdateConnector({ zones, primary: c.primary, tsig: c.tsig, maxMessageBytes: c.maxMessageBytes, timeoutMs: c.timeoutMs });
  },
  epp: (c, zones) => {
    if (c.kind !== 'epp') throw new Error('not an epp connector');
    const tls = { ca: readFileSync(c.tls.ca), cert: readFileSync(c.tls.cert), key: readFileSync(c.tls.key), ...(c.tls.serverName ? { servername: c.tls.serverName } : {}) };
    return new EppConnector({ zones, server: c.server, tls, clientId: c.clientId, password: c.password, timeoutMs: c.timeoutMs });
  },
};

export function openConnector(r: RegistrySettings): RegistryConnector {
  return CONNECTORS[r.connector.kind](r.connector, r.zones);
}
