// `dnswarden names sinkhole-log` (who queried sinkholed names, per case) and `names sinkhole-serve`
// (the built-in sinkhole server for the names the store has sinkholed, in the foreground).
import path from 'node:path';
import type { ResolvedConfig } from '../config/config-types.ts';
import { readSinkholeLog, SinkholeLog } from '../authserver/sinkhole-log.ts';
import { startSinkholeServer } from '../authserver/sinkhole-server.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from './args.ts';

export const sinkholeLogDir = (dataDir: string): string => path.join(dataDir, 'sinkhole-log');

export async function sinkholeLog(dataDir: string, caseId: string | undefined, json: boolean): Promise<number> {
  const entries = readSinkholeLog(sinkholeLogDir(dataDir), caseId === undefined ? {} : { case: caseId });
  if (json) process.stdout.write(`${JSON.stringify({ case: caseId ?? null, queries: entries })}\n`);
  else for (const q of entries) process.stdout.write(`${q.at}\t${q.client}#${q.port}\t${q.name}\t${q.type}${q.case ? `\tcase ${q.case}` : ''}\n`);
  return 0;
}

/** The sinkholed names → case, from the store. */
async function sinkholed(store: Store): Promise<Map<string, string | null>> {
  const rows = await store.listNameStates({ statuses: ['sinkholed', 'reserved-sinkholed'] });
  return new Map(rows.map((r) => [r.name, r.caseId]));
}

/** Serves until SIGINT/SIGTERM; the names are re-read from the store every 10 s. */
export async function sinkholeServe(config: ResolvedConfig, store: Store, dataDir: string, listen: string | undefined): Promise<number> {
  const s = config.registry?.sinkhole;
  if (!s) throw new UsageError("the configuration's registry has no sinkhole");
  const m = /^(.+):(\d+)$/.exec(listen ?? `${s.addresses[0]}:53`);
  if (!m) throw new UsageError(`--listen must be address:port (got '${listen}')`);
  let names = await sinkholed(store);
  const log = new SinkholeLog({ dir: sinkholeLogDir(dataDir), maxBytes: s.log.maxBytes, files: s.log.files });
  const server = await startSinkholeServer({ address: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]), addresses: s.addresses, nameservers: s.nameservers, names: () => names, log });
  process.stderr.write(`sinkhole: serving ${names.size} names on ${m[1]}:${server.port}\n`);
  const timer = setInterval(() => { sinkholed(store).then((n) => { names = n; }, (err) => process.stderr.write(`sinkhole: ${(err as Error).message}\n`)); }, 10_000);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  clearInterval(timer);
  await server.close();
  return 0;
}
