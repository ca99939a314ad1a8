// `dnswarden audit verify|anchor|list`: reads the append-only audit log and checks its hash chain
// (keyed with audit.key when configured), so that anyone with the database and the key can show it
// was not edited, cut or reordered; `anchor` records the head outside the database.
import { formatConfigError } from '../config/config-errors.ts';
import { checkConfigFile } from '../config/load-config.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import { verifyAuditLog } from '../store/audit-verify.ts';
import { parseExpectedHead, writeAnchor, type AnchorTargets } from '../store/audit-anchor.ts';
import { readAuditKey } from '../store/audit-key.ts';
import { openExistingStore } from '../store/open-store.ts';
import type { AuditEntry, Store } from '../store/store.ts';
import { numberOption, parseArgs, UsageError } from './args.ts';

export const help = `usage: dnswarden audit verify --config <config.yaml> [--data <dir>] [--expect-head <seq>:<hash> | <anchor file>] [--json]
       dnswarden audit anchor --config <config.yaml> [--data <dir>] [--out <file>] [--webhook <url>] [--json]
       dnswarden audit list --config <config.yaml> [--data <dir>] [--from <seq>] [--limit <n>] [--json]

verify   reads the whole audit log in pages and checks its hash chain: every entry's hash
         recomputes, every entry names the previous one's hash, and seq runs 1, 2, 3 … without a gap.
         With audit.key or audit.keyFile in the configuration, entries are HMAC-SHA-256 keyed
         ("hmac:…"): someone who can write the database cannot rewrite an entry and recompute the
         chain; the newest entry must be keyed. Entries from before the key stay plain SHA-256.
         --expect-head <seq>:<hash> | <file>  a head recorded earlier (printed by verify, or the file
                                     written by 'audit anchor' / serve's audit.anchor): also detects
                                     that the newest entries were removed or rewritten
anchor   writes the current head {seq, hash, at} to --out <file> (default audit.anchor.file) and/or
         POSTs it as JSON to --webhook <url> (default audit.anchor.webhook); serve does this every
         audit.anchor.interval (default 1h) when audit.anchor is configured
list     prints entries oldest first, one per line (or a JSON array with --json)
         --from <seq> (default 1)   --limit <n> (default 100)

  -c, --config <file>   the configuration: database.url selects the database
  --data <dir>          folder of the embedded database (default ./data); unused when database.url is set
  --json                machine-readable output on stdout

Exit status (verify): 0 the chain is intact ("ok: N entries, head <seq>:<hash>");
1 the chain is broken (which entry, and how, on stderr) or the database cannot be read; 2 usage.
`;

const SPECS = {
  config: { type: 'string', short: 'c' }, data: { type: 'string' }, json: { type: 'boolean' },
  'expect-head': { type: 'string' }, from: { type: 'string' }, limit: { type: 'string' }, out: { type: 'string' }, webhook: { type: 'string' },
} as const;

/** Loads the configuration for a command that needs only its database: problems → stderr, null. */
export async function configForStore(file: string | undefined, command: string): Promise<ResolvedConfig | null> {
  if (!file) throw new UsageError("missing '--config <config.yaml>'");
  const checked = await checkConfigFile(file);
  if (checked.config) return checked.config;
  process.stderr.write(checked.errors.map((e) => `${formatConfigError(e)}\n`).join(''));
  process.stderr.write(`dnswarden ${command}: the configuration has ${checked.errors.length} problem(s)\n`);
  return null;
}

export async function run(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, SPECS);
  const [sub, ...extra] = positionals;
  if (sub !== 'verify' && sub !== 'list' && sub !== 'anchor') throw new UsageError(sub ? `unknown subcommand '${sub}' (verify, anchor or list)` : 'missing subcommand: verify, anchor or list');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const expectedHead = options['expect-head'] === undefined ? undefined : parseHead(options['expect-head']);
  const from = numberOption(options.from, 'from', 1) ?? 1;
  const limit = numberOption(options.limit, 'limit', 1) ?? 100;

  const config = await configForStore(options.config, 'audit');
  if (!config) return 2;
  const key = readAuditKey(config.audit);
  const store = await openExistingStore({ url: config.database.url, dataDir: options.data ?? './data', auditKey: key });
  try {
    if (sub === 'anchor') return await anchor(store, options.json, { file: options.out ?? config.audit?.anchor?.file, webhook: options.webhook ?? config.audit?.anchor?.webhook });
    return sub === 'verify' ? await verify(store, options.json, expectedHead, key) : await list(store, options.json, from, limit);
  } finally {
    await store.close();
  }
}

function parseHead(text: string): { seq: number; hash: string } {
  try {
    return parseExpectedHead(text);
  } catch (err) {
    throw new UsageError(`option '--expect-head' must be <seq>:<hash> or an anchor file: ${(err as Error).message}`);
  }
}

async function anchor(store: Store, json: boolean, to: AnchorTargets): Promise<number> {
  if (!to.file && !to.webhook) throw new UsageError("nowhere to anchor: give '--out <file>' or '--webhook <url>' (or audit.anchor in the configuration)");
  const written = await writeAnchor(store, to, new Date().toISOString());
  if (json) process.stdout.write(`${JSON.stringify({ anchor: written })}\n`);
  else process.stdout.write(written ? `anchored head ${written.seq}:${written.hash}${to.file ? ` in ${to.file}` : ''}${to.webhook ? ' and at the webhook' : ''}\n` : 'the audit log is empty: nothing to anchor\n');
  return 0;
}

async function verify(store: Store, json: boolean, expectedHead: { seq: number; hash: string } | undefined, key: Buffer | null): Promise<number> {
  const verdict = await verifyAuditLog((fromSeq, limit) => store.auditEntries(fromSeq, limit), { pageSize: 1000, expectedHead, key });
  if (json) {
    process.stdout.write(`${JSON.stringify(verdict.ok
      ? { ok: true, entries: verdict.checked, head: verdict.head }
      : { ok: false, seq: verdict.seq, problem: verdict.problem, message: verdict.message, checkedBefore: verdict.checked })}\n`);
    return verdict.ok ? 0 : 1;
  }
  if (verdict.ok) {
    const head = verdict.head ? `${verdict.head.seq}:${verdict.head.hash}` : 'none (empty log)';
    process.stdout.write(`ok: ${verdict.checked} entries, head ${head}\n`);
    return 0;
  }
  process.stderr.write(`audit chain broken at entry ${verdict.seq} (${verdict.problem}): ${verdict.message}\n`);
  process.stderr.write(`${verdict.checked} entries before it verified\n`);
  return 1;
}

async function list(store: Store, json: boolean, from: number, limit: number): Promise<number> {
  const entries = await store.auditEntries(from, limit);
  if (json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(entries.map(line).join(''));
  return 0;
}

function line(e: AuditEntry): string {
  const detail = e.detail === null ? '' : ` ${JSON.stringify(e.detail)}`;
  return `${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${e.org ?? '-'}\t${e.target ?? '-'}${detail}\n`;
}
