// The registry connectors by kind (issue 11 item 5): each lives in its own folder with its config
// schema (src/config/registry-config.ts plugs the schemas in), README paragraph and tests, and passes
// the shared contract (connector.contract.ts).
import type { RegistrySettings, ResolvedConnector } from '../config/registry-config.ts';
import type { RegistryConnector } from './connector.ts';
import { readFileSync } from 'node:fs';
import { DnsUpdateConnector } from './dns-update/dns-update-connector.ts';
import { EppConnector } from './epp/epp-connector.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Store } from '../store/store.ts';
import { NameService } from './name-service.ts';

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

// The agreed period of a DGA block ends (issue 11 item 5): `serve` lifts the blocks whose `until` has
// passed every deadline tick (and `dnswarden names expire` does it on demand) through the configured
// connector, recorded like any other action (actor `system`).
/** Lifts expired blocks; returns the lines to log (nothing when none expired or no registry is configured). */
export async function liftExpiredBlocks(config: ResolvedConfig, store: Store, now?: () => Date): Promise<string[]> {
  if (!config.registry) return [];
  const due = await store.listNameStates({ statuses: ['reserved', 'reserved-sinkholed'], expiresBy: (now ?? (() => new Date()))().toISOString(), limit: 1 });
  if (due.length === 0) return [];
  const connector = openConnector(config.registry);
  try {
    const results = await new NameService({ store, connector, sinkhole: config.registry.sinkhole, now }).expire('system');
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    return [`names: ${results.length} expired blocks lifted (${count('applied')} applied, ${count('already')} already, ${count('refused')} refused, ${count('failed')} failed)`];
  } finally {
    await connector.close();
  }
}
