// The sinkhole as a service of `serve` (issue 11 item 6): when `registry.sinkhole.listen` is set, the
// built-in sinkhole server (src/authserver/sinkhole-server.ts) answers for the names the store has
// sinkholed — re-read every `refreshMs` (10 s) — and logs every query to <data>/sinkhole-log/.
// `dnswarden names sinkhole-serve` runs the same server in the foreground. `sinkholeQueriesOfCase`
// picks a case's entries for the export (GET /api/v1/threat-cases/:id/sinkhole-log).
import path from 'node:path';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Store } from '../store/store.ts';
import { readSinkholeLog, SinkholeLog, startSinkholeServer, type SinkholeQuery, type SinkholeServer } from '../authserver/sinkhole-server.ts';

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
