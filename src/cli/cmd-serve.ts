// `dnswarden serve --config <config.yaml> [--data <dir>]`: loads the configuration (an invalid one
// starts nothing: problems on stderr, exit 2), opens the platform (store, first admin, contacts,
// incident service, outbox worker: src/daemon/platform.ts), starts the HTTP server and the probing,
// logs one line per cycle to stderr, and shuts down cleanly on SIGINT/SIGTERM.
import type { AddressInfo } from 'node:net';
import { formatConfigError } from '../config/config-errors.ts';
import { checkConfigFile } from '../config/load-config.ts';
import { bootstrapLine, Platform } from '../daemon/platform.ts';
import { buildApp } from '../http/app.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import { ensureKeyedHead, startAnchoring } from '../store/audit-anchor.ts';
import { readAuditKey } from '../store/audit-key.ts';
import { ackSealKey } from '../notify/ack-seal.ts';
import { parseArgs, expectPositionals, UsageError } from './args.ts';
import { version } from './main.ts';

export const help = `usage: dnswarden serve --config <config.yaml> [--data <dir>]

Runs the platform: probes every node of every system each probing.interval, keeps the measurements
and the outage history in the database, and serves the HTTP API on http.listen:
  GET /healthz                 health (no token)
  GET /metrics                 Prometheus metrics (no token; Authorization: Bearer <http.metricsToken> when set)
  GET /                        the web console (sign in; docs/console.md)
  /api/v1/...                  the API (docs/api-v1.md): a console session, a user's API token, or
                               Authorization: Bearer <http.token> (a read-only viewer of the office)
  GET /api/v1/openapi.json     the API as OpenAPI 3.1

  -c, --config <file>   the configuration (see 'dnswarden validate')
  --data <dir>          folder of the embedded database (default ./data); unused when database.url is set

Each cycle is graded; incidents open, regrade and resolve by themselves, and the organisations'
contacts (stored, or organizations[].contacts on first start) are notified through
notifications.email / notifications.webhooks. On the first start an 'admin' user is created and its
password printed once. Console sign-ins last http.sessionTtl (12h); measurement rows older than
database.retention (400d) are deleted every 6 h (incidents, outages and the audit log are kept).

Security (docs/console.md): the first admin must change the printed password at first sign-in.
http.tls {cert, key} serves HTTPS; http.trustProxy: true behind a TLS-terminating proxy; session
cookies are then Secure. http.limits: maxConnections (512), requestTimeout (30s), headersTimeout
(10s), idleTimeout (60s), streamsPerUser (4 live streams). Sign-ins: at most 4 password hashes at
once (2 per address), 30 tries a minute per address, 10 failures per user and address lock for
15 min, 20 per user from anywhere back off. audit.key or audit.keyFile keys the audit chain (HMAC);
audit.anchor {file, webhook, interval} writes the chain's head outside the database (default 1h).

Registry (dnswarden names --help): every minute the blocks whose --until has passed are lifted; with
registry.sinkhole.listen set, the built-in sinkhole server runs on that address.

Logs go to stderr, one line per cycle. SIGINT or SIGTERM stop it cleanly (a second one forces exit).
Exit status: 0 after a clean stop; 2 invalid configuration or usage; 1 cannot start (store, port).
`;

const log = (line: string) => { process.stderr.write(`${line}\n`); };

export async function run(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, { config: { type: 'string', short: 'c' }, data: { type: 'string' } });
  expectPositionals(positionals, []);
  if (!options.config) throw new UsageError("missing '--config <config.yaml>'");

  const checked = await checkConfigFile(options.config);
  if (!checked.config) {
    process.stderr.write(checked.errors.map((e) => `${formatConfigError(e)}\n`).join(''));
    log(`dnswarden serve: the configuration has ${checked.errors.length} problem(s); nothing started`);
    return 2;
  }
  const config = checked.config;
  const dataDir = options.data ?? './data';

  let platform: Platform;
  try {
    platform = await Platform.open({ config, dataDir, version: version(), log, ...tuningFromEnv() });
  } catch (err) {
    log(`dnswarden serve: cannot start: ${(err as Error).message}`);
    return 1;
  }
  const { daemon, store } = platform;
  const app = await buildApp({
    version: version(), config, token: config.http.token,
    latest: () => daemon.latest(), health: () => daemon.health(), metrics: () => daemon.metrics(),
    store, logError: log,
    subscribe: (listener) => platform.subscribe(listener),
    incidents: platform.incidents, findings: platform.findings, threats: platform.threats, now: platform.now, publish: (event) => platform.publish(event),
    sessionTtlMs: config.http.sessionTtlMs,
    ackKey: ackSealKey(readAuditKey(config.audit), dataDir), dataDir,
  });
  try {
    await app.listen({ host: config.http.host, port: config.http.port });
  } catch (err) {
    log(`dnswarden serve: cannot listen on ${config.http.listen}: ${(err as Error).message}`);
    await app.close().catch(() => undefined);
    await platform.stop().catch(() => undefined); // nothing started yet: closes the store
    return 1;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${config.http.tls ? 'https' : 'http'}://${host}:${address.port}`;

  log(`dnswarden ${version()} — 域名安全监测平台已启动 / DNS security monitoring started`);
  log(`  config ${config.file}: ${config.systems.length} system(s), interval ${config.probing.intervalMs / 1000}s`);
  log(`  database: ${config.database.url ? `PostgreSQL (${redactUrl(config.database.url)})` : `embedded, ${dataDir}`}`);
  if (!config.http.token) log('  http.token is not set: the API takes console sign-ins and user API tokens only');
  log(`listening on ${url}`);
  if (platform.bootstrap.created) log(bootstrapLine(url, platform.bootstrap.username, platform.bootstrap.password));

  await platform.start();
  const stopAnchoring = await startAuditSecurity(config, store, platform.now, log);
  const signal = await waitForSignal();
  stopAnchoring();
  log(`${signal}: stopping — 正在停止`);
  const forced = () => { log('second signal: exiting now'); process.exit(1); };
  process.once('SIGINT', forced);
  process.once('SIGTERM', forced);

  // scheduler, incident service, outbox worker, HTTP, store
  await platform.stop({ closeHttp: () => app.close() });
  log('stopped — 已停止');
  process.off('SIGINT', forced);
  process.off('SIGTERM', forced);
  return 0;
}

/** Keys an existing plain audit chain (audit.key) and anchors its head on schedule (audit.anchor). */
async function startAuditSecurity(config: ResolvedConfig, store: Platform['store'], now: () => Date, log: (line: string) => void): Promise<() => void> {
  try {
    if (await ensureKeyedHead(store, readAuditKey(config.audit), now().toISOString())) log('audit: the chain is keyed (HMAC-SHA-256) from here on');
  } catch (err) {
    log(`audit: cannot key the chain: ${(err as Error).message}`);
  }
  const a = config.audit?.anchor;
  if (!a || (!a.file && !a.webhook)) return () => undefined;
  log(`audit: anchoring the head every ${a.intervalMs / 60_000} min${a.file ? ` to ${a.file}` : ''}${a.webhook ? ' and a webhook' : ''}`);
  return startAnchoring(store, { file: a.file, webhook: a.webhook }, a.intervalMs, now, log);
}

/** Test knobs (not for production): DNSWARDEN_OUTBOX_TICK_MS, DNSWARDEN_OUTBOX_LEASE_MS, DNSWARDEN_DEADLINE_TICK_MS. */
function tuningFromEnv(): { outboxTickMs?: number; outboxLeaseMs?: number; deadlineTickMs?: number } {
  const ms = (name: string): number | undefined => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v >= 100 ? v : undefined;
  };
  const out = { outboxTickMs: ms('DNSWARDEN_OUTBOX_TICK_MS'), outboxLeaseMs: ms('DNSWARDEN_OUTBOX_LEASE_MS'), deadlineTickMs: ms('DNSWARDEN_DEADLINE_TICK_MS') };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
