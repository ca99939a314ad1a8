// `dnswarden serve` for the console's browser tests: the daemon as a child process with the first
// admin's credentials (printed once on stderr), and a small fixture of three built-in authoritative
// servers (a, b, c) serving t.lab. — system t-tld on a and b (a registry), t-auth on c (a grade-1
// provider) — probed every second; and the findings fixture (startFindingsLab). Loopback only.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../../src/authserver/auth-server.ts';
import { loadZoneFile } from '../../src/zone/zonefile.ts';
import type { Zone } from '../../src/zone/zone-types.ts';
import { startServe, stopServe, waitFor, type Serve } from '../platform-harness.ts';

export const TEST_ZONE = `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster 1 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
www   IN A   192.0.2.1
mail  IN A   192.0.2.2
@     IN MX  10 mail
`;

/** `password`: the admin's password now; `printedPassword`: the one printed at start (the same with keepPrintedPassword). */
export interface ConsoleDaemon extends Serve { username: string; password: string; printedPassword: string }

/** The printed first password must be changed before anything else: done here through the API, like a first sign-in does. */
async function replacePrintedPassword(url: string, username: string, printed: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: printed }) });
  if (login.status !== 200) throw new Error(`the printed admin password does not sign in: ${login.status}`);
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const next = `console-test-${printed}-changed`;
  const changed = await fetch(`${url}/api/v1/users/${encodeURIComponent(user.id)}/password`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ current: printed, password: next }) });
  if (changed.status !== 200) throw new Error(`changing the printed admin password failed: ${changed.status} ${await changed.text()}`);
  return next;
}

/** Starts `serve` and waits for its URL and the bootstrap admin's credentials (changed from the printed ones unless kept). */
export async function startConsoleDaemon(config: string, data: string, opts: { keepPrintedPassword?: boolean } = {}): Promise<ConsoleDaemon> {
  const serve = await startServe(config, data);
  try {
    const admin = await waitFor('the console line', () => /console: \S+ — user (\S+), password (\S+) \(shown once/.exec(serve.stderr()) ?? undefined, 15_000);
    const password = opts.keepPrintedPassword ? admin[2] : await replacePrintedPassword(serve.url, admin[1], admin[2]);
    return { ...serve, username: admin[1], password, printedPassword: admin[2] };
  } catch (err) {
    await stopServe(serve);
    throw err;
  }
}

export interface ConsoleLab { servers: AuthServer[]; daemon: ConsoleDaemon; close(): Promise<void> }

/** What differs between the console labs: the zones of nodes a, b and c, lines added to the systems and the config. */
export interface ConsoleLabSpec {
  zones: [Zone, Zone, Zone];
  /** Lines added to system t-tld, to system t-auth (each indented four spaces, ending in a newline), to the http line, after it. */
  tld?: string; auth?: string; http?: string; tail?: string;
  keepPrintedPassword?: boolean;
  /** Runs once the servers listen, before the daemon starts. */
  prepare?(servers: AuthServer[]): void;
}

/** Starts the three servers (a, b for system t-tld, c for t-auth), writes the config into `dir` and starts the daemon. */
export async function startServersAndDaemon(dir: string, token: string, spec: ConsoleLabSpec): Promise<ConsoleLab> {
  const servers: AuthServer[] = [];
  const closeServers = async () => { for (const s of servers) await s.close(); };
  try {
    for (const [i, id] of ['a', 'b', 'c'].entries()) servers.push(await startAuthServer({ zones: [spec.zones[i]], address: '127.0.0.1', port: 0, nodeId: id }));
    const [a, b, c] = servers;
    spec.prepare?.(servers);
    await writeFile(path.join(dir, 'config.yaml'), `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
  - { id: dns1, role: dns-provider, licensedBy: national, grade: 1 }
systems:
  - id: t-tld
    org: reg
    kind: tld
    name: { zh: 测试顶级域, en: Test TLD }
    zone: t.lab.
    nodes:
      - { id: a, address: 127.0.0.1, port: ${a.port} }
      - { id: b, address: 127.0.0.1, port: ${b.port} }
    truth: { zonefile: ./t.lab.zone }
${spec.tld ?? ''}  - id: t-auth
    org: dns1
    kind: authoritative
    zones: [t.lab.]
    nodes:
      - { id: c, address: 127.0.0.1, port: ${c.port} }
    truth: { zonefile: ./t.lab.zone }
${spec.auth ?? ''}probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0", token: "${token}"${spec.http ?? ''} }
${spec.tail ?? ''}`);
    const daemon = await startConsoleDaemon(path.join(dir, 'config.yaml'), path.join(dir, 'data'), { keepPrintedPassword: spec.keepPrintedPassword ?? false });
    return { servers, daemon, close: async () => { await stopServe(daemon); await closeServers(); } };
  } catch (err) {
    await closeServers();
    throw err;
  }
}

/** Writes the zone into `dir`, starts the three servers on it and the daemon. */
export async function startConsoleLab(dir: string, token: string, opts: { sessionTtl?: string; keepPrintedPassword?: boolean; labMailbox?: string } = {}): Promise<ConsoleLab> {
  await writeFile(path.join(dir, 't.lab.zone'), TEST_ZONE);
  const zone = await loadZoneFile(path.join(dir, 't.lab.zone'), 't.lab.');
  return startServersAndDaemon(dir, token, {
    zones: [zone, zone, zone], keepPrintedPassword: opts.keepPrintedPassword,
    http: opts.sessionTtl ? `, sessionTtl: ${opts.sessionTtl}` : '',
    tail: opts.labMailbox ? `lab: { mailbox: ${JSON.stringify(opts.labMailbox)} }\n` : '',
  });
}

// ---- findings and evidence ----------------------------------------------------------------------
// The console fixture for findings and evidence (issue 8), through the real probe path: t.lab. at
// serial …02 is the truth; node a serves it, node b still serves serial …01 with www changed (a lagging
// secondary: lag differences, a serial-lag finding, no data errors within the 15 min tolerance);
// system t-auth's node c serves the truth correctly but drops 5 % of the queries (seeded), so a
// cycle is practically never a census (every one of ~200 RRsets compared) and the evidence accumulates
// as samples: too few checks to call the thresholds either way at first (undetermined), while the
// success rate (~95 %) grades nothing. Loopback only.

const findingsZone = (serial: number, www: string) => `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster ${serial} 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
www   IN A   ${www}
mail  IN A   192.0.2.2
ftp   IN A   192.0.2.3
@     IN MX  10 mail
@     IN TXT "v=spf1 -all"
${Array.from({ length: 200 }, (_, i) => `h${i + 1} IN A 198.51.100.${i + 1}`).join('\n')}
`;

export const TRUTH_SERIAL = 2026120402;
export const OLD_SERIAL = 2026120401;

export interface FindingsLab extends ConsoleLab {
  /** Serves the truth's data under another serial on one server (ahead of the truth: a stale truth). */
  serveSerial(server: AuthServer, serial: number): Promise<void>;
}

export async function startFindingsLab(dir: string, token: string): Promise<FindingsLab> {
  await writeFile(path.join(dir, 't.lab.zone'), findingsZone(TRUTH_SERIAL, '192.0.2.1'));
  await writeFile(path.join(dir, 't.lab.old.zone'), findingsZone(OLD_SERIAL, '192.0.2.99'));
  const truth = await loadZoneFile(path.join(dir, 't.lab.zone'), 't.lab.');
  const old = await loadZoneFile(path.join(dir, 't.lab.old.zone'), 't.lab.');
  const lab = await startServersAndDaemon(dir, token, {
    zones: [truth, old, truth],
    prepare: ([, , c]) => c.setFaults({ dropRate: 0.05, dropSeed: 7 }),
    tld: '    check: { serialLagTolerance: 15m }\n',
    auth: '    name: { zh: 测试权威, en: Test authoritative }\n    check: { sample: 2 }\n',
  });
  const serveSerial = async (server: AuthServer, serial: number) => {
    const file = path.join(dir, `t.lab.${serial}.zone`);
    await writeFile(file, findingsZone(serial, '192.0.2.1'));
    server.setZones([await loadZoneFile(file, 't.lab.')]);
  };
  return { ...lab, serveSerial };
}
