// `dnswarden names <action>`: actions on names through the registry connector (contracts "Acting on
// names"): each name applied, recorded on its history and in the audit log, reported per name.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { NAME_ACTIONS, parseUntil, type NameAction } from '../core/names/name-rules.ts';
import { openConnector, sinkholedNames, sinkholeLogDir, startSinkholeService } from '../registry/connectors.ts';
import { NameService, type NameResult } from '../registry/name-service.ts';
import { NameRecords } from '../registry/name-records.ts';
import { ThreatService } from '../threats/threat-service.ts';
import { readAuditKey } from '../store/audit-key.ts';
import { openStore } from '../store/open-store.ts';
import { parseArgs, UsageError } from './args.ts';
import { configForStore } from './cmd-audit.ts';
import path from 'node:path';
import type { ResolvedConfig } from '../config/config-types.ts';
import { readSinkholeLog } from '../authserver/sinkhole-server.ts';
import { parseListen } from '../config/registry-config.ts';
import type { Store } from '../store/store.ts';

export const help = `usage: dnswarden names <action> --config <config.yaml> [--data <dir>] --reason <text> [--case <id>]
                       (<name>… | --file <names.txt>) [--json]
       dnswarden names block … [--sinkhole] [--until <date|duration>]
       dnswarden names status --config <c> (<name>… | --file <f>) [--json]
       dnswarden names refer --registrar <id> --case <id> … | names no-action …
       dnswarden names history --config <c> <name> [--json]
       dnswarden names expire --config <c> [--json]
       dnswarden names sinkhole-log --config <c> [--case <id>] [--json]
       dnswarden names sinkhole-serve --config <c> [--listen <address:port>]

actions (through registry.connector; each recorded on the name's history and in the audit log,
and on the threat case's timeline with --case):
  hold | unhold          remove the name's delegation from the zone (serverHold) / put it back as it was
  lock | unlock          serverTransferProhibited + serverDeleteProhibited + serverUpdateProhibited
                         (dns-update: recorded by dnswarden only, DNS has no statuses; hold and
                         sinkhole then refuse the name until unlock)
  sinkhole | unsinkhole  replace the NS set with registry.sinkhole's nameservers / put the old one back
  block | unblock        reserve unregistered names (a DGA list) so they cannot be registered; with
                         --sinkhole also delegate them to the sinkhole; --until 90d | 2027-03-01 ends
                         the block (names expire lifts the blocks whose period ended)
  status                 each name's state, changes nothing
  refer | no-action      records only: referred to the registrar (--registrar <id>, --case required) /
                         no action taken, with the reason (deletion: API only, two-person approval)
  history                one name's recorded actions
  sinkhole-log           who queried sinkholed names (time, client, name, type), per case with --case
  sinkhole-serve         the built-in sinkhole server for the sinkholed names (on --listen, else
                         registry.sinkhole.listen, else the first sinkhole address, port 53), logging
                         every query to <data>/sinkhole-log/

  -c, --config <file>    the configuration (registry, database.url)
  --data <dir>           folder of the embedded database (default ./data)
  --reason <text>        why (required for changes)
  --case <id>            the threat case the action belongs to
  --file <names.txt>     one name a line (# comments and blank lines ignored), or - for stdin
  --evidence <text>      a URL or note backing the action (repeatable)
  --approver <who>       who approved it
  --requester <who>      who asked for it (default cli:<login>)
  --json                 one JSON document on stdout: { action, results: [{ name, outcome, state?, from?, reason?, note? }], counts }

Every name is reported: applied, already (nothing to change), refused (with the reason) or failed.
Progress goes to stderr on runs of more than 100 names.
Exit status: 0 every name applied or already so; 1 a name refused or failed, or a database or
connector error; 2 usage or invalid configuration.
`;

const SPECS = {
  config: { type: 'string', short: 'c' }, data: { type: 'string' }, json: { type: 'boolean' }, reason: { type: 'string' },
  case: { type: 'string' }, file: { type: 'string' }, evidence: { type: 'string', multiple: true }, approver: { type: 'string' },
  requester: { type: 'string' }, sinkhole: { type: 'boolean' }, until: { type: 'string' }, listen: { type: 'string' }, registrar: { type: 'string' },
} as const;
const OTHER = ['status', 'refer', 'no-action', 'history', 'expire', 'sinkhole-log', 'sinkhole-serve'];

function readNames(file: string | undefined, positionals: string[]): string[] {
  const fromFile = file === undefined ? [] : readFileSync(file === '-' ? 0 : file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  return [...positionals, ...fromFile];
}

export async function run(argv: string[]): Promise<number> {
  const { options: o, positionals } = parseArgs(argv, SPECS);
  const [action, ...rest] = positionals;
  if (!action || !([...NAME_ACTIONS, ...OTHER] as string[]).includes(action)) {
    throw new UsageError(action ? `unknown action '${action}' (${[...NAME_ACTIONS, ...OTHER].join(', ')})` : `missing action: ${[...NAME_ACTIONS, ...OTHER].join(', ')}`);
  }
  if ((o.sinkhole || o.until) && action !== 'block') throw new UsageError('--sinkhole and --until go with block');
  const change = (NAME_ACTIONS as readonly string[]).includes(action) || action === 'refer' || action === 'no-action';
  if (action === 'refer' && (!o.registrar || !o.case)) throw new UsageError('refer needs --registrar <id> and --case <id>');
  if (change && !o.reason?.trim()) throw new UsageError("missing '--reason <text>'");
  const until = o.until ? parseUntil(o.until, new Date()) : undefined;
  if (until && 'error' in until) throw new UsageError(`--until: ${until.error}`);
  const names = action === 'expire' || action.startsWith('sinkhole-') ? [] : readNames(o.file, rest);
  if ((change || action === 'status') && names.length === 0) throw new UsageError('no names: give them as arguments or with --file');
  if (action === 'history' && names.length !== 1) throw new UsageError('history takes one name');

  const config = await configForStore(o.config, 'names');
  if (!config) return 2;
  if (!config.registry && action !== 'history' && action !== 'sinkhole-log') throw new UsageError(`${o.config} has no 'registry' block`);
  const store = await openStore({ url: config.database.url, dataDir: o.data ?? './data', auditKey: readAuditKey(config.audit) });
  try {
    if (action === 'history') return await history(store, names[0], o.json);
    if (action === 'sinkhole-log') return await sinkholeLog(o.data ?? './data', o.case, o.json);
    if (action === 'sinkhole-serve') return await sinkholeServe(config, store, o.data ?? './data', o.listen);
    const connector = openConnector(config.registry!);
    const threats = new ThreatService({ store, config });
    const service = new NameService({ store, connector, sinkhole: config.registry!.sinkhole,
      recordOnCase: (caseId, actor, a) => threats.recordAction(actor, caseId, a) });
    const total = names.length;
    let last = 0;
    // A line each time a phase passes another tenth, and at its end.
    const progress = total > 100 ? (phase: string, done: number, all: number) => {
      const tenth = Math.floor((done * 10) / all);
      if (tenth > last || done === all) { last = tenth; process.stderr.write(`names ${action}: ${phase} ${done}/${all}\n`); }
      if (done === all) last = 0;
    } : undefined;
    const requester = o.requester ?? `cli:${userInfo().username}`;
    const records = new NameRecords({ service, store, connector, sinkhole: config.registry!.sinkhole });
    const results = action === 'expire' ? await service.expire(requester, progress)
      : action === 'refer' || action === 'no-action' ? await records.recordOnly({ action, names, reason: o.reason ?? '', actor: requester, caseId: o.case ?? null,
        registrar: o.registrar, evidence: o.evidence })
      : await service.run({ action: action as NameAction | 'status', names, reason: o.reason ?? '', actor: requester, caseId: o.case ?? null,
        evidence: o.evidence, approver: o.approver ?? null, withSinkhole: o.sinkhole, until: until && 'at' in until ? until.at : null, progress });
    await connector.close();
    print(action, results, o.json);
    return results.every((r) => r.outcome === 'applied' || r.outcome === 'already') ? 0 : 1;
  } finally {
    await store.close();
  }
}

function print(action: string, results: NameResult[], json: boolean): void {
  const counts = { applied: 0, already: 0, refused: 0, failed: 0 };
  for (const r of results) counts[r.outcome]++;
  if (json) { process.stdout.write(`${JSON.stringify({ action, results, counts })}\n`); return; }
  const lines = results.map((r) => `${r.name}\t${r.outcome}${r.state ? `\t${r.state.status}${r.state.locked ? ' locked' : ''}` : ''}${r.reason ? `\t${r.reason}` : ''}${r.note ? `\t(${r.note})` : ''}`);
  process.stdout.write(`${lines.join('\n')}${lines.length ? '\n' : ''}names ${action}: ${counts.applied} applied, ${counts.already} already, ${counts.refused} refused, ${counts.failed} failed\n`);
}

async function history(store: Awaited<ReturnType<typeof openStore>>, raw: string, json: boolean): Promise<number> {
  const name = raw.trim().toLowerCase().replace(/\.?$/, '.');
  const entries = await store.nameHistory(name);
  if (json) process.stdout.write(`${JSON.stringify({ name, history: entries })}\n`);
  else for (const e of entries) process.stdout.write(`${e.at}\t${e.action}\t${e.outcome}\t${e.actor}\t${e.reason}${e.caseId ? `\tcase ${e.caseId}` : ''}\n`);
  return 0;
}

// `dnswarden names sinkhole-log` (who queried sinkholed names, per case) and `names sinkhole-serve`
// (the built-in sinkhole server for the names the store has sinkholed, in the foreground).
export { sinkholeLogDir };

export async function sinkholeLog(dataDir: string, caseId: string | undefined, json: boolean): Promise<number> {
  const entries = readSinkholeLog(sinkholeLogDir(dataDir), caseId === undefined ? {} : { case: caseId });
  if (json) process.stdout.write(`${JSON.stringify({ case: caseId ?? null, queries: entries })}\n`);
  else for (const q of entries) process.stdout.write(`${q.at}\t${q.client}#${q.port}\t${q.name}\t${q.type}${q.case ? `\tcase ${q.case}` : ''}\n`);
  return 0;
}

/** Serves until SIGINT/SIGTERM on --listen, else registry.sinkhole.listen, else the first sinkhole address port 53; the names are re-read from the store every 10 s. */
export async function sinkholeServe(config: ResolvedConfig, store: Store, dataDir: string, listen: string | undefined): Promise<number> {
  const s = config.registry?.sinkhole;
  if (!s) throw new UsageError("the configuration's registry has no sinkhole");
  const at = listen !== undefined ? parseListen(listen) : s.listen ?? { address: s.addresses[0], port: 53 };
  if (!at) throw new UsageError(`--listen must be address:port (got '${listen}')`);
  const server = await startSinkholeService({ config, store, dataDir, listen: at, log: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(`sinkhole: serving ${(await sinkholedNames(store)).size} names on ${at.address}:${server.port}\n`);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  await server.close();
  return 0;
}
