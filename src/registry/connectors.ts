// The registry connectors by kind (issue 11 item 5): each lives in its own folder with its config
// schema (src/config/registry-config.ts plugs the schemas in), README paragraph and tests, and passes
// the shared contract (connector.contract.ts). And what `serve` runs for the registry: block expiry, and
// the sinkhole service (issue 11 item 6) — when `registry.sinkhole.listen` is set, the built-in sinkhole
// server (src/authserver/sinkhole-server.ts) answers for the names the store has sinkholed, re-read
// every `refreshMs` (10 s), and logs every query to <data>/sinkhole-log/; `names sinkhole-serve` runs
// the same service in the foreground; `sinkholeQueriesOfCase` picks a case's entries for the export
// (GET /api/v1/threat-cases/:id/sinkhole-log).
import type { RegistrySettings, ResolvedConnector } from '../config/registry-config.ts';
import type { RegistryConnector } from './connector.ts';
import { readFileSync } from 'node:fs';
import { DnsUpdateConnector } from './dns-update/dns-update-connector.ts';
import { EppConnector } from './epp/epp-connector.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Store } from '../store/store.ts';
import { NameService } from './name-service.ts';
import path from 'node:path';
import { readSinkholeLog, SinkholeLog, startSinkholeServer, type SinkholeQuery, type SinkholeServer } from '../authserver/sinkhole-server.ts';

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

export const sinkholeLogDir = (dataDir: string): string => path.join(dataDir, 'sinkhole-log');

/** The sinkholed names → case, from the store. */
export async function sinkholedNames(store: Store): Promise<Map<string, string | null>> {
  const rows = await store.listNameStates({ statuses: ['sinkholed', 'reserved-sinkholed'] });
  return new Map(rows.map((r) => [r.name, r.caseId]));
}

export interface RunningSinkhole { address: string; port: number; close(): Promise<void> }

/** Starts the sinkhole on `listen` (address and port; port 0 picks a free one). */
export async function startSinkholeService(o: { config: ResolvedConfig; store: Store; dataDir: string; listen: { address: string; port: number };
  refreshMs?: number; log?: (line: string) => void; now?: () => Date }): Promise<RunningSinkhole> {
  const s = o.config.registry?.sinkhole;
  if (!s) throw new Error("the configuration's registry has no sinkhole");
  let names = await sinkholedNames(o.store);
  const log = new SinkholeLog({ dir: sinkholeLogDir(o.dataDir), maxBytes: s.log.maxBytes, files: s.log.files });
  let server: SinkholeServer;
  try {
    server = await startSinkholeServer({ address: o.listen.address, port: o.listen.port, addresses: s.addresses, nameservers: s.nameservers,
      names: () => names, log, ...(o.now ? { now: o.now } : {}) });
  } catch (err) {
    log.close();
    throw err;
  }
  const timer = setInterval(() => {
    sinkholedNames(o.store).then((n) => { names = n; }, (err) => o.log?.(`sinkhole: ${(err as Error).message}`));
  }, o.refreshMs ?? 10_000);
  timer.unref();
  return { address: o.listen.address, port: server.port, close: async () => { clearInterval(timer); await server.close(); } };
}

/** The log entries of a case: logged with the case, or asking for one of its names (or below one). */
export function sinkholeQueriesOfCase(dataDir: string, caseId: string, names: readonly string[]): SinkholeQuery[] {
  const own = names.map((n) => `${n.toLowerCase().replace(/\.$/, '')}.`);
  const ofName = (q: SinkholeQuery) => own.some((n) => q.name === n || q.name.endsWith(`.${n}`) || q.sinkholed === n);
  return readSinkholeLog(sinkholeLogDir(dataDir)).filter((q) => q.case === caseId || ofName(q));
}
