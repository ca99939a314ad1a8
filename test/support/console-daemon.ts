// `dnswarden serve` for the console's browser tests: the daemon as a child process with the first
// admin's credentials (printed once on stderr), and a small fixture of three built-in authoritative
// servers (a, b, c) serving t.lab. — system t-tld on a and b (a registry), t-auth on c (a grade-1
// provider) — probed every second. Loopback only.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../../src/authserver/auth-server.ts';
import { loadZoneFile } from '../../src/zone/zonefile.ts';
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

/** Writes the zone and the config into `dir`, starts the three servers and the daemon. */
export async function startConsoleLab(dir: string, token: string, opts: { sessionTtl?: string; keepPrintedPassword?: boolean; labMailbox?: string } = {}): Promise<ConsoleLab> {
  await writeFile(path.join(dir, 't.lab.zone'), TEST_ZONE);
  const zone = await loadZoneFile(path.join(dir, 't.lab.zone'), 't.lab.');
  const servers: AuthServer[] = [];
  const closeServers = async () => { for (const s of servers) await s.close(); };
  try {
    for (const id of ['a', 'b', 'c']) servers.push(await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: id }));
    const [a, b, c] = servers;
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
  - id: t-auth
    org: dns1
    kind: authoritative
    zones: [t.lab.]
    nodes:
      - { id: c, address: 127.0.0.1, port: ${c.port} }
    truth: { zonefile: ./t.lab.zone }
probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0", token: "${token}"${opts.sessionTtl ? `, sessionTtl: ${opts.sessionTtl}` : ''} }
${opts.labMailbox ? `lab: { mailbox: ${JSON.stringify(opts.labMailbox)} }\n` : ''}`);
    const daemon = await startConsoleDaemon(path.join(dir, 'config.yaml'), path.join(dir, 'data'), { keepPrintedPassword: opts.keepPrintedPassword ?? false });
    return { servers, daemon, close: async () => { await stopServe(daemon); await closeServers(); } };
  } catch (err) {
    await closeServers();
    throw err;
  }
}
